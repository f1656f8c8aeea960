package dev.blobpipe.blobstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BlobNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "/", "/abs", "/abs/name", "..", "../x", "a/..", "a/../b", ".", "a/./b", "a//b", "a/",
            "a\\b", "a b", "ä"})
    void rejectsEscapingEmptyOrIllegalNames(String name) {
        assertThatThrownBy(() -> BlobNames.requireValid(name)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> BlobNames.requireValid(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "objects/ab/cd/abcdef", "segments/seg-0001.bin", "a/b_c/d.e", "..a", "a..b"})
    void acceptsRelativeNamesOfSafeSegments(String name) {
        assertThat(BlobNames.requireValid(name)).isEqualTo(name);
    }

    @Test
    void derivedNamesAreValidAndDeterministic() {
        assertThat(BlobNames.staging("0f1e2d3c-aaaa")).isEqualTo("staging/0f1e2d3c-aaaa");
        assertThat(BlobNames.object("0f1e2d3c-aaaa")).isEqualTo("objects/0f/1e/0f1e2d3c-aaaa");
        assertThat(BlobNames.object("ab")).isEqualTo("objects/00/00/ab");
    }

    @Test
    void derivedNamesRejectUploadIdsThatWouldEscape() {
        assertThatThrownBy(() -> BlobNames.staging("../x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BlobNames.object("..")).isInstanceOf(IllegalArgumentException.class);
    }
}
