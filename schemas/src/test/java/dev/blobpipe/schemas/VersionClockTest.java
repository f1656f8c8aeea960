package dev.blobpipe.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class VersionClockTest {

    private static final long NOW = 1_700_000_000_000L;

    @Test
    void isStrictlyIncreasingOnOneNodeWhenTheWallClockStandsStill() {
        // given a wall clock that never moves
        VersionClock clock = new VersionClock(new MutableClock(NOW), 3);

        // when many versions are taken, more than fit in one millisecond's counter
        VersionId previous = clock.next();
        for (int i = 0; i < 70_000; i++) {
            VersionId next = clock.next();
            // then each is later than the one before
            assertThat(next).isGreaterThan(previous);
            previous = next;
        }
    }

    @Test
    void isStrictlyIncreasingWhenTheWallClockGoesBackwards() {
        MutableClock wall = new MutableClock(NOW);
        VersionClock clock = new VersionClock(wall, 3);
        VersionId before = clock.next();

        wall.set(NOW - 5_000); // an NTP step backwards

        assertThat(clock.next()).isGreaterThan(before);
    }

    @Test
    void isNeverBehindTheWallClock() {
        MutableClock wall = new MutableClock(NOW);
        VersionClock clock = new VersionClock(wall, 1);
        for (long step = 0; step < 1_000; step += 7) {
            wall.set(NOW + step);
            assertThat(clock.next().physicalMillis()).isGreaterThanOrEqualTo(NOW + step);
        }
    }

    @Test
    void nextAfterIsLaterThanASeenVersionFromAheadOfTheWallClock() {
        // given a version from a node whose clock runs 10 s ahead of ours
        VersionClock clock = new VersionClock(new MutableClock(NOW), 1);
        VersionId seen = new VersionId(NOW + 10_000, 42, 9);

        // when we write after it
        VersionId next = clock.nextAfter(seen);

        // then our version is later, even with a lower node id, and later ones stay ahead of it
        assertThat(next).isGreaterThan(seen);
        assertThat(clock.next()).isGreaterThan(next);
    }

    @Test
    void nextAfterASeenVersionWithAFullCounterMovesToTheNextMillisecond() {
        VersionClock clock = new VersionClock(new MutableClock(NOW), 1);
        VersionId seen = new VersionId(NOW + 1, 0xFFFF, 0xFFFF);

        assertThat(clock.nextAfter(seen)).isGreaterThan(seen);
    }

    @Test
    void nextAfterAnOlderVersionFollowsTheWallClock() {
        VersionClock clock = new VersionClock(new MutableClock(NOW), 1);

        VersionId next = clock.nextAfter(new VersionId(NOW - 1_000, 5, 2));

        assertThat(next.physicalMillis()).isEqualTo(NOW);
        assertThat(next.nodeId()).isEqualTo(1);
    }

    /** A wall clock the test sets by hand. */
    private static final class MutableClock extends Clock {
        private volatile long millis;

        MutableClock(long millis) {
            this.millis = millis;
        }

        void set(long millis) {
            this.millis = millis;
        }

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
