package dev.blobpipe.ingest.s3;

import java.util.regex.Pattern;

/**
 * The S3 bucket naming rules (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html): only
 * CreateBucket enforces them with InvalidBucketName; other operations on a name that breaks them answer NoSuchBucket,
 * since no such bucket can exist. "admin" is reserved although S3 allows it: path-style {@code /admin/…} is the operator
 * API ({@link AdminHandler}), so CreateBucket refuses it with InvalidBucketName.
 */
public final class BucketName {
    private static final Pattern SHAPE = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    static final String RESERVED_ADMIN = "admin";
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private BucketName() {
    }

    /** Whether a bucket of this name could exist. */
    public static boolean isValid(String name) {
        return name != null
                && SHAPE.matcher(name).matches()
                && !name.equals(RESERVED_ADMIN)
                && !name.contains("..")
                && !IPV4.matcher(name).matches()
                && !name.startsWith("xn--")
                && !name.startsWith("sthree-")
                && !name.endsWith("-s3alias")
                && !name.endsWith("--ol-s3");
    }

    static void requireValid(String name) {
        if (!isValid(name)) {
            throw new S3Exception(S3Error.INVALID_BUCKET_NAME);
        }
    }
}
