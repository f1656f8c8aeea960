package dev.blobpipe.archiver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.schemas.UploadId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The finished-upload list carried in the committed offset's metadata. */
class ReplayCheckpointTest {

    @Test
    void roundTripsThroughOffsetMetadata() {
        var finished = Map.of(new UploadId("a-1"), 12L, new UploadId("b_2"), 15L);
        var checkpoint = ReplayCheckpoint.at(10, finished);

        var decoded = ReplayCheckpoint.decode(10, checkpoint.encode());

        assertThat(decoded).isEqualTo(checkpoint);
        assertThat(decoded.finished()).isEqualTo(finished);
    }

    @Test
    void dropsUploadsThatStartedBeforeTheOffset() {
        var checkpoint = ReplayCheckpoint.at(10, Map.of(new UploadId("old"), 9L, new UploadId("new"), 10L));

        assertThat(checkpoint.finished()).containsOnlyKeys(new UploadId("new"));
    }

    @Test
    void keepsTheNewestEntriesWithinTheMetadataBudget() {
        Map<UploadId, Long> many = new LinkedHashMap<>();
        for (long offset = 0; offset < 500; offset++) {
            many.put(new UploadId("upload-" + offset + "-0123456789abcdef0123456789"), offset);
        }

        var checkpoint = ReplayCheckpoint.at(0, many);

        assertThat(checkpoint.encode().length()).isLessThanOrEqualTo(ReplayCheckpoint.MAX_METADATA_CHARS);
        assertThat(checkpoint.finished()).containsKey(new UploadId("upload-499-0123456789abcdef0123456789"))
                .doesNotContainKey(new UploadId("upload-0-0123456789abcdef0123456789"));
    }

    @Test
    void foreignOrEmptyMetadataMeansNoFinishedUploads() {
        assertThat(ReplayCheckpoint.decode(7, "").finished()).isEmpty();
        assertThat(ReplayCheckpoint.decode(7, null).finished()).isEmpty();
        assertThat(ReplayCheckpoint.decode(7, "bp1:garbage").finished()).isEmpty();
        assertThat(ReplayCheckpoint.decode(7, "bp1:").finished()).isEmpty();
    }
}
