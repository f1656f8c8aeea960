package dev.blobpipe.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blobpipe.catalog.VisibilityWaiter.AppliedOutcome;
import dev.blobpipe.catalog.VisibilityWaiter.Pending;
import dev.blobpipe.catalog.internal.AppliedNotice;
import dev.blobpipe.catalog.testing.CatalogFixture;
import dev.blobpipe.catalog.testing.Events;
import dev.blobpipe.embedded.testing.Await;
import dev.blobpipe.schemas.UploadId;
import dev.blobpipe.schemas.VersionId;
import dev.blobpipe.schemas.WriteCondition;
import java.util.Map;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PostgresVisibilityWaiterTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private CatalogFixture fixture;
    private PostgresVisibilityWaiter waiter;

    @BeforeEach
    void start() {
        fixture = CatalogFixture.fresh();
        waiter = new PostgresVisibilityWaiter(fixture.database(), Duration.ofMillis(500));
    }

    @AfterEach
    void stop() {
        waiter.close();
        fixture.close();
    }

    @Test
    void completesWithTheNotifiedOutcome() throws Exception {
        VersionId version = Events.nextVersion();
        awaitListening();
        try (Pending pending = waiter.register(version)) {
            notifyApplied(new AppliedNotice(version, AppliedOutcome.REJECTED));

            assertThat(pending.await(WAIT)).isEqualTo(AppliedOutcome.REJECTED);
        }
    }

    @Test
    void timesOutWhenNothingIsApplied() {
        try (Pending pending = waiter.register(Events.nextVersion())) {
            assertThatThrownBy(() -> pending.await(Duration.ofMillis(200))).isInstanceOf(TimeoutException.class);
        }
    }

    @Test
    void closingARegistrationForgetsIt() {
        Pending pending = waiter.register(Events.nextVersion());

        pending.close();

        assertThat(waiter.pendingCount()).isZero();
    }

    @Test
    void versionAppliedWhileTheListenerWasDownCompletesAfterReconnect() throws Exception {
        VersionId version = Events.nextVersion();
        awaitListening();
        try (Pending pending = waiter.register(version)) {
            // when: the event is applied but its notification is lost, then the listener's session dies
            fixture.apply(Events.committed("b", "k", version));
            terminateListener();

            // then: after reconnecting the waiter finds the version in the catalog
            assertThat(pending.await(WAIT)).isEqualTo(AppliedOutcome.APPLIED);
        }
    }

    @Test
    void multipartVersionsAppliedWhileTheListenerWasDownCompleteAfterReconnect() throws Exception {
        UploadId upload = UploadId.random();
        var start = Events.started("b", "k", upload, Events.nextVersion());
        var part = Events.part("b", "k", upload, 1, Events.nextVersion());
        var abort = Events.aborted("b", "k", upload, Events.nextVersion());
        awaitListening();
        try (Pending started = waiter.register(start.versionId());
                Pending parted = waiter.register(part.versionId());
                Pending aborted = waiter.register(abort.versionId())) {
            // when: the upload starts, gets a part and is aborted, all notifications lost
            fixture.apply(start, part, abort);
            terminateListener();

            // then: each version is found in the multipart tables or dead_blobs
            assertThat(started.await(WAIT)).isEqualTo(AppliedOutcome.APPLIED);
            assertThat(parted.await(WAIT)).isEqualTo(AppliedOutcome.APPLIED);
            assertThat(aborted.await(WAIT)).isEqualTo(AppliedOutcome.APPLIED);
        }
    }

    @Test
    void conditionalWriteRejectedWhileTheListenerWasDownCompletesRejectedAfterReconnect() throws Exception {
        fixture.apply(Events.committed("b", "k", Events.nextVersion()));
        var guarded = Events.committed("b", "k", Events.nextVersion(), WriteCondition.ifNoneMatchAny());
        awaitListening();
        try (Pending pending = waiter.register(guarded.versionId())) {
            // when: the write is rejected by its condition but the notification is lost
            fixture.apply(guarded);
            terminateListener();

            // then: dead_blobs says it was rejected, not superseded
            assertThat(pending.await(WAIT)).isEqualTo(AppliedOutcome.REJECTED);
        }
    }

    @Test
    void tagAndCorsSetsAppliedWhileTheListenerWasDownCompleteAfterReconnect() throws Exception {
        VersionId put = Events.nextVersion();
        fixture.apply(Events.committed("b", "k", put));
        var tags = Events.tagsSet("b", "k", put, Events.nextVersion(), Map.of("a", "1"));
        var cors = Events.corsSet("b", Events.nextVersion(), Events.corsRule("r", "https://a"));
        awaitListening();
        try (Pending tagged = waiter.register(tags.versionId()); Pending corsSet = waiter.register(cors.versionId())) {
            fixture.apply(tags, cors);
            terminateListener();

            assertThat(tagged.await(WAIT)).isEqualTo(AppliedOutcome.APPLIED);
            assertThat(corsSet.await(WAIT)).isEqualTo(AppliedOutcome.APPLIED);
        }
    }

    private void awaitListening() {
        Await.until(WAIT, "listener session", () -> listenerSessions() == 1);
    }

    private long listenerSessions() {
        return fixture.database().jdbi().withHandle(handle -> handle.createQuery("""
                SELECT count(*) FROM pg_stat_activity
                WHERE datname = current_database() AND query LIKE 'LISTEN%' AND pid <> pg_backend_pid()
                """).mapTo(Long.class).one());
    }

    private void terminateListener() {
        fixture.database().jdbi().useHandle(handle -> handle.createQuery("""
                SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                WHERE datname = current_database() AND query LIKE 'LISTEN%' AND pid <> pg_backend_pid()
                """).mapTo(Boolean.class).list());
    }

    private void notifyApplied(AppliedNotice notice) {
        fixture.database().jdbi().useHandle(handle -> handle.createQuery("SELECT pg_notify(:channel, :payload)")
                .bind("channel", AppliedNotice.CHANNEL).bind("payload", notice.payload()).mapTo(String.class).one());
    }
}
