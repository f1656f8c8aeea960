package dev.blobpipe.blobstore.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blobpipe.blobstore.AppendableBlob;
import dev.blobpipe.blobstore.BlobNames;
import dev.blobpipe.blobstore.fs.FilesystemBlobStore;
import dev.blobpipe.blobstore.pack.PackSegmentScanner.ScannedFrame;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackSegmentScannerTest {
    private static final String SEGMENT = BlobNames.segment("test-1");

    @TempDir
    Path root;
    private FilesystemBlobStore store;

    @BeforeEach
    void openStore() throws IOException {
        store = new FilesystemBlobStore(root);
    }

    @Test
    void framesReadBackWithTheirNamesAndPayloadOffsets() throws IOException {
        List<Long> offsets = write("alpha", "", "gamma-ß");

        List<ScannedFrame> frames = new ArrayList<>();
        var summary = PackSegmentScanner.scan(store, SEGMENT, frames::add);

        assertThat(summary.frames()).isEqualTo(3);
        assertThat(summary.tornTailBytes()).isZero();
        assertThat(summary.corruptPayloads()).isZero();
        assertThat(frames).extracting(frame -> frame.frame().key()).containsExactly("key-alpha", "key-", "key-gamma-ß");
        assertThat(frames).extracting(ScannedFrame::payloadOffset).containsExactlyElementsOf(offsets);
        assertThat(read(offsets.get(2), "gamma-ß".getBytes(StandardCharsets.UTF_8).length)).isEqualTo("gamma-ß");
    }

    @Test
    void tornLastFrameEndsTheScanAsATornTail() throws IOException {
        write("alpha", "beta");
        long size = store.size(SEGMENT);
        try (FileChannel channel = FileChannel.open(root.resolve(SEGMENT), StandardOpenOption.WRITE)) {
            channel.truncate(size - 2);
        }

        var summary = PackSegmentScanner.scan(store, SEGMENT, frame -> { });

        assertThat(summary.frames()).isEqualTo(1);
        assertThat(summary.validBytes() + summary.tornTailBytes()).isEqualTo(size - 2);
        assertThat(summary.tornTailBytes()).isPositive();
    }

    @Test
    void flippedPayloadByteIsReportedAndTheScanGoesOn() throws IOException {
        List<Long> offsets = write("alpha", "beta");
        try (FileChannel channel = FileChannel.open(root.resolve(SEGMENT), StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(new byte[] {'X'}), offsets.get(0));
        }

        List<ScannedFrame> frames = new ArrayList<>();
        var summary = PackSegmentScanner.scan(store, SEGMENT, frames::add);

        assertThat(summary.corruptPayloads()).isEqualTo(1);
        assertThat(frames).extracting(ScannedFrame::payloadIntact).containsExactly(false, true);
    }

    @Test
    void appendableBlobIsReadableWhileItGrowsAndNeverReplacesAnExistingOne() throws IOException {
        try (AppendableBlob blob = store.createAppendable(SEGMENT)) {
            assertThat(blob.append(ByteBuffer.wrap(new byte[] {1, 2}), ByteBuffer.wrap(new byte[] {3}))).isZero();
            assertThat(blob.append(ByteBuffer.wrap(new byte[] {4}))).isEqualTo(3);
            assertThat(store.size(SEGMENT)).isEqualTo(4);
            blob.sync();
        }

        assertThatThrownBy(() -> store.createAppendable(SEGMENT)).isInstanceOf(FileAlreadyExistsException.class);
    }

    private List<Long> write(String... payloads) throws IOException {
        List<Long> offsets = new ArrayList<>();
        try (AppendableBlob blob = store.createAppendable(SEGMENT)) {
            for (String text : payloads) {
                ByteBuffer payload = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
                PackFrame frame = PackFrame.of("00000000000000000001", "bucket", "key-" + text, payload);
                ByteBuffer header = frame.header();
                offsets.add(blob.append(header, payload) + header.remaining());
            }
            blob.sync();
        }
        return offsets;
    }

    private String read(long offset, int length) throws IOException {
        try (InputStream in = store.openRead(SEGMENT, offset, length)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8); // a few bytes
        }
    }
}
