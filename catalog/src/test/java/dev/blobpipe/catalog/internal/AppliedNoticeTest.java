package dev.blobpipe.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blobpipe.catalog.VisibilityWaiter.AppliedOutcome;
import dev.blobpipe.schemas.VersionId;
import org.junit.jupiter.api.Test;

class AppliedNoticeTest {

    @Test
    void payloadRoundTrips() {
        var notice = new AppliedNotice(new VersionId(123456789L, 3, 9), AppliedOutcome.REJECTED);
        assertThat(notice.payload()).isEqualTo("0000075bcd1500030009:R");
        assertThat(AppliedNotice.parse(notice.payload())).isEqualTo(notice);
    }

    @Test
    void rejectsForeignPayloads() {
        assertThatThrownBy(() -> AppliedNotice.parse("hello")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AppliedNotice.parse("0000075bcd1500030009:X"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
