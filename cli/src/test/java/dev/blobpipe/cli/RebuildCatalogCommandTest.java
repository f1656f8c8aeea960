package dev.blobpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.cli.testing.BlobpipeFixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** {@code blobpipe admin rebuild-catalog --compare} against the running dev system, after S3 traffic. */
class RebuildCatalogCommandTest {

    @Test
    void catalogRebuiltFromEventsEqualsTheLiveOne() {
        // given: puts, an overwrite, a delete, a rejected conditional put and a multipart upload with a replaced part
        BlobpipeFixture fixture = BlobpipeFixture.shared();
        String bucket = BlobpipeFixture.uniqueBucket("rebuild");
        try (S3Client s3 = fixture.client()) {
            s3.createBucket(create -> create.bucket(bucket));
            s3.putObject(put -> put.bucket(bucket).key("a.txt"), RequestBody.fromString("first"));
            s3.putObject(put -> put.bucket(bucket).key("a.txt"), RequestBody.fromString("second"));
            s3.putObject(put -> put.bucket(bucket).key("b.txt"), RequestBody.fromString("to delete"));
            s3.deleteObject(delete -> delete.bucket(bucket).key("b.txt"));
            assertThat(putIfAbsentFails(s3, bucket, "a.txt")).isTrue();
            String uploadId = s3.createMultipartUpload(create -> create.bucket(bucket).key("big.bin")).uploadId();
            s3.uploadPart(part -> part.bucket(bucket).key("big.bin").uploadId(uploadId).partNumber(1),
                    RequestBody.fromString("part one, first try"));
            String etag = s3.uploadPart(part -> part.bucket(bucket).key("big.bin").uploadId(uploadId).partNumber(1),
                    RequestBody.fromString("part one")).eTag();
            s3.completeMultipartUpload(complete -> complete.bucket(bucket).key("big.bin").uploadId(uploadId)
                    .multipartUpload(upload -> upload.parts(CompletedPart.builder().partNumber(1).eTag(etag).build())));
            assertThat(s3.getObjectAsBytes(get -> get.bucket(bucket).key("big.bin")).asString(StandardCharsets.UTF_8))
                    .isEqualTo("part one");
        }
        String database = "rebuild_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);

        // when
        var out = new StringWriter();
        var err = new StringWriter();
        int exitCode = new CommandLine(new Main()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute("admin", "rebuild-catalog", "--data-dir", fixture.dataDir().toString(), "--database",
                        database, "--compare");

        // then
        assertThat(exitCode).as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("rebuilt catalog database=" + database).contains("objects equal")
                .contains("multipart_parts equal").contains("catalogs equal");
    }

    private static boolean putIfAbsentFails(S3Client s3, String bucket, String key) {
        try {
            s3.putObject(put -> put.bucket(bucket).key(key).ifNoneMatch("*"), RequestBody.fromString("third"));
            return false;
        } catch (S3Exception e) {
            return e.statusCode() == 412;
        }
    }
}
