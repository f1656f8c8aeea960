package dev.blobpipe.schemas;

/** Lower-case hexadecimal text for digests, the form stored in manifests, events and the catalog. */
public final class Hex {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {
    }

    public static String of(byte[] bytes) {
        char[] text = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            text[2 * i] = DIGITS[(bytes[i] >> 4) & 0xF];
            text[2 * i + 1] = DIGITS[bytes[i] & 0xF];
        }
        return new String(text);
    }

    public static byte[] parse(String text) {
        if (text.length() % 2 != 0) {
            throw new IllegalArgumentException("odd-length hex");
        }
        byte[] bytes = new byte[text.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) ((digit(text.charAt(2 * i)) << 4) | digit(text.charAt(2 * i + 1)));
        }
        return bytes;
    }

    static void requireHex(String text, int length, String what) {
        if (text == null || text.length() != length || !text.chars().allMatch(c -> digitOrMinus(c) >= 0)) {
            throw new IllegalArgumentException(what + " must be " + length + " lower-case hex digits: " + text);
        }
    }

    private static int digit(char c) {
        int value = digitOrMinus(c);
        if (value < 0) {
            throw new IllegalArgumentException("not a hex digit: " + c);
        }
        return value;
    }

    private static int digitOrMinus(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    }
}
