package dev.blobpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.catalog.CatalogConfig;
import dev.blobpipe.catalog.CatalogDatabase;
import dev.blobpipe.catalog.PartInfo;
import dev.blobpipe.catalog.PostgresCatalog;
import dev.blobpipe.cli.testing.BlobpipeFixture;
import dev.blobpipe.schemas.ObjectLocation;
import dev.blobpipe.schemas.UploadId;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code blobpipe admin compact} against the running dev system: an aborted multipart upload's parts are deleted from
 * the blob directory at once (no grace: no reader can be using them), a live object's blob stays.
 */
class CompactCommandTest {

    @Test
    void compactDeletesAnAbortedUploadsPartsAndKeepsLiveObjects() throws Exception {
        // given: a live object, and a multipart upload with two parts (too big to be packed) that is then aborted
        BlobpipeFixture fixture = BlobpipeFixture.shared();
        Path blobRoot = fixture.dataDir().resolve("blobs");
        String bucket = BlobpipeFixture.uniqueBucket("compact");
        List<Path> partFiles;
        Path liveFile;
        ObjectLocation live;
        try (S3Client s3 = fixture.client();
                CatalogDatabase database = CatalogDatabase.open(CatalogConfig.Values.defaults(
                        DevRuntime.read(fixture.dataDir()).jdbcUrl(), "postgres", ""))) {
            var catalog = new PostgresCatalog(database);
            s3.createBucket(create -> create.bucket(bucket));
            s3.putObject(put -> put.bucket(bucket).key("keep.txt"), RequestBody.fromString("still here"));
            String uploadId = s3.createMultipartUpload(create -> create.bucket(bucket).key("big.bin")).uploadId();
            for (int part = 1; part <= 2; part++) {
                int partNumber = part;
                s3.uploadPart(upload -> upload.bucket(bucket).key("big.bin").uploadId(uploadId)
                        .partNumber(partNumber), RequestBody.fromBytes(partBody(partNumber)));
            }
            partFiles = catalog.parts(new UploadId(uploadId), 0, 10).stream()
                    .map(PartInfo::location).map(location -> blobRoot.resolve(location.blobName())).toList();
            live = catalog.object(bucket, "keep.txt").orElseThrow().location();
            liveFile = blobRoot.resolve(live.blobName());
            assertThat(partFiles).hasSize(2).allMatch(Files::exists);
            s3.abortMultipartUpload(abort -> abort.bucket(bucket).key("big.bin").uploadId(uploadId));
        }

        // when
        var out = new StringWriter();
        int exitCode = new CommandLine(new Main()).setOut(new PrintWriter(out))
                .execute("admin", "compact", "--data-dir", fixture.dataDir().toString());

        // then: dev's own compactor may have swept first; either way the parts are gone and the object is not
        assertThat(exitCode).isZero();
        assertThat(out.toString()).startsWith("compaction ");
        assertThat(partFiles).noneMatch(Files::exists);
        assertThat(liveFile).exists();
        assertThat(new String(readRange(liveFile, live), StandardCharsets.UTF_8)).isEqualTo("still here");
    }

    /** The object's bytes (small objects are a range of a pack segment). */
    private static byte[] readRange(Path file, ObjectLocation location) throws IOException {
        try (FileChannel channel = FileChannel.open(file)) {
            ByteBuffer bytes = ByteBuffer.allocate((int) location.lengthBytes());
            while (bytes.hasRemaining() && channel.read(bytes, location.offset() + bytes.position()) >= 0) {
                // reads until the range is full
            }
            return bytes.array();
        }
    }

    /** Just over archiver.pack.threshold.bytes, so the part is a blob of its own rather than a range of a segment. */
    private static byte[] partBody(int partNumber) {
        byte[] body = new byte[(1 << 20) + 1024];
        Arrays.fill(body, (byte) partNumber);
        return body;
    }
}
