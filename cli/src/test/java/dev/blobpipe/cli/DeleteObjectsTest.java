package dev.blobpipe.cli;

import static dev.blobpipe.cli.testing.S3Errors.assertKeyAbsent;
import static dev.blobpipe.cli.testing.S3Errors.assertS3Error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.blobpipe.cli.testing.BlobpipeFixture;
import dev.blobpipe.cli.testing.TextBody;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.DeletedObject;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * DeleteObjects through the AWS SDK v2 with its defaults (it sends a flexible checksum of the document): up to 1,000
 * keys in one request, Quiet mode, per-key errors beside successful deletes, and absent keys reported as deleted.
 */
class DeleteObjectsTest {
    private static final int MAX_KEYS = 1000;
    private static final String TOO_LONG_KEY = "日".repeat(341) + "ab";
    private static final S3Client s3 = BlobpipeFixture.shared().sharedClient();

    @Test
    void thousandKeysAreDeletedInOneRequest() throws Exception {
        // given
        String bucket = newBucket("thousand");
        List<String> keys = IntStream.range(0, MAX_KEYS).mapToObj(i -> String.format("dir/key-%04d", i)).toList();
        putAll(bucket, keys);
        assertThat(listAll(bucket)).hasSize(MAX_KEYS);

        // when
        DeleteObjectsResponse response = deleteObjects(bucket, keys, false);

        // then
        assertThat(response.errors()).isEmpty();
        assertThat(response.deleted()).extracting(DeletedObject::key).containsExactlyInAnyOrderElementsOf(keys);
        assertThat(listAll(bucket)).isEmpty();
        assertKeyAbsent(s3, bucket, keys.get(0));
        assertKeyAbsent(s3, bucket, keys.get(MAX_KEYS - 1));
    }

    @Test
    void moreThanThousandKeysIsMalformedXml() throws Exception {
        // given
        String bucket = newBucket("toomany");
        putAll(bucket, List.of("kept"));
        List<String> keys = new ArrayList<>(List.of("kept"));
        IntStream.range(0, MAX_KEYS).forEach(i -> keys.add("absent-" + i));

        // when / then
        assertS3Error(() -> deleteObjects(bucket, keys, false), 400, "MalformedXML");
        assertThat(s3.getObjectAsBytes(get -> get.bucket(bucket).key("kept")).asUtf8String()).isEqualTo("kept");
    }

    @Test
    void quietModeReturnsOnlyTheErrors() throws Exception {
        // given
        String bucket = newBucket("quiet");
        putAll(bucket, List.of("a", "b", "c"));

        // when
        DeleteObjectsResponse response = deleteObjects(bucket, List.of("a", TOO_LONG_KEY, "b", "c"), true);

        // then
        assertThat(response.deleted()).isEmpty();
        assertThat(response.errors()).singleElement().satisfies(error -> {
            assertThat(error.key()).isEqualTo(TOO_LONG_KEY);
            assertThat(error.code()).isEqualTo("KeyTooLongError");
        });
        assertThat(listAll(bucket)).isEmpty();
    }

    @Test
    void quietModeWithoutErrorsReturnsAnEmptyResult() throws Exception {
        // given
        String bucket = newBucket("quietok");
        putAll(bucket, List.of("a", "b"));

        // when
        DeleteObjectsResponse response = deleteObjects(bucket, List.of("a", "b"), true);

        // then
        assertThat(response.deleted()).isEmpty();
        assertThat(response.errors()).isEmpty();
        assertThat(listAll(bucket)).isEmpty();
    }

    @Test
    void tooLongKeyGetsItsOwnErrorWhileTheOthersAreDeleted() throws Exception {
        // given
        String bucket = newBucket("perkey");
        putAll(bucket, List.of("first", "second", "survivor"));
        assertThat(TOO_LONG_KEY.getBytes(StandardCharsets.UTF_8)).hasSize(1025);

        // when
        DeleteObjectsResponse response = deleteObjects(bucket, List.of("first", TOO_LONG_KEY, "second"), false);

        // then
        assertThat(response.deleted()).extracting(DeletedObject::key).containsExactlyInAnyOrder("first", "second");
        assertThat(response.errors()).extracting(S3Error::key, S3Error::code)
                .containsExactly(tuple(TOO_LONG_KEY, "KeyTooLongError"));
        assertThat(response.errors().get(0).message()).isNotBlank();
        assertThat(listAll(bucket)).containsExactly("survivor");
    }

    @Test
    void absentKeysAreReportedDeleted() throws Exception {
        // given
        String bucket = newBucket("absent");
        putAll(bucket, List.of("present"));

        // when
        DeleteObjectsResponse response = deleteObjects(bucket, List.of("never-1", "present", "never-2"), false);

        // then
        assertThat(response.errors()).isEmpty();
        assertThat(response.deleted()).extracting(DeletedObject::key)
                .containsExactlyInAnyOrder("never-1", "present", "never-2");
        assertThat(listAll(bucket)).isEmpty();
    }

    @Test
    void deleteObjectsInAMissingBucketIsNoSuchBucket() {
        // given
        String bucket = BlobpipeFixture.uniqueBucket("del-nobucket");

        // when / then
        assertS3Error(() -> deleteObjects(bucket, List.of("k"), false), 404, "NoSuchBucket");
    }

    private static DeleteObjectsResponse deleteObjects(String bucket, List<String> keys, boolean quiet) {
        List<ObjectIdentifier> objects = keys.stream().map(key -> ObjectIdentifier.builder().key(key).build())
                .toList();
        return s3.deleteObjects(delete -> delete.bucket(bucket).delete(d -> d.objects(objects).quiet(quiet)));
    }

    /** Writes each key with its own name as the body, eight at a time. */
    private static void putAll(String bucket, List<String> keys) throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> puts = keys.stream().<Future<?>>map(key -> writers.submit(
                    () -> s3.putObject(put -> put.bucket(bucket).key(key), TextBody.of(key)))).toList();
            for (Future<?> put : puts) {
                put.get(2, TimeUnit.MINUTES);
            }
        } finally {
            writers.shutdownNow();
        }
    }

    private static List<String> listAll(String bucket) {
        return s3.listObjectsV2Paginator(list -> list.bucket(bucket)).contents().stream().map(S3Object::key).toList();
    }

    private static String newBucket(String prefix) {
        String bucket = BlobpipeFixture.uniqueBucket("del-" + prefix);
        s3.createBucket(create -> create.bucket(bucket));
        return bucket;
    }
}
