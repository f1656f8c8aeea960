package dev.blobpipe.catalog;

import static dev.blobpipe.catalog.testing.Events.aborted;
import static dev.blobpipe.catalog.testing.Events.completed;
import static dev.blobpipe.catalog.testing.Events.nextVersion;
import static dev.blobpipe.catalog.testing.Events.part;
import static dev.blobpipe.catalog.testing.Events.started;
import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.catalog.internal.KeyRange;
import dev.blobpipe.catalog.testing.CatalogFixture;
import dev.blobpipe.schemas.ObjectEvent;
import dev.blobpipe.schemas.ObjectMetadata;
import dev.blobpipe.schemas.UploadId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PostgresCatalogMultipartTest {
    private static final String BUCKET = "uploads";
    private static final Comparator<MultipartUpload> LISTING_ORDER = Comparator
            .comparing(MultipartUpload::key, KeyRange.BYTE_ORDER)
            .thenComparing(MultipartUpload::initiatedAt)
            .thenComparing(upload -> upload.uploadId().value());
    private CatalogFixture fixture;
    private Catalog catalog;

    @BeforeEach
    void openCatalog() {
        fixture = CatalogFixture.fresh();
        catalog = fixture.catalog();
    }

    @AfterEach
    void closeCatalog() {
        fixture.close();
    }

    @Test
    void partsArePagedByPartNumber() {
        UploadId upload = UploadId.random();
        fixture.apply(started(BUCKET, "k", upload, nextVersion()));
        for (int partNumber : new int[] {9, 1, 10_000, 3, 2}) {
            fixture.apply(part(BUCKET, "k", upload, partNumber, nextVersion()));
        }

        List<PartInfo> first = catalog.parts(upload, 0, 2);
        List<PartInfo> second = catalog.parts(upload, 2, 2);
        List<PartInfo> last = catalog.parts(upload, 9, 2);

        assertThat(first).extracting(PartInfo::partNumber).containsExactly(1, 2);
        assertThat(second).extracting(PartInfo::partNumber).containsExactly(3, 9);
        assertThat(last).extracting(PartInfo::partNumber).containsExactly(10_000);
        assertThat(catalog.parts(upload, 10_000, 2)).isEmpty();
        assertThat(catalog.parts(UploadId.random(), 0, 2)).isEmpty();
    }

    @Test
    void openUploadsAreListedByKeyBytesThenInitiationThenId() {
        List<MultipartUpload> open = startUploads();

        var listed = catalog.multipartUploads(BUCKET, "", null, null, 1000);

        assertThat(listed).isEqualTo(sorted(open));
    }

    @Test
    void prefixIsAKeyRangeSoLikeWildcardsMatchOnlyThemselves() {
        List<MultipartUpload> open = startUploads();

        for (String prefix : List.of("a%", "a_", "a", "\uFFFD", "", "nothing")) {
            var listed = catalog.multipartUploads(BUCKET, prefix, null, null, 1000);

            assertThat(listed).as("prefix %s", prefix)
                    .isEqualTo(sorted(open.stream().filter(upload -> upload.key().startsWith(prefix)).toList()));
        }
    }

    @Test
    void pagingWithBothMarkersWalksEveryUploadOnce() {
        List<MultipartUpload> expected = sorted(startUploads());

        List<MultipartUpload> walked = new ArrayList<>();
        String keyMarker = null;
        UploadId uploadIdMarker = null;
        while (true) {
            var page = catalog.multipartUploads(BUCKET, "", keyMarker, uploadIdMarker, 2);
            if (page.isEmpty()) {
                break;
            }
            walked.addAll(page);
            keyMarker = page.get(page.size() - 1).key();
            uploadIdMarker = page.get(page.size() - 1).uploadId();
        }

        assertThat(walked).isEqualTo(expected);
    }

    @Test
    void keyMarkerWithoutUploadIdMarkerSkipsEveryUploadOfThatKey() {
        List<MultipartUpload> open = startUploads();

        var listed = catalog.multipartUploads(BUCKET, "", "a%", null, 1000);

        assertThat(listed).isEqualTo(sorted(open.stream()
                .filter(upload -> KeyRange.compare(upload.key(), "a%") > 0).toList()));
        assertThat(listed).extracting(MultipartUpload::key).doesNotContain("a%").contains("a%b");
    }

    @Test
    void prefixAndMarkersCombine() {
        List<MultipartUpload> open = sorted(startUploads());
        List<MultipartUpload> ofA = open.stream().filter(upload -> upload.key().startsWith("a")).toList();
        MultipartUpload marker = ofA.stream().filter(upload -> upload.key().equals("a")).findFirst().orElseThrow();

        var listed = catalog.multipartUploads(BUCKET, "a", marker.key(), marker.uploadId(), 1000);

        assertThat(listed).isEqualTo(ofA.subList(ofA.indexOf(marker) + 1, ofA.size()));
    }

    @Test
    void completionVersionIsKnownForACompletedUploadOfThatKeyOnly() {
        UploadId completedUpload = UploadId.random();
        UploadId openUpload = UploadId.random();
        UploadId abortedUpload = UploadId.random();
        fixture.apply(started(BUCKET, "k", completedUpload, nextVersion()),
                started(BUCKET, "k", openUpload, nextVersion()), started(BUCKET, "k", abortedUpload, nextVersion()));
        var part = part(BUCKET, "k", completedUpload, 1, nextVersion());
        var completion = completed(BUCKET, "k", completedUpload, nextVersion(), part);
        fixture.apply(part, completion, aborted(BUCKET, "k", abortedUpload, nextVersion()));

        var found = catalog.completionVersion(BUCKET, "k", completedUpload);

        assertThat(found).contains(completion.versionId());
        assertThat(catalog.completionVersion(BUCKET, "other-key", completedUpload)).isEmpty();
        assertThat(catalog.completionVersion("other-bucket", "k", completedUpload)).isEmpty();
        assertThat(catalog.completionVersion(BUCKET, "k", openUpload)).isEmpty();
        assertThat(catalog.completionVersion(BUCKET, "k", abortedUpload)).isEmpty();
        assertThat(catalog.completionVersion(BUCKET, "k", UploadId.random())).isEmpty();
    }

    @Test
    void listingShowsAMultipartObjectWithItsMultipartEtag() {
        UploadId upload = UploadId.random();
        fixture.apply(started(BUCKET, "big", upload, nextVersion()));
        var first = part(BUCKET, "big", upload, 1, nextVersion());
        var second = part(BUCKET, "big", upload, 2, nextVersion());
        var completion = completed(BUCKET, "big", upload, nextVersion(), first, second);
        fixture.apply(first, second, completion);

        var page = catalog.list(new ListRequest(BUCKET, "", null, null, 10));

        assertThat(page.objects()).singleElement().satisfies(object -> {
            assertThat(object.key()).isEqualTo("big");
            assertThat(object.etag()).isEqualTo(completion.manifest().etag()).endsWith("-2\"");
            assertThat(object.sizeBytes()).isEqualTo(completion.manifest().sizeBytes());
        });
    }

    /**
     * Open uploads over keys with LIKE wildcards, unicode and several uploads per key (two of "a" initiated at the
     * same instant), plus closed uploads and another bucket's, which must never be listed. Returns the open ones.
     */
    private List<MultipartUpload> startUploads() {
        List<ObjectEvent> events = new ArrayList<>();
        for (String key : List.of("b", "a%", "a", "a%b", "a_", "a_b", "ab", "\uFFFD",
                new String(Character.toChars(0x1F600)), "a%", "a", "a_")) {
            events.add(started(BUCKET, key, UploadId.random(), nextVersion()));
        }
        Instant sameInstant = Instant.parse("2030-01-01T00:00:00Z");
        for (int copy = 0; copy < 3; copy++) {
            events.add(new ObjectEvent.MultipartStarted(UploadId.random(), BUCKET, "a", nextVersion(), sameInstant,
                    ObjectMetadata.EMPTY));
        }
        UploadId abortedUpload = UploadId.random();
        UploadId completedUpload = UploadId.random();
        var completedPart = part(BUCKET, "a", completedUpload, 1, nextVersion());
        events.addAll(List.of(
                started(BUCKET, "a", abortedUpload, nextVersion()), aborted(BUCKET, "a", abortedUpload, nextVersion()),
                started(BUCKET, "a", completedUpload, nextVersion()), completedPart,
                completed(BUCKET, "a", completedUpload, nextVersion(), completedPart),
                started("other-bucket", "a", UploadId.random(), nextVersion())));
        fixture.apply(events.toArray(ObjectEvent[]::new));
        List<MultipartUpload> open = new ArrayList<>();
        for (ObjectEvent event : events) {
            if (event instanceof ObjectEvent.MultipartStarted start && start.bucket().equals(BUCKET)
                    && !start.multipartUploadId().equals(abortedUpload)
                    && !start.multipartUploadId().equals(completedUpload)) {
                open.add(new MultipartUpload(start.multipartUploadId(), start.bucket(), start.key(),
                        start.versionId(), start.initiatedAt(), start.metadata()));
            }
        }
        return open;
    }

    private static List<MultipartUpload> sorted(List<MultipartUpload> uploads) {
        return uploads.stream().sorted(LISTING_ORDER).toList();
    }
}
