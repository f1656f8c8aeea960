package dev.blobpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.cli.testing.BlobpipeFixture;
import dev.blobpipe.cli.testing.GeneratedBody;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AWS CLI (installed by .ci/run when missing) against blobpipe dev: the tour from the README. Files stay under
 * 8 MiB, where the CLI would switch to multipart uploads (a later issue).
 */
class AwsCliTest {
    private final BlobpipeFixture blobpipe = BlobpipeFixture.shared();

    @TempDir
    Path temp;

    @Test
    void awsCliMakesCopiesListsSyncsAndRemoves() throws Exception {
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
        List<String> command = new ArrayList<>(List.of("aws", "--endpoint-url", blobpipe.endpoint().toString()));
        command.addAll(List.of(arguments));
        return run(command);
    }

    private String run(List<String> command) throws IOException, InterruptedException {
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        var environment = builder.environment();
        environment.put("AWS_ACCESS_KEY_ID", BlobpipeFixture.ACCESS_KEY);
        environment.put("AWS_SECRET_ACCESS_KEY", BlobpipeFixture.SECRET_KEY);
        environment.put("AWS_DEFAULT_REGION", "us-east-1");
        // no user profile or config may change what the CLI sends
        environment.put("AWS_CONFIG_FILE", temp.resolve("aws-config").toString());
        environment.put("AWS_SHARED_CREDENTIALS_FILE", temp.resolve("aws-credentials").toString());
        environment.remove("AWS_PROFILE");
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(300, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        String text = new String(output, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("%s exit code; output:%n%s", command, text).isZero();
        return text;
    }
}
