package dev.blobpipe.ingest.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class S3ErrorResponseTest {

    @Test
    void rendersCodeMessageResourceAndRequestId() {
        String xml = new String(S3ErrorResponse.render(S3Error.NO_SUCH_KEY, null, "/bkt/a&b", "0123456789ABCDEF"),
                StandardCharsets.UTF_8);

        assertThat(xml).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>NoSuchKey</Code>"
                + "<Message>The specified key does not exist.</Message><Resource>/bkt/a&amp;b</Resource>"
                + "<RequestId>0123456789ABCDEF</RequestId></Error>");
    }

    @Test
    void specificMessageReplacesTheDefaultAndResourceIsOptional() {
        String xml = new String(S3ErrorResponse.render(S3Error.INVALID_ARGUMENT, "Bad max-keys", null, "ID"),
                StandardCharsets.UTF_8);

        assertThat(xml).contains("<Message>Bad max-keys</Message>").doesNotContain("<Resource>");
    }
}
