package dev.blobpipe.ingest.s3;

import dev.blobpipe.catalog.StoredObject;
import dev.blobpipe.schemas.WriteCondition;
import java.util.Locale;
import java.util.Optional;

/**
 * The preconditions of a write (PutObject, CompleteMultipartUpload, CopyObject): {@code If-None-Match: *} or
 * {@code If-Match: "etag"} (https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-writes.html). The
 * catalog pre-check answers a condition that already fails at once; the indexer decides it for good when it applies
 * the write, so of two racing writers exactly one wins.
 */
final class WriteConditions {
    private WriteConditions() {
    }

    /**
     * The condition the request's headers state, or null. S3 supports only {@code *} in If-None-Match and one ETag in
     * If-Match on writes, and not both at once; anything else is NotImplemented (never silently ignored).
     */
    static WriteCondition parse(S3Call call) {
        String ifNoneMatch = call.header("if-none-match");
        String ifMatch = call.header("if-match");
        if (ifNoneMatch != null && ifMatch != null) {
            throw notImplemented("If-Match and If-None-Match together");
        }
        if (ifNoneMatch != null) {
            if (!ifNoneMatch.trim().equals("*")) {
                throw notImplemented("If-None-Match other than *");
            }
            return WriteCondition.ifNoneMatchAny();
        }
        if (ifMatch != null) {
            String etag = ifMatch.trim();
            if (etag.isEmpty() || etag.equals("*") || etag.contains(",") || etag.startsWith("W/")) {
                throw notImplemented("If-Match other than one strong ETag");
            }
            // our ETags are quoted lower-case hex ("md5" or "md5-N"); clients may leave the quotes out
            return WriteCondition.ifMatch('"' + ObjectReadHandler.unquoted(etag).toLowerCase(Locale.ROOT) + '"');
        }
        return null;
    }

    /**
     * The early answer from the catalog: 412 if the condition already fails; for If-Match on a key that has no live
     * version, 404 NoSuchKey as S3 answers. Passing says nothing final: the indexer decides.
     */
    static void precheck(WriteCondition condition, Optional<StoredObject> current) {
        if (condition == null) {
            return;
        }
        if (condition.kind() == WriteCondition.Kind.IF_MATCH && current.isEmpty()) {
            throw new S3Exception(S3Error.NO_SUCH_KEY);
        }
        if (!condition.allows(current.map(object -> object.manifest().etag()).orElse(null))) {
            throw new S3Exception(S3Error.PRECONDITION_FAILED);
        }
    }

    private static S3Exception notImplemented(String what) {
        return new S3Exception(S3Error.NOT_IMPLEMENTED,
                "A header you provided implies functionality that is not implemented: " + what + ".");
    }
}
