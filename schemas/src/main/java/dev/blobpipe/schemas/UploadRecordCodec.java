package dev.blobpipe.schemas;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Turns {@link UploadRecord}s into records on {@link Topics#CHUNKS} and back. Key = upload id (UTF-8). A chunk's value
 * is its raw bytes, untouched, with sequence, offset and CRC32C in headers; commit and abort values are binary. A
 * complete upload's value is its raw bytes too, with the CRC32C and the binary manifest in headers.
 * Header {@code bp.v} carries the format version and {@code bp.kind} the record kind.
 */
public final class UploadRecordCodec {
    /**
     * The newest format; readers accept every earlier one (1: manifests without multipart fields; 2: no
     * complete-upload kind). Only complete uploads are written as 3: a reader of format 2 skips them as unreadable
     * (upgrade readers, the archiver and stats, before ingest-api) but still reads every chunk, commit and abort.
     */
    public static final byte FORMAT_VERSION = 3;
    /** The format of chunks, commits and aborts, unchanged since version 2. */
    static final byte CHUNK_FORMAT_VERSION = 2;
    static final String VERSION = "bp.v";
    static final String KIND = "bp.kind";
    static final String SEQ = "bp.seq";
    static final String OFFSET = "bp.offset";
    static final String CRC32C = "bp.crc32c";
    static final String MANIFEST = "bp.manifest";
    private static final byte CHUNK = 'c';
    private static final byte COMMIT = 'C';
    private static final byte ABORT = 'A';
    private static final byte COMPLETE = 'U';

    private UploadRecordCodec() {
    }

    public static ProducerRecord<byte[], byte[]> toProducerRecord(UploadRecord record) {
        byte[] key = record.uploadId().value().getBytes(StandardCharsets.UTF_8);
        Headers headers = new RecordHeaders();
        headers.add(VERSION, new byte[] {
                record instanceof UploadRecord.CompleteUpload ? FORMAT_VERSION : CHUNK_FORMAT_VERSION});
        byte[] value;
        if (record instanceof UploadRecord.Chunk chunk) {
            headers.add(KIND, new byte[] {CHUNK});
            headers.add(SEQ, longBytes(chunk.seq()));
            headers.add(OFFSET, longBytes(chunk.offset()));
            headers.add(CRC32C, crcBytes(chunk.crc32c()));
            value = arrayOf(chunk.data());
        } else if (record instanceof UploadRecord.Commit commit) {
            headers.add(KIND, new byte[] {COMMIT});
            value = encode(out -> ManifestCodec.write(out, commit.manifest()));
        } else if (record instanceof UploadRecord.Abort abort) {
            headers.add(KIND, new byte[] {ABORT});
            value = abort.reason().getBytes(StandardCharsets.UTF_8);
        } else if (record instanceof UploadRecord.CompleteUpload complete) {
            headers.add(KIND, new byte[] {COMPLETE});
            headers.add(CRC32C, crcBytes(complete.crc32c()));
            headers.add(MANIFEST, encode(out -> ManifestCodec.write(out, complete.manifest())));
            value = arrayOf(complete.data());
        } else {
            throw new IllegalArgumentException("unknown upload record " + record);
        }
        return new ProducerRecord<>(Topics.CHUNKS, null, key, value, headers);
    }

    public static UploadRecord fromConsumerRecord(ConsumerRecord<byte[], byte[]> record) {
        Headers headers = record.headers();
        byte version = single(headers, VERSION);
        if (version < 1 || version > FORMAT_VERSION) {
            throw new RecordFormatException("unsupported chunk record format " + version);
        }
        UploadId uploadId = new UploadId(new String(record.key(), StandardCharsets.UTF_8));
        byte kind = single(headers, KIND);
        if (kind == CHUNK) {
            return new UploadRecord.Chunk(uploadId, longHeader(headers, SEQ), longHeader(headers, OFFSET),
                    crcHeader(headers), ByteBuffer.wrap(record.value()));
        }
        if (kind == COMMIT) {
            return new UploadRecord.Commit(uploadId, decode(record.value(), in -> ManifestCodec.read(in, version)));
        }
        if (kind == ABORT) {
            return new UploadRecord.Abort(uploadId, new String(record.value(), StandardCharsets.UTF_8));
        }
        if (kind == COMPLETE && version >= 3) {
            return new UploadRecord.CompleteUpload(uploadId, crcHeader(headers), ByteBuffer.wrap(record.value()),
                    decode(required(headers, MANIFEST), in -> ManifestCodec.read(in, version)));
        }
        throw new RecordFormatException("unknown chunk record kind " + kind);
    }

    private static byte[] arrayOf(ByteBuffer data) {
        ByteBuffer view = data.duplicate();
        if (view.hasArray() && view.arrayOffset() == 0 && view.position() == 0 && view.remaining() == view.array().length) {
            return view.array();
        }
        byte[] copy = new byte[view.remaining()];
        view.get(copy);
        return copy;
    }

    private static byte[] crcBytes(int crc32c) {
        return ByteBuffer.allocate(4).putInt(0, crc32c).array();
    }

    private static int crcHeader(Headers headers) {
        byte[] bytes = required(headers, CRC32C);
        if (bytes.length != 4) {
            throw new RecordFormatException("header " + CRC32C + " must be 4 bytes");
        }
        return ByteBuffer.wrap(bytes).getInt();
    }

    static byte[] longBytes(long value) {
        return ByteBuffer.allocate(8).putLong(0, value).array();
    }

    static long longHeader(Headers headers, String name) {
        byte[] bytes = required(headers, name);
        if (bytes.length != 8) {
            throw new RecordFormatException("header " + name + " must be 8 bytes");
        }
        return ByteBuffer.wrap(bytes).getLong();
    }

    static byte single(Headers headers, String name) {
        byte[] bytes = required(headers, name);
        if (bytes.length != 1) {
            throw new RecordFormatException("header " + name + " must be 1 byte");
        }
        return bytes[0];
    }

    static byte[] required(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        if (header == null || header.value() == null) {
            throw new RecordFormatException("missing header " + name);
        }
        return header.value();
    }

    interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    static byte[] encode(Writer writer) {
        var bytes = new ByteArrayOutputStream(256);
        try (var out = new DataOutputStream(bytes)) {
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    static <T> T decode(byte[] value, Reader<T> reader) {
        try (var in = new DataInputStream(new ByteArrayInputStream(value))) {
            return reader.read(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new RecordFormatException("truncated or malformed record value", e);
        }
    }
}
