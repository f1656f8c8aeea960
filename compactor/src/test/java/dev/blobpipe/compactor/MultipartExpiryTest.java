package dev.blobpipe.compactor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.catalog.testing.Events;
import dev.blobpipe.compactor.testing.CompactorFixture;
import dev.blobpipe.embedded.testing.Await;
import dev.blobpipe.schemas.UploadId;
import dev.blobpipe.schemas.config.ConfigValues;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Expiry of incomplete multipart uploads through the events topic and the real indexer. */
class MultipartExpiryTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String BUCKET = "backups";

    private CompactorFixture fixture;
    private Compactor compactor;

    @BeforeEach
    void setUp() {
        fixture = new CompactorFixture();
        compactor = fixture.compactor();
        fixture.startIndexer();
    }

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    @Test
    void uploadOlderThanTheExpiryIsAbortedAndItsPartsDeletedAtTheNextSweep() throws Exception {
        // given: an upload initiated 8 days ago with two parts
        UploadId upload = UploadId.random();
        Instant initiated = fixture.clock().instant().minus(Duration.ofDays(8));
        var partOne = Events.part(BUCKET, "db.dump", upload, 1, Events.nextVersion());
        var partTwo = Events.part(BUCKET, "db.dump", upload, 2, Events.nextVersion());
        fixture.writeBlob(partOne.location());
        fixture.writeBlob(partTwo.location());
        fixture.events().publish(CompactorFixture.startedAt(BUCKET, "db.dump", upload, initiated), partOne, partTwo);
        Await.until(WAIT, "both parts indexed", () -> fixture.catalog().parts(upload, 0, 10).size() == 2);

        // when
        SweepSummary expiring = compactor.sweep();
        Await.until(WAIT, "the expiry's abort applied",
                () -> fixture.catalog().multipartUpload(BUCKET, upload).isEmpty());
        SweepSummary collecting = compactor.sweep();

        // then
        assertThat(expiring.uploadsExpired()).isEqualTo(1);
        assertThat(collecting.blobsDeleted()).isEqualTo(2);
        assertThat(fixture.blobExists(partOne)).isFalse();
        assertThat(fixture.blobExists(partTwo)).isFalse();
        assertThat(fixture.catalog().multipartUploads(BUCKET, "", null, null, 10)).isEmpty();
    }

    @Test
    void uploadYoungerThanTheExpiryStaysOpen() throws Exception {
        // given
        UploadId upload = UploadId.random();
        var part = Events.part(BUCKET, "db.dump", upload, 1, Events.nextVersion());
        fixture.apply(CompactorFixture.startedAt(BUCKET, "db.dump", upload,
                fixture.clock().instant().minus(Duration.ofDays(6))), part);

        // when
        SweepSummary summary = compactor.sweep();

        // then
        assertThat(summary).isEqualTo(SweepSummary.NOTHING);
        assertThat(fixture.catalog().multipartUpload(BUCKET, upload)).isPresent();
        assertThat(fixture.blobExists(part)).isTrue();
    }

    @Test
    void expiryIsConfigurable() throws Exception {
        // given: an upload initiated 2 hours ago, and a compactor that expires uploads after one hour
        UploadId upload = UploadId.random();
        fixture.apply(CompactorFixture.startedAt(BUCKET, "db.dump", upload,
                fixture.clock().instant().minus(Duration.ofHours(2))));
        var config = CompactorConfig.from(ConfigValues.empty()
                .with(CompactorConfig.MULTIPART_EXPIRY.name(), "PT1H"));

        // when
        SweepSummary summary = fixture.compactor(config).sweep();

        // then
        assertThat(summary.uploadsExpired()).isEqualTo(1);
        Await.until(WAIT, "the expiry's abort applied",
                () -> fixture.catalog().multipartUpload(BUCKET, upload).isEmpty());
    }
}
