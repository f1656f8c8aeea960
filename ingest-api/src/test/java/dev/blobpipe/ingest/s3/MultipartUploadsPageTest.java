package dev.blobpipe.ingest.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.catalog.MultipartUpload;
import dev.blobpipe.ingest.s3.MultipartXml.UploadsPage;
import dev.blobpipe.ingest.s3.MultipartXml.UploadsRequest;
import dev.blobpipe.schemas.ObjectMetadata;
import dev.blobpipe.schemas.UploadId;
import dev.blobpipe.schemas.VersionId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ListMultipartUploads pages: markers, truncation and common prefixes. */
class MultipartUploadsPageTest {
    private final InMemoryCatalog catalog = new InMemoryCatalog();

    @BeforeEach
    void uploads() {
        // a has two uploads; logs/ holds three keys that roll up into one common prefix
        add("a", "u1");
        add("a", "u2");
        add("logs/1", "u3");
        add("logs/2", "u4");
        add("logs/3", "u5");
        add("z", "u6");
    }

    @Test
    void pagesContinueFromKeyAndUploadIdMarkers() {
        UploadsPage first = page(null, null, null, 2);
        UploadsPage second = page(null, first.nextKeyMarker(), first.nextUploadIdMarker().value(), 3);
        UploadsPage last = page(null, second.nextKeyMarker(), second.nextUploadIdMarker().value(), 3);

        assertThat(ids(first)).containsExactly("u1", "u2");
        assertThat(first.truncated()).isTrue();
        assertThat(first.nextKeyMarker()).isEqualTo("a");
        assertThat(ids(second)).containsExactly("u3", "u4", "u5");
        assertThat(second.truncated()).isTrue();
        assertThat(second.nextKeyMarker()).isEqualTo("logs/3");
        assertThat(ids(last)).containsExactly("u6");
        assertThat(last.truncated()).isFalse();
    }

    @Test
    void keyMarkerWithoutUploadIdSkipsEveryUploadOfThatKey() {
        UploadsPage page = page(null, "a", null, 10);

        assertThat(ids(page)).containsExactly("u3", "u4", "u5", "u6");
    }

    @Test
    void delimiterRollsKeysUpIntoOneCommonPrefixAndTheNextPageSkipsIt() {
        UploadsPage first = page("/", null, null, 3);
        UploadsPage second = page("/", first.nextKeyMarker(), null, 3);

        assertThat(ids(first)).containsExactly("u1", "u2");
        assertThat(first.commonPrefixes()).containsExactly("logs/");
        assertThat(first.truncated()).isTrue();
        assertThat(first.nextKeyMarker()).isEqualTo("logs/");
        assertThat(first.nextUploadIdMarker()).isNull();
        assertThat(ids(second)).containsExactly("u6");
        assertThat(second.commonPrefixes()).isEmpty();
        assertThat(second.truncated()).isFalse();
    }

    @Test
    void pageEndingExactlyAtTheLastUploadIsNotTruncated() {
        UploadsPage page = page("/", null, null, 4);

        assertThat(ids(page)).containsExactly("u1", "u2", "u6");
        assertThat(page.commonPrefixes()).containsExactly("logs/");
        assertThat(page.truncated()).isFalse();
    }

    private UploadsPage page(String delimiter, String keyMarker, String uploadIdMarker, int max) {
        return MultipartListingHandler.page(catalog,
                new UploadsRequest("bkt", "", delimiter, keyMarker, uploadIdMarker, max, false));
    }

    private static List<String> ids(UploadsPage page) {
        return page.uploads().stream().map(upload -> upload.uploadId().value()).toList();
    }

    private void add(String key, String id) {
        catalog.uploads.put(new UploadId(id), new MultipartUpload(new UploadId(id), "bkt", key,
                new VersionId(1, 0, 0), Instant.EPOCH, ObjectMetadata.EMPTY));
    }
}
