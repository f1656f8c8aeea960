package dev.blobpipe.cli;

import picocli.CommandLine.Command;

/**
 * {@code blobpipe admin …}: operator commands against a running system. They find it through the data dir of
 * {@code blobpipe dev} ({@link DevRuntime}).
 */
@Command(name = "admin", mixinStandardHelpOptions = true,
        description = "Operator commands against a running blobpipe (found through its --data-dir).",
        subcommands = {CompactCommand.class, DuCommand.class, FindCommand.class, StatsCommand.class,
                ExportCommand.class, RebuildCatalogCommand.class})
final class AdminCommand {
}
