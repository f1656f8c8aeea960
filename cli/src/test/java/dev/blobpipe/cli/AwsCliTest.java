package dev.blobpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.cli.testing.AwsCli;
import dev.blobpipe.cli.testing.BlobpipeFixture;
import dev.blobpipe.cli.testing.GeneratedBody;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AWS CLI (installed by .ci/run when missing) against blobpipe dev: the tour from the README, with files under
 * 8 MiB (single PUTs; AwsCliMultipartTest covers the CLI's multipart path).
 */
class AwsCliTest {
    private final BlobpipeFixture blobpipe = BlobpipeFixture.shared();

    @TempDir
    Path temp;
    private AwsCli cli;

    @Test
    void awsCliMakesCopiesListsSyncsAndRemoves() throws Exception {
        cli = new AwsCli(blobpipe, temp, "");
        String bucket = BlobpipeFixture.uniqueBucket("cli");
        Path upload = temp.resolve("upload.bin");
        try (InputStream body = new GeneratedBody(7, 5_000_000)) {
            Files.copy(body, upload);
        }
        Path tree = temp.resolve("tree");
        for (int i = 0; i < 100; i++) {
            Path file = tree.resolve("dir-" + (i % 10)).resolve("file-" + i + ".txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, "file " + i + "\n".repeat(i));
        }

        aws("s3", "mb", "s3://" + bucket);
        aws("s3", "cp", upload.toString(), "s3://" + bucket + "/data/upload.bin");
        Path download = temp.resolve("download.bin");
        aws("s3", "cp", "s3://" + bucket + "/data/upload.bin", download.toString());
        run(List.of("cmp", upload.toString(), download.toString()));

        aws("s3", "sync", tree.toString(), "s3://" + bucket + "/tree/");
        String listing = aws("s3", "ls", "--recursive", "s3://" + bucket + "/tree/dir-3/");
        assertThat(listing.lines()).hasSize(10).allMatch(line -> line.contains("tree/dir-3/file-"));
        String topLevel = aws("s3", "ls", "s3://" + bucket + "/");
        assertThat(topLevel).contains("PRE data/").contains("PRE tree/");

        aws("s3", "rm", "--recursive", "s3://" + bucket + "/tree/");
        aws("s3", "rm", "s3://" + bucket + "/data/upload.bin");
        assertThat(aws("s3", "ls", "--recursive", "s3://" + bucket + "/")).isBlank();
        aws("s3", "rb", "s3://" + bucket);
        assertThat(aws("s3", "ls")).doesNotContain(bucket);
    }

    private String aws(String... arguments) throws IOException, InterruptedException {
        return cli.aws(Duration.ofMinutes(5), arguments);
    }

    private String run(List<String> command) throws IOException, InterruptedException {
        return cli.run(command, Duration.ofMinutes(5));
    }
}
