package dev.blobpipe.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyRangeTest {

    @Test
    void successorIncrementsTheLastCodePoint() {
        assertThat(KeyRange.successor("logs/")).isEqualTo("logs0");
        assertThat(KeyRange.successor("a%")).isEqualTo("a&");
        assertThat(KeyRange.successor("a_")).isEqualTo("a`");
    }

    @Test
    void emptyPrefixHasNoUpperBound() {
        assertThat(KeyRange.successor("")).isNull();
    }

    @Test
    void successorCarriesOverTheLargestCodePoint() {
        String max = new String(Character.toChars(Character.MAX_CODE_POINT));
        assertThat(KeyRange.successor("a" + max)).isEqualTo("b");
        assertThat(KeyRange.successor(max + max)).isNull();
    }

    @Test
    void successorSkipsTheSurrogateRange() {
        assertThat(KeyRange.successor("x\uD7FF")).isEqualTo("x\uE000");
        assertThat(KeyRange.successor("x\uFFFF")).isEqualTo("x" + new String(Character.toChars(0x10000)));
        assertThat(KeyRange.successor("x" + new String(Character.toChars(0x1F600))))
                .isEqualTo("x" + new String(Character.toChars(0x1F601)));
    }

    @Test
    void successorBoundsExactlyTheKeysWithThePrefix() {
        List<String> keys = List.of("a", "a/", "a/b", "a/\uFFFF", "a/" + new String(Character.toChars(0x10FFFF)),
                "a0", "a.", "a//", "b", "a");
        String prefix = "a/";
        String upper = KeyRange.successor(prefix);
        for (String key : keys) {
            boolean inRange = KeyRange.compare(key, prefix) >= 0 && KeyRange.compare(key, upper) < 0;
            assertThat(inRange).as(key).isEqualTo(key.startsWith(prefix));
        }
    }

    @Test
    void compareFollowsUtf8BytesNotUtf16Units() {
        String emoji = new String(Character.toChars(0x1F600)); // UTF-16 D83D DE00 sorts below U+FFFD as units
        String replacement = "\uFFFD";
        assertThat(emoji.compareTo(replacement)).isNegative();
        assertThat(KeyRange.compare(emoji, replacement)).isPositive();
        assertThat(Integer.signum(KeyRange.compare(emoji, replacement)))
                .isEqualTo(Integer.signum(compareBytes(emoji, replacement)));
    }

    @Test
    void compareOrdersAPrefixBeforeItsExtensions() {
        assertThat(KeyRange.compare("a", "a/")).isNegative();
        assertThat(KeyRange.compare("a/", "a")).isPositive();
        assertThat(KeyRange.compare("a/", "a/")).isZero();
        assertThat(KeyRange.compare("", "a")).isNegative();
    }

    @Test
    void commonPrefixEndsAtTheFirstDelimiterAfterThePrefix() {
        assertThat(KeyRange.commonPrefix("a/b/c", "", "/")).isEqualTo("a/");
        assertThat(KeyRange.commonPrefix("a/b/c", "a/", "/")).isEqualTo("a/b/");
        assertThat(KeyRange.commonPrefix("a//c", "a/", "/")).isEqualTo("a//");
        assertThat(KeyRange.commonPrefix("a/", "a/", "/")).isNull();
        assertThat(KeyRange.commonPrefix("a--b--c", "a", "--")).isEqualTo("a--");
    }

    private static int compareBytes(String left, String right) {
        return Arrays.compareUnsigned(left.getBytes(StandardCharsets.UTF_8), right.getBytes(StandardCharsets.UTF_8));
    }
}
