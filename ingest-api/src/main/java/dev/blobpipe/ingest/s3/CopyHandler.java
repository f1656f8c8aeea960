package dev.blobpipe.ingest.s3;

import dev.blobpipe.catalog.StoredObject;
import dev.blobpipe.catalog.VisibilityWaiter.AppliedOutcome;
import dev.blobpipe.ingest.upload.StoredChecksums;
import dev.blobpipe.schemas.ObjectEvent.ObjectCopied;
import dev.blobpipe.schemas.ObjectManifest;
import dev.blobpipe.schemas.ObjectMetadata;
import dev.blobpipe.schemas.VersionId;
import dev.blobpipe.schemas.WriteCondition;
import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CopyObject (https://docs.aws.amazon.com/AmazonS3/latest/API/API_CopyObject.html): a new version of the destination
 * that references the source's blobs in place, so no byte is read or written, whatever the size. The source's digests
 * and part count carry over (the ETag stays the source's, as S3 keeps it for a copy it does not re-encrypt); metadata
 * and tags come from the source (directive COPY, the default) or from the request (REPLACE).
 */
final class CopyHandler {
    private static final Logger log = LoggerFactory.getLogger(CopyHandler.class);

    private final S3Backend backend;

    CopyHandler(S3Backend backend) {
        this.backend = backend;
    }

    void copy(S3Call call) throws IOException {
        String bucket = call.bucket();
        String key = call.key();
        UploadHeaders.requireKeyLength(key);
        CopySource source = CopySource.parse(call.header("x-amz-copy-source"));
        boolean replaceMetadata = replace(call.header("x-amz-metadata-directive"), "x-amz-metadata-directive");
        boolean replaceTags = replace(call.header("x-amz-tagging-directive"), "x-amz-tagging-directive");
        var headers = new UploadHeaders(call.headers());
        ObjectMetadata replacement = replaceMetadata ? headers.contentMetadata() : null;
        Map<String, String> replacementTags = replaceTags ? Tagging.parseHeader(call.header("x-amz-tagging")) : null;
        WriteCondition condition = WriteConditions.parse(call);
        if (source.bucket().equals(bucket) && source.key().equals(key) && !replaceMetadata && !replaceTags) {
            throw new S3Exception(S3Error.INVALID_REQUEST, "This copy request is illegal because it is trying to copy "
                    + "an object to itself without changing the object's metadata, storage class, website redirect "
                    + "location or encryption attributes.");
        }
        backend.requireBucket(bucket);
        StoredObject object = backend.catalog().object(source.bucket(), source.key()).orElseThrow(() -> {
            backend.requireBucket(source.bucket());   // only on a miss: which 404 it is
            return new S3Exception(S3Error.NO_SUCH_KEY);
        });
        ObjectManifest from = object.manifest();
        PartHandler.checkCopyPreconditions(call, from);
        WriteConditions.precheck(condition, backend.catalog().object(bucket, key));

        ObjectMetadata metadata = metadata(from.metadata(), replacement, replacementTags);
        VersionId version = backend.versions().nextAfter(
                backend.catalog().newestVersion(bucket, key).orElse(VersionId.ZERO));
        var manifest = new ObjectManifest(bucket, key, version, from.sizeBytes(), from.chunkCount(), from.md5Hex(),
                from.sha256Hex(), backend.clock().instant().truncatedTo(ChronoUnit.MILLIS), metadata, null,
                from.partCount(), condition);
        var copied = new ObjectCopied(manifest, object.location(), object.extents());
        if (backend.events().publishAndAwait(copied) == AppliedOutcome.REJECTED) {
            if (condition == null) {
                // the indexer refuses a copy only for its condition: anything else is a broken invariant
                log.error("catalog refused an unconditional copy bucket={} key={} version={}", bucket, key, version);
                throw new S3Exception(S3Error.INTERNAL_ERROR);
            }
            throw new S3Exception(S3Error.PRECONDITION_FAILED);
        }
        log.debug("object copied bucket={} key={} version={} sourceBucket={} sourceKey={} bytes={}", bucket, key,
                version, source.bucket(), source.key(), manifest.sizeBytes());
        call.sendXml("CopyObjectResult", xml -> {
            xml.element("LastModified", manifest.lastModified()).element("ETag", manifest.etag());
            MultipartXml.writeElements(xml, StoredChecksums.elements(metadata.checksums()));
        });
    }

    /**
     * The destination's metadata. The checksums always stay the source's: they describe the bytes, which are the
     * same. Content headers and user metadata are the request's with REPLACE, tags the request's x-amz-tagging with
     * the tagging directive REPLACE.
     */
    static ObjectMetadata metadata(ObjectMetadata source, ObjectMetadata replacement, Map<String, String> tags) {
        ObjectMetadata content = replacement == null ? source : replacement;
        return new ObjectMetadata(content.contentType(), content.contentEncoding(), content.contentDisposition(),
                content.cacheControl(), content.expires(), content.userMetadata(), source.checksums(),
                tags == null ? source.tags() : tags);
    }

    /** COPY (the default) or REPLACE; anything else is InvalidArgument. */
    private static boolean replace(String directive, String header) {
        if (directive == null) {
            return false;
        }
        switch (directive.trim().toUpperCase(Locale.ROOT)) {
            case "COPY":
                return false;
            case "REPLACE":
                return true;
            default:
                throw new S3Exception(S3Error.INVALID_ARGUMENT, "Unknown " + header + " value: " + directive);
        }
    }
}
