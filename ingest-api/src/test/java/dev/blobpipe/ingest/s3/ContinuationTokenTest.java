package dev.blobpipe.ingest.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContinuationTokenTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "logs/2024/", "key with spaces/€/😀", "a//b"})
    void tokenRoundTripsTheLastEntry(String lastEntry) {
        String token = ContinuationToken.encode(lastEntry);

        assertThat(token).matches("[A-Za-z0-9_-]+");
        assertThat(ContinuationToken.decode(token)).isEqualTo(lastEntry);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "%%", "not base64!", "_w"})
    void foreignTokensAreInvalidArgument(String token) {
        assertThatThrownBy(() -> ContinuationToken.decode(token))
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.error()).isEqualTo(S3Error.INVALID_ARGUMENT));
    }
}
