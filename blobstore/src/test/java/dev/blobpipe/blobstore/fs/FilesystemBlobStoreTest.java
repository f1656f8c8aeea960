package dev.blobpipe.blobstore.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;

import dev.blobpipe.blobstore.AppendableBlob;
import dev.blobpipe.blobstore.BlobInfo;
import dev.blobpipe.blobstore.BlobNames;
import dev.blobpipe.blobstore.StagingBlob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesystemBlobStoreTest {

    private static final int CHUNK = 64 * 1024;

    @TempDir
    Path root;

    @Test
    void listShowsTheBlobsUnderAPrefixInNameOrderWithSizes() throws Exception {
        try (FilesystemBlobStore store = new FilesystemBlobStore(root)) {
            for (String name : new String[] {"segments/b-1", "segments/a-2", "objects/00/00/x"}) {
                try (AppendableBlob blob = store.createAppendable(name)) {
                    blob.append(ByteBuffer.wrap(new byte[name.length()]));
                }
            }

            assertThat(store.list("segments/")).extracting(BlobInfo::name, BlobInfo::sizeBytes)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("segments/a-2", 12L),
                            org.assertj.core.groups.Tuple.tuple("segments/b-1", 12L));
            assertThat(store.list("staging/")).isEmpty();
        }
    }

    @Test
    void replayedPositionalWritesGiveIdenticalBytes() throws Exception {
        // given a blob written chunk by chunk, then partly replayed (an archiver restarting from an earlier offset)
        byte[] body = randomBytes(5 * CHUNK + 123, 1);
        try (FilesystemBlobStore store = new FilesystemBlobStore(root)) {
            try (StagingBlob staging = store.openStaging("staging/u1")) {
                writeChunks(staging, body, 0);
            }
            // when the same chunks are written again from chunk 2, through a fresh handle
            try (StagingBlob staging = store.openStaging("staging/u1")) {
                writeChunks(staging, body, 2);
                staging.sync();
            }
            store.publish("staging/u1", "objects/u1");

            // then the published blob is exactly the body
            assertThat(store.size("objects/u1")).isEqualTo(body.length);
            assertThat(sha256(store, "objects/u1", 0, body.length)).isEqualTo(sha256(body, 0, body.length));
        }
    }

    @Test
    void truncateDropsBytesOfALongerEarlierAttempt() throws Exception {
        byte[] longer = randomBytes(3 * CHUNK, 2);
        byte[] shorter = randomBytes(CHUNK + 10, 3);
        try (FilesystemBlobStore store = new FilesystemBlobStore(root)) {
            try (StagingBlob staging = store.openStaging("staging/u2")) {
                writeChunks(staging, longer, 0);
            }
            try (StagingBlob staging = store.openStaging("staging/u2")) {
                writeChunks(staging, shorter, 0);
                staging.truncate(shorter.length);
            }
            store.publish("staging/u2", "objects/u2");

            assertThat(store.size("objects/u2")).isEqualTo(shorter.length);
            assertThat(sha256(store, "objects/u2", 0, shorter.length)).isEqualTo(sha256(shorter, 0, shorter.length));
        }
    }

    @Test
    void publishMakesBlobReadableUnderFinalNameAndRemovesStagingName() throws Exception {
        byte[] body = randomBytes(1000, 4);
        try (FilesystemBlobStore store = new FilesystemBlobStore(root)) {
            try (StagingBlob staging = store.openStaging(BlobNames.staging("u3"))) {
                staging.write(0, ByteBuffer.wrap(body));
            }

            store.publish(BlobNames.staging("u3"), BlobNames.object("u3"));

            assertThat(store.size(BlobNames.staging("u3"))).isEqualTo(-1);
            assertThat(Files.exists(root.resolve("staging/u3"))).isFalse();
            assertThat(readAll(store, BlobNames.object("u3"), 0, body.length)).isEqualTo(body);
        }
    }

    @Test
    void publishReplacesABlobOfTheSameName() throws Exception {
        try (FilesystemBlobStore store = new FilesystemBlobStore(root)) {
            stageAndPublish(store, "staging/a", "objects/same", new byte[] {1, 2, 3});
            stageAndPublish(store, "staging/b", "objects/same", new byte[] {4, 5});

            assertThat(readAll(store, "objects/same", 0, 2)).containsExactly(4, 5);
            assertThat(store.size("objects/same")).isEqualTo(2);
        }
    }

    @Test
    void openReadOfASliceReturnsExactlyThatSlice() throws Exception {
        byte[] body = randomBytes(3 * CHUNK, 5);
        try (FilesystemBlobStore store = new FilesystemBlobStore(root)) {
            stageAndPublish(store, "staging/seg", "segments/seg-1", body);

            int offset = CHUNK - 7;
            int length = CHUNK + 19;
            byte[] slice = readAll(store, "segments/seg-1", offset, length);

            byte[] expected = new byte[length];
            System.arraycopy(body, offset, expected, 0, length);
            assertThat(slice).isEqualTo(expected);
        }
    }

    @Test
    void openReadStopsAtTheSliceEndByteByByte() throws Exception {
        try (FilesystemBlobStore store = new FilesystemBlobStore(root)) {
            stageAndPublish(store, "staging/s", "objects/s", new byte[] {10, 11, 12, 13, 14});

            try (InputStream in = store.openRead("objects/s", 1, 2)) {
                assertThat(in.read()).isEqualTo(11);
                assertThat(in.read()).isEqualTo(12);
                assertThat(in.read()).isEqualTo(-1);
            }
        }
    }

    @Test
    void openReadPastTheEndIsRefused() throws Exception {
        try (FilesystemBlobStore store = new FilesystemBlobStore(root)) {
            stageAndPublish(store, "staging/p", "objects/p", new byte[10]);

            assertThatThrownBy(() -> store.openRead("objects/p", 5, 6)).isInstanceOf(IOException.class);
        }
    }

    @Test
    void deleteOfAMissingBlobIsFine() throws Exception {
        try (FilesystemBlobStore store = new FilesystemBlobStore(root)) {
            store.delete("objects/never-written");

            assertThat(store.size("objects/never-written")).isEqualTo(-1);
        }
    }

    @Test
    void deleteRemovesAPublishedBlob() throws Exception {
        try (FilesystemBlobStore store = new FilesystemBlobStore(root)) {
            stageAndPublish(store, "staging/d", "objects/d", new byte[] {1});

            store.delete("objects/d");

            assertThat(store.size("objects/d")).isEqualTo(-1);
        }
    }

    @Test
    void stagingBlobCloseTwiceIsSafe() throws Exception {
        try (FilesystemBlobStore store = new FilesystemBlobStore(root)) {
            StagingBlob staging = store.openStaging("staging/c");
            staging.close();
            staging.close();
        }
    }

    @Test
    void invalidNamesCannotEscapeTheRoot() throws Exception {
        try (FilesystemBlobStore store = new FilesystemBlobStore(root.resolve("store"))) {
            assertThatThrownBy(() -> store.openStaging("../escape")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.openRead("/etc/passwd", 0, 1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.delete("a/../../b")).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(Files.exists(root.resolve("escape"))).isFalse();
    }

    private static void stageAndPublish(FilesystemBlobStore store, String staging, String name, byte[] body)
            throws IOException {
        try (StagingBlob blob = store.openStaging(staging)) {
            blob.write(0, ByteBuffer.wrap(body));
        }
        store.publish(staging, name);
    }

    private static void writeChunks(StagingBlob staging, byte[] body, int fromChunk) throws IOException {
        for (int offset = fromChunk * CHUNK; offset < body.length; offset += CHUNK) {
            staging.write(offset, ByteBuffer.wrap(body, offset, Math.min(CHUNK, body.length - offset)));
        }
    }

    /** Reads a small slice for comparison; tests only, on slices of a few chunks. */
    private static byte[] readAll(FilesystemBlobStore store, String name, long offset, int length) throws IOException {
        try (InputStream in = store.openRead(name, offset, length)) {
            byte[] bytes = in.readNBytes(length + 1); // one more than expected: proves the stream ends on time
            assertThat(bytes).hasSize(length);
            return bytes;
        }
    }

    private static byte[] sha256(FilesystemBlobStore store, String name, long offset, long length) throws IOException {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[CHUNK];
        long total = 0;
        try (InputStream in = store.openRead(name, offset, length)) {
            int read;
            while ((read = in.read(buffer)) > 0) {
                digest.update(buffer, 0, read);
                total += read;
            }
        }
        assertThat(total).isEqualTo(length);
        return digest.digest();
    }

    private static byte[] sha256(byte[] bytes, int offset, int length) {
        MessageDigest digest = sha256();
        digest.update(bytes, offset, length);
        return digest.digest();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JVM has SHA-256", e);
        }
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
