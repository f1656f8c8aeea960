package dev.blobpipe.catalog.admin;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Decodes COPY tuples and appends them to an {@link InventoryFile} on a thread of its own, so that Parquet encoding
 * overlaps reading from PostgreSQL (on 2 cores: the reading thread, the writing thread and the PostgreSQL backend each
 * need about a third of the CPU time). Tuples travel in batches through a queue of {@link #QUEUED_BATCHES}, so memory
 * stays bounded when the file is slower than the database. The calling thread owns {@link #add} and {@link #finish};
 * the file belongs to the writing thread until {@link #finish} returns or {@link #close} has stopped it.
 */
final class InventoryWriterThread implements AutoCloseable {
    /** Tuples per batch: enough that the hand-over cost vanishes per row. */
    static final int BATCH_TUPLES = 1024;
    /** A batch is also handed over at this size, so batches of large rows stay small. */
    static final int BATCH_BYTES = 256 << 10;
    static final int QUEUED_BATCHES = 4;
    /** How long one wait for the other side lasts before checking that it is still alive. */
    private static final long WAIT_SLICE_MS = 200;
    private static final Batch END = new Batch(new byte[0][], 0);

    private final ExecutorService executor;
    private final Future<Long> writing;
    private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
    private byte[][] tuples = new byte[BATCH_TUPLES][];
    private int count;
    private int batchBytes;

    /** Starts the writing thread; {@code bucket} is the bucket column of every row. */
    InventoryWriterThread(InventoryFile file, String bucket) {
        Objects.requireNonNull(file, "file");
        InventoryTupleDecoder decoder = new InventoryTupleDecoder(bucket);
        this.executor = Executors.newSingleThreadExecutor(task -> new Thread(task, "inventory-writer"));
        this.writing = executor.submit(() -> write(file, decoder));
    }

    /** Queues a tuple of {@link InventoryCopy}, which must not change afterwards. */
    void add(byte[] tuple) throws IOException {
        tuples[count++] = tuple;
        batchBytes += tuple.length;
        if (count == BATCH_TUPLES || batchBytes >= BATCH_BYTES) {
            handOver(new Batch(tuples, count));
            tuples = new byte[BATCH_TUPLES][];
            count = 0;
            batchBytes = 0;
        }
    }

    /** Waits until every queued tuple is in the file; returns the sum of their objects' sizes. */
    long finish() throws IOException {
        if (count > 0) {
            handOver(new Batch(tuples, count));
            count = 0;
        }
        handOver(END);
        while (true) {
            try {
                return writing.get(WAIT_SLICE_MS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // still writing: the rest of a large file takes a while, and the writer waits for nothing now
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the inventory writer");
            } catch (ExecutionException e) {
                throw failure(e);
            }
        }
    }

    /** Stops the writing thread if it still runs (after a failure on either side) and waits for it to end. */
    @Override
    public void close() throws IOException {
        writing.cancel(true);
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                throw new IOException("inventory writer did not stop within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while stopping the inventory writer");
        }
    }

    private void handOver(Batch batch) throws IOException {
        try {
            while (!queue.offer(batch, WAIT_SLICE_MS, TimeUnit.MILLISECONDS)) {
                if (writing.isDone()) {
                    writing.get(); // done, so it does not wait: throws the writer's failure
                    throw new IllegalStateException("inventory writer ended before the last row");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while handing rows to the inventory writer");
        } catch (ExecutionException e) {
            throw failure(e);
        }
    }

    /** The writing thread's loop; returns the sum of the objects' sizes. */
    private long write(InventoryFile file, InventoryTupleDecoder decoder) throws IOException, InterruptedException {
        InventoryColumns row = new InventoryColumns();
        long objectBytes = 0;
        while (true) {
            Batch batch = queue.poll(WAIT_SLICE_MS, TimeUnit.MILLISECONDS);
            if (batch == END) {
                return objectBytes;
            }
            if (batch == null) {
                continue; // the reader is waiting for PostgreSQL; close() interrupts this wait if it gives up
            }
            for (int index = 0; index < batch.count; index++) {
                decoder.decode(batch.tuples[index], row);
                file.append(row);
                objectBytes += row.sizeBytes;
            }
        }
    }

    /** The writer's failure as the exception to throw, unchecked ones rethrown as they are. */
    private static IOException failure(ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof IOException io) {
            return io;
        }
        if (cause instanceof UncheckedIOException unchecked) {
            return unchecked.getCause();
        }
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IOException("inventory writer failed", cause);
    }

    private record Batch(byte[][] tuples, int count) {
    }
}
