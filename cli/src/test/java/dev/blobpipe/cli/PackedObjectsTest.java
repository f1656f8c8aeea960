package dev.blobpipe.cli;

import static dev.blobpipe.cli.testing.S3Errors.assertKeyAbsent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.blobpipe.cli.testing.BlobpipeFixture;
import dev.blobpipe.cli.testing.Parallel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Many small objects live in a few pack segments and read back exactly, through overwrites and deletes. */
class PackedObjectsTest {
    private static final int OBJECTS = 10_000;
    private static final int SIZE = 4096;
    private static final int THREADS = 16;
    private static final S3Client s3 = BlobpipeFixture.shared().sharedClient();

    @Test
    void tenThousandSmallObjectsReadBackThroughOverwritesAndDeletes() throws Exception {
        // given 10,000 objects of 4 KiB
        String bucket = BlobpipeFixture.uniqueBucket("packed");
        s3.createBucket(b -> b.bucket(bucket));
        List<String> segmentsBefore = segmentFiles();
        long segmentBytesBefore = totalSize(segmentsBefore);
        forEach(OBJECTS, i -> put(bucket, i, 0));

        // when every tenth is overwritten and every tenth (another one) deleted
        forEach(OBJECTS / 10, i -> put(bucket, i * 10, 1));
        forEach(OBJECTS / 10, i -> s3.deleteObject(d -> d.bucket(bucket).key(key(i * 10 + 5))));

        // then every object reads back as its newest version, and the deleted ones are gone
        forEach(OBJECTS, i -> {
            if (i % 10 == 5) {
                assertKeyAbsent(s3, bucket, key(i));
            } else {
                byte[] read = s3.getObjectAsBytes(g -> g.bucket(bucket).key(key(i))).asByteArray();
                assertThat(read).isEqualTo(body(i, i % 10 == 0 ? 1 : 0));
            }
        });
        // and they went into pack segments (the open one grew, a few were added), not into a file each
        List<String> segmentsAfter = segmentFiles();
        assertThat(totalSize(segmentsAfter) - segmentBytesBefore)
                .isGreaterThanOrEqualTo((long) (OBJECTS + OBJECTS / 10) * SIZE);
        assertThat(segmentsAfter.size() - segmentsBefore.size()).isLessThan(10);
    }

    private static void put(String bucket, int index, int generation) {
        s3.putObject(p -> p.bucket(bucket).key(key(index)), RequestBody.fromBytes(body(index, generation)));
    }

    private static String key(int index) {
        return "logs/2026/11/26/" + index + ".log";
    }

    /** 4 KiB that differ per object and per generation. */
    private static byte[] body(int index, int generation) {
        ByteBuffer body = ByteBuffer.allocate(SIZE);
        while (body.hasRemaining()) {
            body.putInt(index * 31 + generation * 1_000_003 + body.position());
        }
        return body.array();
    }

    private static void forEach(int count, IntConsumer action) throws InterruptedException {
        Parallel.forEach(THREADS, count, action);
    }

    private static List<String> segmentFiles() {
        Path segments = BlobpipeFixture.shared().dataDir().resolve("blobs").resolve("segments");
        if (!Files.exists(segments)) {
            return new ArrayList<>();
        }
        try (Stream<Path> files = Files.list(segments)) {
            return new ArrayList<>(files.map(Path::toString).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long totalSize(List<String> files) {
        long total = 0;
        for (String file : files) {
            try {
                total += Files.size(Path.of(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return total;
    }
}
