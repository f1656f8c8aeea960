package dev.blobpipe.schemas;

import java.nio.ByteBuffer;

/** CRC32C of a chunk payload, as carried in chunk headers and checked by the archiver. */
public final class Crc32c {
    private Crc32c() {
    }

    public static int of(ByteBuffer data) {
        var crc = new java.util.zip.CRC32C();
        crc.update(data.duplicate());
        return (int) crc.getValue();
    }

    public static int of(byte[] data, int offset, int length) {
        var crc = new java.util.zip.CRC32C();
        crc.update(data, offset, length);
        return (int) crc.getValue();
    }
}
