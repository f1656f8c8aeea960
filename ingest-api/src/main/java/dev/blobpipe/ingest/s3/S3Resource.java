package dev.blobpipe.ingest.s3;

/**
 * What a request addresses: the service (no bucket), a bucket (no key) or an object. The key keeps every character
 * of the decoded path, empty segments ("a//b") and encoded slashes included.
 */
record S3Resource(String bucket, String key) {
    static final S3Resource SERVICE = new S3Resource(null, null);

    /** The three shapes routes are chosen by. */
    enum Shape { SERVICE, BUCKET, OBJECT }

    S3Resource {
        if (bucket == null && key != null) {
            throw new IllegalArgumentException("a key needs a bucket");
        }
        if (key != null && key.isEmpty()) {
            key = null;
        }
    }

    Shape shape() {
        if (bucket == null) {
            return Shape.SERVICE;
        }
        return key == null ? Shape.BUCKET : Shape.OBJECT;
    }
}
