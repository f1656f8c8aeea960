package dev.blobpipe.cli;

import dev.blobpipe.schemas.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code blobpipe} command. */
@Command(name = "blobpipe", mixinStandardHelpOptions = true, version = "blobpipe 0.1.0",
        description = "A self-hosted blob store with an S3-compatible API whose write path runs through Kafka.",
        subcommands = {DevCommand.class, ServeCommand.class, AdminCommand.class, SettingsCommand.class, CommandLine.HelpCommand.class})
public final class Main {
    public static void main(String[] args) {
        int exitCode = commandLine().execute(args);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }

    /** The command line as {@link #main} runs it, for tests that capture its output. */
    static CommandLine commandLine() {
        return new CommandLine(new Main())
                .setExecutionExceptionHandler((exception, command, parsed) -> {
                    if (exception instanceof ConfigException) {
                        // a bad setting is the user's to fix: name it, no stack trace
                        command.getErr().println("blobpipe: " + exception.getMessage());
                        return 2;
                    }
                    throw exception;
                });
    }
}
