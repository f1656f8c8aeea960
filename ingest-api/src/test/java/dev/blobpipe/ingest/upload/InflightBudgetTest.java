package dev.blobpipe.ingest.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blobpipe.ingest.s3.S3Error;
import dev.blobpipe.ingest.s3.S3Exception;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class InflightBudgetTest {
    private static final int CHUNK = 64 << 10;

    @Test
    void exhaustedBudgetGivesSlowDownAfterItsWait() {
        var budget = new InflightBudget(2L * CHUNK, Duration.ofMillis(50));
        budget.acquire(CHUNK);
        budget.acquire(CHUNK);

        assertThatThrownBy(() -> budget.acquire(CHUNK))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.error()).isEqualTo(S3Error.SLOW_DOWN);
                    assertThat(e.error().status()).isEqualTo(503);
                });
        assertThat(budget.availableBytes()).isZero();
    }

    @Test
    void releasedBytesCanBeTakenAgain() {
        var budget = new InflightBudget(2L * CHUNK, Duration.ofMillis(50));
        budget.acquire(CHUNK);
        budget.acquire(CHUNK);

        budget.release(CHUNK);
        budget.acquire(CHUNK);

        assertThat(budget.availableBytes()).isZero();
    }

    @Test
    void refusesToTakeMoreThanItsCapacity() {
        var budget = new InflightBudget(CHUNK, Duration.ofMillis(50));

        assertThatThrownBy(() -> budget.acquire(CHUNK + 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
