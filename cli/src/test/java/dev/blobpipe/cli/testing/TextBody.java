package dev.blobpipe.cli.testing;

import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * A small UTF-8 request body sent as application/octet-stream. {@code RequestBody.fromString} would add
 * {@code Content-Type: text/plain; charset=UTF-8}; ObjectRoundTripTest covers that header on its own, so a fault there
 * does not hide every other behaviour.
 */
public final class TextBody {
    private TextBody() {
    }

    public static RequestBody of(String text) {
        return RequestBody.fromBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
