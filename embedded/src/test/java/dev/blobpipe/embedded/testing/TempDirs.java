package dev.blobpipe.embedded.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removes the temporary directories of test fixtures at JVM exit. */
public final class TempDirs {

    private TempDirs() {
    }

    /** Deletes {@code dir} and everything below it; best effort, since it runs in a shutdown hook. */
    public static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // Shutdown hook: a leftover temp dir is harmless and there is no one left to tell.
        }
    }
}
