package dev.blobpipe.cli.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Assertions on the S3 errors the SDK surfaces: HTTP status plus the S3 code from the XML body. */
public final class S3Errors {
    private S3Errors() {
    }

    /** Runs the call, which must fail with an S3 error response, and returns that error. */
    public static S3Exception s3Error(ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).as("expected an S3 error response").isInstanceOf(S3Exception.class);
        return (S3Exception) thrown;
    }

    /** The call fails with this status and S3 code. */
    public static S3Exception assertS3Error(ThrowingCallable call, int status, String code) {
        S3Exception error = s3Error(call);
        assertThat(error.statusCode()).as("HTTP status of %s", error.getMessage()).isEqualTo(status);
        assertThat(error.awsErrorDetails().errorCode()).as("S3 code of %s", error.getMessage()).isEqualTo(code);
        return error;
    }

    /** HEAD answers 404 (a HEAD response has no body, so there is no S3 code to compare). */
    public static void assertKeyAbsent(S3Client client, String bucket, String key) {
        S3Exception error = s3Error(() -> client.headObject(head -> head.bucket(bucket).key(key)));
        assertThat(error.statusCode()).as("HEAD %s/%s", bucket, key).isEqualTo(404);
    }
}
