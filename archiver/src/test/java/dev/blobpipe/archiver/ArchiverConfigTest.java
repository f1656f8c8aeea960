package dev.blobpipe.archiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blobpipe.schemas.config.ConfigException;
import dev.blobpipe.schemas.config.ConfigValues;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The archiver's keys: defaults sized for a small heap, and values checked before anything starts. */
class ArchiverConfigTest {

    @Test
    void defaultsFitASmallHeap() {
        var config = ArchiverConfig.defaults();

        assertThat(config.groupId()).isEqualTo("blobpipe-archiver");
        assertThat(config.uploadIdleTimeout()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.partitionFetchMaxBytes()).isEqualTo(2L << 20);
        assertThat(config.fetchMaxBytes()).isEqualTo(8L << 20);
    }

    @Test
    void readsDurationsInMillisecondsOrIso() {
        var config = ArchiverConfig.from(ConfigValues.empty()
                .with("archiver.poll.timeout", "250")
                .with("archiver.upload.idle.timeout", "PT2M"));

        assertThat(config.pollTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.uploadIdleTimeout()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void rejectsInstanceIdThatCannotBePartOfATransactionalId() {
        var values = ConfigValues.empty().with("archiver.instance.id", "a b");

        assertThatThrownBy(() -> ArchiverConfig.from(values)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("archiver.instance.id");
    }

    @Test
    void rejectsZeroIdleTimeout() {
        var values = ConfigValues.empty().with("archiver.upload.idle.timeout", "0");

        assertThatThrownBy(() -> ArchiverConfig.from(values)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("positive");
    }

    @Test
    void everyKeyHasADocAndADefault() {
        assertThat(ArchiverConfig.keys()).allSatisfy(key -> {
            assertThat(key.doc()).isNotBlank();
            assertThat(key.defaultValue()).isNotNull();
        });
    }
}
