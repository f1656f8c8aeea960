package dev.blobpipe.stats.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A serde for the stats' small state and repartition records: a leading format byte, then the fields through
 * {@link DataOutputStream}. Values are a few dozen bytes (a key name at most 1 KiB), so they are built in memory.
 */
public final class BinarySerde<T> implements Serde<T> {
    private static final byte FORMAT = 1;

    /** Writes one value's fields. */
    @FunctionalInterface
    public interface Writer<T> {
        void write(DataOutputStream out, T value) throws IOException;
    }

    /** Reads one value's fields. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private final Writer<T> writer;
    private final Reader<T> reader;

    public BinarySerde(Writer<T> writer, Reader<T> reader) {
        this.writer = writer;
        this.reader = reader;
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> {
            if (value == null) {
                return null;
            }
            var bytes = new ByteArrayOutputStream(64);
            try (var out = new DataOutputStream(bytes)) {
                out.writeByte(FORMAT);
                writer.write(out, value);
            } catch (IOException e) {
                throw new UncheckedIOException("writing to memory cannot fail", e);
            }
            return bytes.toByteArray();
        };
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, data) -> {
            if (data == null) {
                return null;
            }
            try (var in = new DataInputStream(new ByteArrayInputStream(data))) {
                byte format = in.readByte();
                if (format != FORMAT) {
                    throw new SerializationException("unknown stats record format " + format);
                }
                return reader.read(in);
            } catch (IOException | IllegalArgumentException e) {
                throw new SerializationException("malformed stats record", e);
            }
        };
    }

    static void writeString(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        if (length > (64 << 10)) {
            throw new IOException("string too long: " + length);
        }
        byte[] bytes = in.readNBytes(length);
        if (bytes.length != length) {
            throw new IOException("truncated string");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
