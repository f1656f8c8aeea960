package dev.blobpipe.blobstore.pack;

import dev.blobpipe.blobstore.BlobStore;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * Reads a pack segment front to back without the catalog, checking every frame's CRC32C, streaming payloads through
 * a small buffer. A frame whose header is unreadable (bad magic, bad meta CRC, cut short) ends the scan: the bytes
 * from there on are the torn tail of a writer that crashed, since nothing is ever appended after one.
 */
public final class PackSegmentScanner {
    private static final int BUFFER_BYTES = 64 * 1024;

    private PackSegmentScanner() {
    }

    /** A frame found in a segment: where it and its payload start, and whether its payload matched its CRC. */
    public record ScannedFrame(PackFrame frame, long frameOffset, long payloadOffset, boolean payloadIntact) {
    }

    /** What a scan found: frames read, where the readable frames end, and the bytes after that (a torn tail). */
    public record ScanSummary(int frames, int corruptPayloads, long validBytes, long tornTailBytes) {
    }

    /** Scans the whole segment, handing each frame to {@code visitor} in order. */
    public static ScanSummary scan(BlobStore store, String segmentName, Consumer<ScannedFrame> visitor)
            throws IOException {
        long size = store.size(segmentName);
        if (size < 0) {
            throw new IOException("no segment " + segmentName);
        }
        int frames = 0;
        int corrupt = 0;
        long position = 0;
        try (InputStream raw = store.openRead(segmentName, 0, size);
                var in = new DataInputStream(new BufferedInputStream(raw, BUFFER_BYTES))) {
            byte[] buffer = new byte[BUFFER_BYTES];
            while (position < size) {
                ScannedFrame scanned = readFrame(in, position, size, buffer);
                if (scanned == null) {
                    break;
                }
                frames++;
                if (!scanned.payloadIntact()) {
                    corrupt++;
                }
                visitor.accept(scanned);
                position = scanned.payloadOffset() + scanned.frame().payloadLength();
            }
        }
        return new ScanSummary(frames, corrupt, position, size - position);
    }

    /** The frame at {@code position}, or null if no whole, well-formed frame starts there. */
    private static ScannedFrame readFrame(DataInputStream in, long position, long size, byte[] buffer)
            throws IOException {
        if (size - position < PackFrame.FIXED_HEADER_BYTES) {
            return null;
        }
        int magic = in.readInt();
        int metaLength = in.readInt();
        int payloadLength = in.readInt();
        int metaCrc = in.readInt();
        int payloadCrc = in.readInt();
        long payloadOffset = position + PackFrame.FIXED_HEADER_BYTES + metaLength;
        if (magic != PackFrame.MAGIC || metaLength < 0 || payloadLength < 0
                || payloadOffset + payloadLength > size) {
            return null;
        }
        byte[] meta = new byte[metaLength];
        try {
            in.readFully(meta);
        } catch (EOFException e) {
            return null;
        }
        var crc = new CRC32C();
        crc.update(meta);
        if ((int) crc.getValue() != metaCrc) {
            return null;
        }
        PackFrame frame = PackFrame.decode(meta, payloadLength, payloadCrc);
        crc.reset();
        long remaining = payloadLength;
        while (remaining > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
            if (read < 0) {
                return null;
            }
            crc.update(buffer, 0, read);
            remaining -= read;
        }
        return new ScannedFrame(frame, position, payloadOffset, (int) crc.getValue() == payloadCrc);
    }
}
