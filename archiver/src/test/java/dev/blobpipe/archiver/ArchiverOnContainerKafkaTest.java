package dev.blobpipe.archiver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.archiver.testing.ArchiverFixture;
import dev.blobpipe.archiver.testing.TestUpload;
import dev.blobpipe.blobstore.BlobNames;
import dev.blobpipe.schemas.ObjectLocation;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The archiver against a broker in a container, a deployment-shaped Kafka rather than the in-process one. Runs where a
 * Docker engine exists; skipped cleanly where none does (as on the development machines and CI of this project).
 */
@Testcontainers(disabledWithoutDocker = true)
class ArchiverOnContainerKafkaTest {
    @Container
    private static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.0");

    @Test
    void committedUploadIsPublishedWithIdenticalBytes() throws Exception {
        try (var fixture = new ArchiverFixture(KAFKA.getBootstrapServers())) {
            // given
            var upload = TestUpload.of("photos", "2026/b.jpg", 11, 1 << 20, 4096);
            fixture.archiver("container", Clock.systemUTC()).start();

            // when
            fixture.sendWhole(upload);

            // then
            var event = fixture.awaitEvent(upload.uploadId());
            assertThat(event.location()).isEqualTo(ObjectLocation.wholeBlob(
                    BlobNames.object(upload.uploadId().value()), (1 << 20) + 4096));
            assertThat(fixture.sha256Of(event.location())).isEqualTo(upload.manifest().sha256Hex());
        }
    }
}
