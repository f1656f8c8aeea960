package dev.blobpipe.ingest.s3;

/**
 * The object an x-amz-copy-source header names: {@code [/]bucket/key[?versionId=…]}, URL-encoded
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_UploadPartCopy.html). Buckets are never versioned here, so a
 * versionId other than "null" names nothing we hold.
 */
record CopySource(String bucket, String key) {

    static CopySource parse(String header) {
        if (header == null || header.isBlank()) {
            throw invalid();
        }
        String value = header.trim();
        int question = value.indexOf('?');
        if (question >= 0) {
            QueryParams query = QueryParams.parse(value.substring(question + 1));
            String versionId = query.get("versionId");
            if (versionId != null && !versionId.equals("null")) {
                throw new S3Exception(S3Error.INVALID_ARGUMENT, "Invalid version id specified");
            }
            value = value.substring(0, question);
        }
        if (value.startsWith("/")) {
            value = value.substring(1);
        }
        int slash = value.indexOf('/');
        if (slash <= 0 || slash == value.length() - 1) {
            throw invalid();
        }
        String bucket = PercentEncoding.decodePath(value.substring(0, slash));
        String key = PercentEncoding.decodePath(value.substring(slash + 1));
        if (key.indexOf('\0') >= 0) {
            throw new S3Exception(S3Error.INVALID_URI);
        }
        return new CopySource(bucket, key);
    }

    /**
     * The x-amz-copy-source-range of a source of {@code size} bytes: {@code bytes=first-last}, both given, inside the
     * source; null when absent (the whole source). Anything else is InvalidArgument, as S3 answers it.
     */
    static ByteRange range(String header, long size) {
        if (header == null) {
            return null;
        }
        String value = header.trim();
        String spec = value.startsWith("bytes=") ? value.substring("bytes=".length()) : null;
        int dash = spec == null ? -1 : spec.indexOf('-');
        long first = dash <= 0 ? -1 : digits(spec.substring(0, dash));
        long last = dash <= 0 ? -1 : digits(spec.substring(dash + 1));
        if (first < 0 || last < first) {
            throw new S3Exception(S3Error.INVALID_ARGUMENT, "The x-amz-copy-source-range value must be of the form "
                    + "bytes=first-last where first and last are the zero-based offsets of the first and last bytes "
                    + "to copy");
        }
        if (last >= size) {
            throw new S3Exception(S3Error.INVALID_ARGUMENT,
                    "Range specified is not valid for source object of size: " + size);
        }
        return new ByteRange(first, last);
    }

    private static long digits(String text) {
        if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        return Long.parseLong(text);
    }

    private static S3Exception invalid() {
        return new S3Exception(S3Error.INVALID_ARGUMENT,
                "Copy Source must mention the source bucket and key: sourcebucket/sourcekey");
    }
}
