package dev.blobpipe.ingest.upload;

import dev.blobpipe.catalog.VisibilityWaiter;
import dev.blobpipe.schemas.VersionId;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A visibility waiter without a catalog: every version is applied at once, or (never()) none ever is, or (rejecting())
 * every one is refused at once.
 */
final class FakeVisibilityWaiter implements VisibilityWaiter {
    private final boolean applies;
    private final AppliedOutcome outcome;
    private final List<VersionId> registered = new CopyOnWriteArrayList<>();

    private FakeVisibilityWaiter(boolean applies, AppliedOutcome outcome) {
        this.applies = applies;
        this.outcome = outcome;
    }

    static FakeVisibilityWaiter immediate() {
        return new FakeVisibilityWaiter(true, AppliedOutcome.APPLIED);
    }

    static FakeVisibilityWaiter never() {
        return new FakeVisibilityWaiter(false, AppliedOutcome.APPLIED);
    }

    static FakeVisibilityWaiter rejecting() {
        return new FakeVisibilityWaiter(true, AppliedOutcome.REJECTED);
    }

    List<VersionId> registered() {
        return List.copyOf(registered);
    }

    @Override
    public Pending register(VersionId version) {
        registered.add(version);
        var applied = new CountDownLatch(applies ? 0 : 1);
        return new Pending() {
            @Override
            public AppliedOutcome await(Duration timeout) throws TimeoutException, InterruptedException {
                if (!applied.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                    throw new TimeoutException("version " + version + " not applied");
                }
                return outcome;
            }

            @Override
            public void close() {
                // nothing to unregister
            }
        };
    }
}
