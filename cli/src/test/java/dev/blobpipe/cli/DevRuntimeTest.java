package dev.blobpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevRuntimeTest {
    @TempDir
    Path dataDir;

    @Test
    void readsBackWhatWasWritten() throws IOException {
        var written = new DevRuntime("jdbc:postgresql://127.0.0.1:5432/blobpipe?user=postgres", "127.0.0.1:9092",
                dataDir.resolve("blobs"), URI.create("http://127.0.0.1:9000"));

        written.write(dataDir);

        assertThat(DevRuntime.read(dataDir)).isEqualTo(written);
    }

    @Test
    void tellsHowToStartDevWhenNoneRanOnTheDataDir() {
        assertThatThrownBy(() -> DevRuntime.read(dataDir))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("blobpipe dev --data-dir " + dataDir);
    }
}
