package dev.blobpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.cli.testing.BlobpipeFixture;
import dev.blobpipe.cli.testing.Checksums;
import dev.blobpipe.cli.testing.RawResponse;
import dev.blobpipe.cli.testing.TextBody;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.ListObjectsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * ListObjectsV2 and ListObjects (v1) over 2,500 keys, across pages, with and without a delimiter. The 2,500 keys are
 * written once into one bucket that no test changes (2,500 uploads per test would dominate the run); tests that need
 * other keys take their own bucket.
 */
class ListingTest {
    private static final int DIRS = 10;
    private static final int SUBS = 5;
    private static final int FILES = 48;
    private static final int TOP_LEVEL = 100;
    /** S3's order: keys compared as unsigned UTF-8 bytes (not Java's UTF-16 String order). */
    private static final Comparator<String> BYTE_ORDER =
            (a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    private static BlobpipeFixture fixture;
    private static S3Client s3;
    private static String bucket;
    private static List<String> allKeys;
    private static List<String> topLevelKeys;
    private static List<String> directoryPrefixes;

    @BeforeAll
    static void writeTree() throws InterruptedException, ExecutionException, TimeoutException {
        fixture = BlobpipeFixture.shared();
        s3 = fixture.client();
        bucket = BlobpipeFixture.uniqueBucket("listing");
        s3.createBucket(create -> create.bucket(bucket));
        List<String> keys = new ArrayList<>();
        for (int dir = 0; dir < DIRS; dir++) {
            for (int sub = 0; sub < SUBS; sub++) {
                for (int file = 0; file < FILES; file++) {
                    keys.add(String.format("dir-%02d/sub-%d/file-%04d", dir, sub, file));
                }
            }
        }
        topLevelKeys = IntStream.range(0, TOP_LEVEL).mapToObj(i -> String.format("top-%03d", i)).toList();
        keys.addAll(topLevelKeys);
        directoryPrefixes = IntStream.range(0, DIRS).mapToObj(i -> String.format("dir-%02d/", i)).toList();
        ExecutorService uploaders = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> uploads = new ArrayList<>();
            for (String key : keys) {
                uploads.add(uploaders.submit(() -> s3.putObject(put -> put.bucket(bucket).key(key),
                        TextBody.of(key))));
            }
            for (Future<?> upload : uploads) {
                upload.get(5, TimeUnit.MINUTES);
            }
        } finally {
            uploaders.shutdownNow();
        }
        allKeys = keys.stream().sorted(BYTE_ORDER).toList();
        assertThat(allKeys).hasSize(2_500);
    }

    @AfterAll
    static void closeClient() {
        s3.close();
    }

    @Test
    void defaultPagesOfAThousandListEveryKeyInByteOrder() {
        // given: 2,500 keys

        // when
        List<ListObjectsV2Response> pages = listV2Pages(request -> request);

        // then
        assertThat(pages).hasSize(3);
        assertThat(pages).extracting(ListObjectsV2Response::maxKeys).containsOnly(1000);
        assertThat(pages).extracting(page -> page.contents().size()).containsExactly(1000, 1000, 500);
        assertThat(pages).extracting(ListObjectsV2Response::keyCount).containsExactly(1000, 1000, 500);
        assertThat(pages).extracting(ListObjectsV2Response::isTruncated).containsExactly(true, true, false);
        assertThat(keysOf(pages)).containsExactlyElementsOf(allKeys);
    }

    @Test
    void smallPagesListEveryKeyExactlyOnce() {
        // given: 2,500 keys

        // when
        List<ListObjectsV2Response> pages = listV2Pages(request -> request.maxKeys(333));

        // then
        assertThat(pages).hasSize(8);
        assertThat(pages).allSatisfy(page -> assertThat(page.contents().size()).isLessThanOrEqualTo(333));
        assertThat(keysOf(pages)).containsExactlyElementsOf(allKeys);
    }

    @Test
    void delimiterGroupsDirectoriesIntoCommonPrefixes() {
        // given: ten dir-XX/ trees and 100 top-level keys

        // when
        List<ListObjectsV2Response> pages = listV2Pages(request -> request.delimiter("/"));

        // then
        assertThat(pages).hasSize(1);
        assertThat(prefixesOf(pages)).containsExactlyElementsOf(directoryPrefixes);
        assertThat(keysOf(pages)).containsExactlyElementsOf(topLevelKeys);
        assertThat(pages.get(0).keyCount()).isEqualTo(DIRS + TOP_LEVEL);
    }

    @ParameterizedTest(name = "max-keys {0}")
    @ValueSource(ints = {1, 3, 7, 50})
    void delimiterListingIsCompleteAcrossSmallPages(int maxKeys) {
        // given: ten dir-XX/ trees and 100 top-level keys

        // when
        List<ListObjectsV2Response> pages = listV2Pages(request -> request.delimiter("/").maxKeys(maxKeys));

        // then: a common prefix counts as one entry and appears on exactly one page
        assertThat(pages).allSatisfy(page ->
                assertThat(page.contents().size() + page.commonPrefixes().size()).isLessThanOrEqualTo(maxKeys));
        assertThat(prefixesOf(pages)).containsExactlyElementsOf(directoryPrefixes);
        assertThat(keysOf(pages)).containsExactlyElementsOf(topLevelKeys);
        assertThat(pages).hasSize((DIRS + TOP_LEVEL + maxKeys - 1) / maxKeys);
    }

    @Test
    void prefixWithDelimiterListsOneLevel() {
        // given: dir-03/ holds sub-0/ .. sub-4/

        // when
        List<ListObjectsV2Response> level = listV2Pages(request -> request.prefix("dir-03/").delimiter("/"));
        List<ListObjectsV2Response> leaf = listV2Pages(request -> request.prefix("dir-03/sub-2/").delimiter("/"));

        // then
        assertThat(prefixesOf(level)).containsExactly(
                "dir-03/sub-0/", "dir-03/sub-1/", "dir-03/sub-2/", "dir-03/sub-3/", "dir-03/sub-4/");
        assertThat(keysOf(level)).isEmpty();
        assertThat(prefixesOf(leaf)).isEmpty();
        assertThat(keysOf(leaf)).containsExactlyElementsOf(
                allKeys.stream().filter(key -> key.startsWith("dir-03/sub-2/")).toList()).hasSize(FILES);
        assertThat(level.get(0).prefix()).isEqualTo("dir-03/");
        assertThat(level.get(0).delimiter()).isEqualTo("/");
    }

    @Test
    void prefixWithoutDelimiterListsTheWholeSubtree() {
        // given: 240 keys under dir-07/

        // when
        List<ListObjectsV2Response> pages = listV2Pages(request -> request.prefix("dir-07/").maxKeys(100));

        // then
        assertThat(keysOf(pages)).containsExactlyElementsOf(
                allKeys.stream().filter(key -> key.startsWith("dir-07/")).toList()).hasSize(SUBS * FILES);
    }

    @Test
    void prefixMatchingNothingIsAnEmptyPage() {
        // given: no key starts with "dir-99/"

        // when
        ListObjectsV2Response page = s3.listObjectsV2(list -> list.bucket(bucket).prefix("dir-99/"));

        // then
        assertThat(page.contents()).isEmpty();
        assertThat(page.commonPrefixes()).isEmpty();
        assertThat(page.isTruncated()).isFalse();
        assertThat(page.keyCount()).isZero();
    }

    @Test
    void startAfterListsOnlyLaterKeys() {
        // given
        String startAfter = "dir-05/sub-3/file-0010";

        // when
        List<ListObjectsV2Response> pages = listV2Pages(request -> request.startAfter(startAfter).maxKeys(400));

        // then
        assertThat(keysOf(pages)).containsExactlyElementsOf(
                allKeys.stream().filter(key -> BYTE_ORDER.compare(key, startAfter) > 0).toList());
        assertThat(keysOf(pages).get(0)).isEqualTo("dir-05/sub-3/file-0011");
    }

    @Test
    void startAfterAKeyThatDoesNotExist() {
        // given: sorts between file-0010 and file-0011
        String startAfter = "dir-05/sub-3/file-0010x";

        // when
        List<ListObjectsV2Response> pages = listV2Pages(request -> request.startAfter(startAfter).prefix("dir-05/"));

        // then
        assertThat(keysOf(pages)).first().isEqualTo("dir-05/sub-3/file-0011");
        assertThat(keysOf(pages)).last().isEqualTo("dir-05/sub-4/file-0047");
    }

    @Test
    void fetchOwnerAddsTheOwnerToEveryKey() {
        // given: 2,500 keys

        // when
        ListObjectsV2Response withOwner = s3.listObjectsV2(list -> list.bucket(bucket).maxKeys(20).fetchOwner(true));
        ListObjectsV2Response withoutOwner = s3.listObjectsV2(list -> list.bucket(bucket).maxKeys(20));

        // then
        assertThat(withOwner.contents()).hasSize(20)
                .allSatisfy(object -> assertThat(object.owner()).isNotNull()
                        .satisfies(owner -> assertThat(owner.id()).isNotBlank()));
        assertThat(withoutOwner.contents()).hasSize(20).allSatisfy(object -> assertThat(object.owner()).isNull());
    }

    @Test
    void listedObjectsCarrySizeAndEtag() {
        // given: every body is its own key

        // when
        ListObjectsV2Response page = s3.listObjectsV2(list -> list.bucket(bucket).prefix("top-00"));

        // then
        assertThat(page.contents()).hasSize(10).allSatisfy(object -> {
            byte[] body = object.key().getBytes(StandardCharsets.UTF_8);
            assertThat(object.size()).isEqualTo(body.length);
            assertThat(object.eTag()).isEqualTo(Checksums.etag(body));
        });
    }

    @Test
    void listObjectsV1PaginatesWithMarker() {
        // given: 2,500 keys; without a delimiter S3 sends no NextMarker and clients continue after the last key

        // when
        List<ListObjectsResponse> pages = listV1Pages(request -> request.maxKeys(333));

        // then
        assertThat(pages).hasSize(8);
        assertThat(pages.subList(0, 7)).allSatisfy(page -> assertThat(page.isTruncated()).isTrue());
        assertThat(pages.get(7).isTruncated()).isFalse();
        assertThat(pages.stream().flatMap(page -> page.contents().stream()).map(S3Object::key).toList())
                .containsExactlyElementsOf(allKeys);
    }

    @Test
    void listObjectsV1DefaultPageIsAThousand() {
        // given: 2,500 keys

        // when
        ListObjectsResponse first = s3.listObjects(list -> list.bucket(bucket));

        // then
        assertThat(first.contents()).hasSize(1000);
        assertThat(first.isTruncated()).isTrue();
        assertThat(first.maxKeys()).isEqualTo(1000);
        assertThat(first.contents()).extracting(S3Object::key).containsExactlyElementsOf(allKeys.subList(0, 1000));
    }

    @Test
    void listObjectsV1WithDelimiterGivesNextMarker() {
        // given: ten dir-XX/ trees and 100 top-level keys

        // when
        List<ListObjectsResponse> pages = listV1Pages(request -> request.delimiter("/").maxKeys(7));

        // then: with a delimiter, every truncated page names where to continue
        assertThat(pages).filteredOn(ListObjectsResponse::isTruncated)
                .allSatisfy(page -> assertThat(page.nextMarker()).isNotEmpty());
        assertThat(pages.stream().flatMap(page -> page.commonPrefixes().stream()).map(CommonPrefix::prefix).toList())
                .containsExactlyElementsOf(directoryPrefixes);
        assertThat(pages.stream().flatMap(page -> page.contents().stream()).map(S3Object::key).toList())
                .containsExactlyElementsOf(topLevelKeys);
    }

    @Test
    void sdkPaginatorYieldsEveryKey() {
        // given: 2,500 keys

        // when
        List<String> keys = new ArrayList<>();
        s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket).maxKeys(500).build())
                .contents().forEach(object -> keys.add(object.key()));
        List<String> prefixes = new ArrayList<>();
        s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket).delimiter("/").maxKeys(4).build())
                .commonPrefixes().forEach(prefix -> prefixes.add(prefix.prefix()));

        // then
        assertThat(keys).containsExactlyElementsOf(allKeys);
        assertThat(prefixes).containsExactlyElementsOf(directoryPrefixes);
    }

    @Test
    void urlEncodedListingReturnsUnusualKeysInByteOrder() {
        // given: keys that need encoding in XML or a URL, and two whose UTF-8 order differs from UTF-16 order
        String other = BlobpipeFixture.uniqueBucket("encoded");
        s3.createBucket(create -> create.bucket(other));
        List<String> keys = List.of("a b", "a+b", "a%b", "a//b", "a&b<c>", "ключ/日本語 ✓", "\uFB00", "\uD83D\uDE00", "Z");
        for (String key : keys) {
            s3.putObject(put -> put.bucket(other).key(key), TextBody.of(key));
        }
        List<String> byteOrder = keys.stream().sorted(BYTE_ORDER).toList();
        assertThat(byteOrder).as("the test needs UTF-8 and UTF-16 order to differ")
                .isNotEqualTo(keys.stream().sorted().toList());

        // when: the SDK decodes url-encoded keys itself
        List<String> encoded = s3.listObjectsV2(list -> list.bucket(other).encodingType(EncodingType.URL))
                .contents().stream().map(S3Object::key).toList();
        List<String> plain = s3.listObjectsV2(list -> list.bucket(other)).contents().stream().map(S3Object::key)
                .toList();
        List<String> v1 = s3.listObjects(list -> list.bucket(other).encodingType(EncodingType.URL))
                .contents().stream().map(S3Object::key).toList();

        // then
        assertThat(encoded).containsExactlyElementsOf(byteOrder);
        assertThat(plain).containsExactlyElementsOf(byteOrder);
        assertThat(v1).containsExactlyElementsOf(byteOrder);
        // and on the wire the keys really were encoded
        RawResponse raw = fixture.signedHttp().send(fixture.signedHttp().sign(
                fixture.signedHttp().request(SdkHttpMethod.GET, "/" + other)
                        .putRawQueryParameter("list-type", "2")
                        .putRawQueryParameter("encoding-type", "url")
                        .putRawQueryParameter("prefix", "к"),
                new byte[0]));
        assertThat(raw.status()).as("%s", raw).isEqualTo(200);
        assertThat(raw.xmlElement("Key")).hasValueSatisfying(key -> assertThat(key)
                .startsWithIgnoringCase("%D0%BA%D0%BB%D1%8E%D1%87/"));
        assertThat(raw.xmlElement("EncodingType")).hasValue("url");
    }

    private static List<ListObjectsV2Response> listV2Pages(UnaryOperator<ListObjectsV2Request.Builder> options) {
        List<ListObjectsV2Response> pages = new ArrayList<>();
        String token = null;
        do {
            ListObjectsV2Request request = options.apply(
                    ListObjectsV2Request.builder().bucket(bucket).continuationToken(token)).build();
            ListObjectsV2Response page = s3.listObjectsV2(request);
            pages.add(page);
            token = page.nextContinuationToken();
            assertThat(page.isTruncated() ? token : "done").as("NextContinuationToken of a truncated page")
                    .isNotNull();
            assertThat(pages).as("pages (a pagination loop?)").hasSizeLessThan(3_000);
        } while (pages.get(pages.size() - 1).isTruncated());
        return pages;
    }

    private static List<ListObjectsResponse> listV1Pages(UnaryOperator<ListObjectsRequest.Builder> options) {
        List<ListObjectsResponse> pages = new ArrayList<>();
        String marker = null;
        do {
            ListObjectsRequest request = options.apply(ListObjectsRequest.builder().bucket(bucket).marker(marker))
                    .build();
            ListObjectsResponse page = s3.listObjects(request);
            pages.add(page);
            marker = page.nextMarker() != null ? page.nextMarker() : lastEntry(page);
            assertThat(pages).as("pages (a pagination loop?)").hasSizeLessThan(3_000);
        } while (pages.get(pages.size() - 1).isTruncated());
        return pages;
    }

    private static String lastEntry(ListObjectsResponse page) {
        String lastKey = page.contents().isEmpty() ? null : page.contents().get(page.contents().size() - 1).key();
        String lastPrefix = page.commonPrefixes().isEmpty()
                ? null : page.commonPrefixes().get(page.commonPrefixes().size() - 1).prefix();
        if (lastKey == null) {
            return lastPrefix;
        }
        return lastPrefix == null || BYTE_ORDER.compare(lastKey, lastPrefix) > 0 ? lastKey : lastPrefix;
    }

    private static List<String> keysOf(List<ListObjectsV2Response> pages) {
        return pages.stream().flatMap(page -> page.contents().stream()).map(S3Object::key).toList();
    }

    private static List<String> prefixesOf(List<ListObjectsV2Response> pages) {
        return pages.stream().flatMap(page -> page.commonPrefixes().stream()).map(CommonPrefix::prefix).toList();
    }
}
