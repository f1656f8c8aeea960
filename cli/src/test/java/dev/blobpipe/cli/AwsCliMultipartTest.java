package dev.blobpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.cli.testing.AwsCli;
import dev.blobpipe.cli.testing.BlobpipeFixture;
import dev.blobpipe.cli.testing.GeneratedBody;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The AWS CLI's multipart paths against blobpipe dev: {@code s3 cp} of a file above the multipart threshold, up (a
 * multipart upload of 8 MiB parts, 10 at a time) and down (ranged GETs in parallel), and {@code s3 cp -} from a pipe,
 * which the CLI turns into a multipart upload of unknown length.
 */
class AwsCliMultipartTest {
    private static final long MIB = 1L << 20;
    private static final long CHUNK = 8 * MIB;
    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    // the CLI's defaults written out, so that the expected part count cannot drift with a CLI release
    private static final String CONFIG = """
            [default]
            s3 =
                multipart_threshold = 8MB
                multipart_chunksize = 8MB
            """;

    private static final S3Client s3 = BlobpipeFixture.shared().sharedClient();
    private final BlobpipeFixture blobpipe = BlobpipeFixture.shared();

    @TempDir
    Path temp;

    @Test
    void fileOf200MibCopiesUpAsMultipartAndDownByteIdentical() throws Exception {
        // given
        AwsCli cli = new AwsCli(blobpipe, temp, CONFIG);
        String bucket = BlobpipeFixture.uniqueBucket("cli-mpu");
        Path upload = generatedFile("upload.bin", 1, 200 * MIB);
        cli.aws(TIMEOUT, "s3", "mb", "s3://" + bucket);

        // when
        cli.aws(TIMEOUT, "s3", "cp", upload.toString(), "s3://" + bucket + "/big/upload.bin");
        Path download = temp.resolve("download.bin");
        cli.aws(TIMEOUT, "s3", "cp", "s3://" + bucket + "/big/upload.bin", download.toString());

        // then
        cli.run(List.of("cmp", upload.toString(), download.toString()), TIMEOUT);
        assertThat(s3.headObject(head -> head.bucket(bucket).key("big/upload.bin")).eTag())
                .as("a multipart ETag over 25 parts of 8 MiB")
                .isEqualTo(multipartEtag(upload, CHUNK));
    }

    @Test
    void streamFromAPipeUploadsAndDownloadsByteIdentical() throws Exception {
        // given: 50,000,000 bytes, not a multiple of the part size, so the last part is short
        AwsCli cli = new AwsCli(blobpipe, temp, CONFIG);
        String bucket = BlobpipeFixture.uniqueBucket("cli-stream");
        Path source = generatedFile("source.bin", 2, 50_000_000);
        cli.aws(TIMEOUT, "s3", "mb", "s3://" + bucket);

        // when: the CLI reads stdin of unknown length
        cli.bash(TIMEOUT, "cat " + quoted(source.toString()) + " | "
                + cli.shellCommand("s3", "cp", "-", "s3://" + bucket + "/streamed"));
        Path download = temp.resolve("streamed.bin");
        cli.aws(TIMEOUT, "s3", "cp", "s3://" + bucket + "/streamed", download.toString());

        // then
        cli.run(List.of("cmp", source.toString(), download.toString()), TIMEOUT);
        assertThat(s3.headObject(head -> head.bucket(bucket).key("streamed")).contentLength())
                .isEqualTo(50_000_000L);
        assertThat(s3.headObject(head -> head.bucket(bucket).key("streamed")).eTag())
                .as("the stream went up as a multipart upload")
                .matches("\"[0-9a-f]{32}-[0-9]+\"");
    }

    private Path generatedFile(String name, long seed, long sizeBytes) throws IOException {
        Path file = temp.resolve(name);
        try (InputStream body = new GeneratedBody(seed, sizeBytes)) {
            Files.copy(body, file);
        }
        return file;
    }

    /** The S3 ETag a multipart upload of this file in parts of {@code partSize} bytes gets. */
    private static String multipartEtag(Path file, long partSize) throws IOException, NoSuchAlgorithmException {
        MessageDigest md5OfMd5s = MessageDigest.getInstance("MD5");
        int parts = 0;
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            boolean more = true;
            while (more) {
                MessageDigest partMd5 = MessageDigest.getInstance("MD5");
                long inPart = 0;
                while (inPart < partSize) {
                    int count = in.read(buffer, 0, (int) Math.min(buffer.length, partSize - inPart));
                    if (count < 0) {
                        more = false;
                        break;
                    }
                    partMd5.update(buffer, 0, count);
                    inPart += count;
                }
                if (inPart > 0) {
                    md5OfMd5s.update(partMd5.digest());
                    parts++;
                }
            }
        }
        return "\"" + HexFormat.of().formatHex(md5OfMd5s.digest()) + "-" + parts + "\"";
    }

    private static String quoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
