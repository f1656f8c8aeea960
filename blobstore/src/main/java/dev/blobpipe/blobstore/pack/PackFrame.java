package dev.blobpipe.blobstore.pack;

import dev.blobpipe.schemas.Crc32c;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One object in a pack segment: a header naming it and checksumming both halves, then its bytes. A segment is
 * nothing but frames back to back, so it can be scanned and verified alone (by fsck, by the compactor, by a rebuild)
 * without the catalog.
 *
 * <pre>
 * int    magic            0x42504B31 ("BPK1")
 * int    metaLength       bytes of meta
 * int    payloadLength    bytes of payload
 * int    metaCrc32c       of meta
 * int    payloadCrc32c    of payload
 * meta:  short + UTF-8 version id, short + UTF-8 bucket, short + UTF-8 key
 * payload
 * </pre>
 * Big-endian. A frame never changes once written; a torn frame can only be a segment's last (writers start a new
 * segment after every restart).
 */
public record PackFrame(String versionId, String bucket, String key, int payloadLength, int payloadCrc32c) {
    public static final int MAGIC = 0x42504B31;
    /** Fixed part of the header, before meta. */
    public static final int FIXED_HEADER_BYTES = 20;

    public PackFrame {
        Objects.requireNonNull(versionId, "versionId");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        if (payloadLength < 0) {
            throw new IllegalArgumentException("negative payload length " + payloadLength);
        }
    }

    /** The frame of {@code payload} (its remaining bytes; the buffer is not consumed). */
    public static PackFrame of(String versionId, String bucket, String key, ByteBuffer payload) {
        return new PackFrame(versionId, bucket, key, payload.remaining(), Crc32c.of(payload.duplicate()));
    }

    /** The header to write before the payload. */
    public ByteBuffer header() {
        byte[] meta = meta();
        ByteBuffer header = ByteBuffer.allocate(FIXED_HEADER_BYTES + meta.length);
        header.putInt(MAGIC).putInt(meta.length).putInt(payloadLength).putInt(Crc32c.of(meta, 0, meta.length))
                .putInt(payloadCrc32c).put(meta);
        return header.flip();
    }

    /** Header plus payload. */
    public long frameBytes() {
        return FIXED_HEADER_BYTES + (long) meta().length + payloadLength;
    }

    private byte[] meta() {
        byte[] version = utf8(versionId);
        byte[] bucketBytes = utf8(bucket);
        byte[] keyBytes = utf8(key);
        ByteBuffer meta = ByteBuffer.allocate(6 + version.length + bucketBytes.length + keyBytes.length);
        meta.putShort((short) version.length).put(version).putShort((short) bucketBytes.length).put(bucketBytes)
                .putShort((short) keyBytes.length).put(keyBytes);
        return meta.array();
    }

    private static byte[] utf8(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 0xFFFF) {
            throw new IllegalArgumentException("name of " + bytes.length + " bytes does not fit a pack frame");
        }
        return bytes;
    }

    /** Decodes meta bytes read from a segment; the caller has checked their CRC. */
    static PackFrame decode(byte[] meta, int payloadLength, int payloadCrc32c) {
        ByteBuffer in = ByteBuffer.wrap(meta);
        return new PackFrame(string(in), string(in), string(in), payloadLength, payloadCrc32c);
    }

    private static String string(ByteBuffer in) {
        byte[] bytes = new byte[Short.toUnsignedInt(in.getShort())];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
