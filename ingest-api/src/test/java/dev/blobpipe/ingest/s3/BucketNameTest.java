package dev.blobpipe.ingest.s3;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BucketNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"abc", "my-bucket", "my.bucket.2024", "0bucket9",
            "a23456789012345678901234567890123456789012345678901234567890123"})
    void acceptsValidNames(String name) {
        assertThat(BucketName.isValid(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "a234567890123456789012345678901234567890123456789012345678901234", "MyBucket",
            "my_bucket", "-bucket", "bucket-", ".bucket", "bucket.", "my..bucket", "192.168.1.1", "xn--bucket",
            "sthree-bucket", "bucket-s3alias", "bucket--ol-s3", "bucket name", "", "admin"})
    void refusesInvalidNames(String name) {
        assertThat(BucketName.isValid(name)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"admins", "my-admin", "admin.logs"})
    void reservesOnlyTheExactAdminName(String name) {
        assertThat(BucketName.isValid(name)).isTrue();
    }
}
