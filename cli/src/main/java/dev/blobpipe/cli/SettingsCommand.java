package dev.blobpipe.cli;

import dev.blobpipe.schemas.config.ConfigKey;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code blobpipe settings}: every setting with its type, default and doc, from the keys' own definitions. */
@Command(name = "settings", mixinStandardHelpOptions = true,
        description = "List every setting (for --set KEY=VALUE) with its type, default and meaning.")
final class SettingsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        for (ConfigKey<?> key : Settings.allKeys()) {
            System.out.printf("%s  (%s, default %s)%n    %s%n", key.name(), key.typeName(),
                    key.display(key.defaultValue()), key.doc());
        }
        return 0;
    }
}
