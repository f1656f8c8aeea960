package dev.blobpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.catalog.CatalogConfig;
import dev.blobpipe.catalog.CatalogDatabase;
import dev.blobpipe.catalog.PartInfo;
import dev.blobpipe.catalog.PostgresCatalog;
import dev.blobpipe.cli.testing.BlobpipeFixture;
import dev.blobpipe.schemas.UploadId;
import java.io.PrintWriter;
import java.io.StringWriter;
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
        // given: a live object, and a multipart upload with two parts that is then aborted (all above the pack
        // threshold, so each has a blob of its own: pack segments are left to segment compaction)
        BlobpipeFixture fixture = BlobpipeFixture.shared();
        Path blobRoot = fixture.dataDir().resolve("blobs");
        String bucket = BlobpipeFixture.uniqueBucket("compact");
        List<Path> partFiles;
        Path liveFile;
        try (S3Client s3 = fixture.client();
                CatalogDatabase database = CatalogDatabase.open(CatalogConfig.Values.defaults(
                        DevRuntime.read(fixture.dataDir()).jdbcUrl(), "postgres", ""))) {
            var catalog = new PostgresCatalog(database);
            s3.createBucket(create -> create.bucket(bucket));
            s3.putObject(put -> put.bucket(bucket).key("keep.txt"), RequestBody.fromBytes(body('k')));
            String uploadId = s3.createMultipartUpload(create -> create.bucket(bucket).key("big.bin")).uploadId();
            for (int part = 1; part <= 2; part++) {
                int partNumber = part;
                s3.uploadPart(upload -> upload.bucket(bucket).key("big.bin").uploadId(uploadId)
                        .partNumber(partNumber), RequestBody.fromBytes(body((char) ('0' + partNumber))));
            }
            partFiles = catalog.parts(new UploadId(uploadId), 0, 10).stream()
                    .map(PartInfo::location).map(location -> blobRoot.resolve(location.blobName())).toList();
            liveFile = blobRoot.resolve(catalog.object(bucket, "keep.txt").orElseThrow().location().blobName());
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
        try (S3Client s3 = fixture.client()) {
            assertThat(s3.getObjectAsBytes(get -> get.bucket(bucket).key("keep.txt")).asByteArray())
                    .isEqualTo(body('k'));
        }
    }

    /** Just above the archiver's pack threshold (1 MiB), filled with {@code fill}. */
    private static byte[] body(char fill) {
        byte[] body = new byte[(1 << 20) + 1];
        Arrays.fill(body, (byte) fill);
        return body;
    }
}
