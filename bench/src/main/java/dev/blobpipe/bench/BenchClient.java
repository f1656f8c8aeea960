package dev.blobpipe.bench;

import java.io.IOException;
import java.util.List;

/**
 * What the comparison's workloads ask of an S3 client: the AWS SDK v2 ({@link SdkBenchClient}) does everything, the
 * light {@link PresignedBenchClient} only small PUTs and GETs, to show how much of each figure is the client's own
 * cost. Implementations are shared by all worker threads.
 */
interface BenchClient extends AutoCloseable {
    /**
     * Called before a small-object step is timed, with the requests it will send: a client may do its per-request
     * work here (the light client presigns every URL). What was prepared for the step before may be dropped.
     */
    default void prepare(List<ObjectRequest> requests) throws IOException {
    }

    void createBucket(String bucket) throws IOException;

    /** Uploads the object's bytes in one PUT. */
    void put(String bucket, BenchObject object) throws IOException;

    /** Uploads the object as a multipart upload of {@code partBytes} parts, {@code partsInFlight} at a time. */
    void putMultipart(String bucket, BenchObject object, long partBytes, int partsInFlight) throws IOException;

    /** GETs the object whole and fails unless its bytes are the object's. */
    void getVerified(String bucket, BenchObject object) throws IOException;

    /** One ListObjectsV2 page of up to 1,000 keys after {@code continuationToken} (null: from the start). */
    ListPage listPage(String bucket, String continuationToken) throws IOException;

    /** A page's key count and the token of the next page (null after the last). */
    record ListPage(int keyCount, String nextContinuationToken) {
    }

    @Override
    void close();
}
