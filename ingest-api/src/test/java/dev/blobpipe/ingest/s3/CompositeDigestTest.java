package dev.blobpipe.ingest.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CompositeDigestTest {
    // MD5("hello") and MD5("world"); the composites were computed independently (Python hashlib) over the
    // concatenated binary digests, which is how S3 derives a multipart ETag
    private static final String MD5_HELLO = "5d41402abc4b2a76b9719d911017c592";
    private static final String MD5_WORLD = "7d793037a0760186574b0282f2f435e7";
    private static final String SHA256_HELLO = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";
    private static final String SHA256_WORLD = "486ea46224d1bb4fb680f34f7c9ad96a8f24ec88be73ea8e5a6c65260e9cb8a7";

    @Test
    void md5CompositeIsTheMd5OfTheBinaryPartMd5s() {
        assertThat(CompositeDigest.of("MD5", List.of(MD5_HELLO, MD5_WORLD)))
                .isEqualTo("065947336a2f2a95ba8899f3675c3be6");
    }

    @Test
    void sha256CompositeIsTheSha256OfTheBinaryPartSha256s() {
        assertThat(CompositeDigest.of("SHA-256", List.of(SHA256_HELLO, SHA256_WORLD)))
                .isEqualTo("7305db9b2abccd706c256db3d97e5ff48d677cfe4d3a5904afb7da0e3950e1e2");
    }

    @Test
    void partOrderChangesTheComposite() {
        assertThat(CompositeDigest.of("MD5", List.of(MD5_WORLD, MD5_HELLO)))
                .isNotEqualTo(CompositeDigest.of("MD5", List.of(MD5_HELLO, MD5_WORLD)));
    }
}
