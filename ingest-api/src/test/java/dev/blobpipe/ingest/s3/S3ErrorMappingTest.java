package dev.blobpipe.ingest.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class S3ErrorMappingTest {

    @Test
    void s3ExceptionAnywhereInTheChainKeepsItsErrorAndMessage() {
        var wrapped = new IOException("read failed", new S3Exception(S3Error.BAD_DIGEST, "digest differs"));

        assertThat(S3ErrorMapping.map(wrapped)).isEqualTo(new S3ErrorMapping.Mapped(S3Error.BAD_DIGEST,
                "digest differs"));
    }

    @Test
    void pushBackIsSlowDownAndRetriableFailuresAreServiceUnavailable() {
        assertThat(S3ErrorMapping.map(new RejectedExecutionException()).error()).isEqualTo(S3Error.SLOW_DOWN);
        assertThat(S3ErrorMapping.map(new RuntimeException(new TimeoutException())).error())
                .isEqualTo(S3Error.SERVICE_UNAVAILABLE);
        assertThat(S3ErrorMapping.map(new org.apache.kafka.common.errors.TimeoutException("t")).error())
                .isEqualTo(S3Error.SERVICE_UNAVAILABLE);
    }

    @Test
    void anythingElseIsInternalErrorWithTheDefaultMessage() {
        var mapped = S3ErrorMapping.map(new UncheckedIOException(new IOException("/data/secret path")));

        assertThat(mapped.error()).isEqualTo(S3Error.INTERNAL_ERROR);
        assertThat(mapped.message()).isEqualTo(S3Error.INTERNAL_ERROR.message());
        assertThat(mapped.isServerFault()).isTrue();
    }
}
