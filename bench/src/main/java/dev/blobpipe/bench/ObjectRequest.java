package dev.blobpipe.bench;

/**
 * One small-object operation of a step, known before the step starts: a client may do its per-request work (such as
 * presigning the URL) then, outside the timing. Records compare by value, so a prepared URL is found again by an
 * equal request.
 */
record ObjectRequest(Method method, String bucket, BenchObject object) {
    /** The S3 operations a request may be: PUT Object, or a GET Object whose bytes are checked. */
    enum Method { PUT, GET }

    static ObjectRequest put(String bucket, BenchObject object) {
        return new ObjectRequest(Method.PUT, bucket, object);
    }

    static ObjectRequest get(String bucket, BenchObject object) {
        return new ObjectRequest(Method.GET, bucket, object);
    }

    void sendWith(BenchClient client) throws Exception {
        if (method == Method.PUT) {
            client.put(bucket, object);
        } else {
            client.getVerified(bucket, object);
        }
    }
}
