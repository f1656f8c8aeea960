package dev.blobpipe.ingest.s3;

import dev.blobpipe.catalog.StoredObject;
import dev.blobpipe.catalog.VisibilityWaiter.AppliedOutcome;
import dev.blobpipe.schemas.ObjectEvent.ObjectTagsSet;
import dev.blobpipe.schemas.VersionId;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PutObjectTagging, GetObjectTagging and DeleteObjectTagging. Tags belong to one object version: a tag set is an
 * event naming the version it was read from, and the indexer refuses it (NoSuchKey here) if that version was replaced
 * or deleted meanwhile, so tags never land on an object the client did not mean.
 */
final class TaggingHandler {
    private static final Logger log = LoggerFactory.getLogger(TaggingHandler.class);

    private final S3Backend backend;

    TaggingHandler(S3Backend backend) {
        this.backend = backend;
    }

    void put(S3Call call) throws IOException {
        StoredObject object = lookup(call);
        XmlTree document = RequestDocument.read(call, backend, "Tagging", Tagging.MAX_DOCUMENT_BYTES);
        setTags(call, object, Tagging.parseDocument(document));
        call.status(200);
    }

    /** The live version's tags; an object without tags has an empty TagSet (S3 has no NoSuchTagSet for objects). */
    void get(S3Call call) throws IOException {
        StoredObject object = lookup(call);
        Map<String, String> tags = new TreeMap<>(object.manifest().metadata().tags());
        call.sendXml("Tagging", xml -> Tagging.write(xml, tags));
    }

    void delete(S3Call call) {
        StoredObject object = lookup(call);
        if (!object.manifest().metadata().tags().isEmpty()) {
            setTags(call, object, Map.of());
        }
        call.status(204);
    }

    private void setTags(S3Call call, StoredObject object, Map<String, String> tags) {
        VersionId objectVersion = object.manifest().versionId();
        VersionId version = backend.versions().nextAfter(objectVersion);
        var event = new ObjectTagsSet(call.bucket(), call.key(), objectVersion, version, tags);
        if (backend.events().publishAndAwait(event) == AppliedOutcome.REJECTED) {
            // the version we read was overwritten or deleted before the indexer applied the tags
            throw new S3Exception(S3Error.NO_SUCH_KEY);
        }
        log.debug("object tags set bucket={} key={} objectVersion={} tags={}", call.bucket(), call.key(),
                objectVersion, tags.size());
    }

    private StoredObject lookup(S3Call call) {
        return backend.catalog().object(call.bucket(), call.key()).orElseThrow(() -> {
            backend.requireBucket(call.bucket());   // only on a miss: which 404 it is
            return new S3Exception(S3Error.NO_SUCH_KEY);
        });
    }
}
