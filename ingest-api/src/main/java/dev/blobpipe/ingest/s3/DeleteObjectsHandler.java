package dev.blobpipe.ingest.s3;

import dev.blobpipe.catalog.VisibilityWaiter.AppliedOutcome;
import dev.blobpipe.schemas.ObjectEvent.ObjectDeleted;
import dev.blobpipe.schemas.VersionId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DeleteObjects (https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObjects.html): up to 1,000 keys in one
 * {@code <Delete>} document. A key that cannot be deleted gets its own {@code <Error>} and the others proceed; the
 * deletes of live keys are published together and then awaited, so the request costs about one round trip. Quiet
 * mode lists only the errors.
 */
final class DeleteObjectsHandler {
    private static final Logger log = LoggerFactory.getLogger(DeleteObjectsHandler.class);
    static final int MAX_KEYS = 1000;
    /** 1,000 keys of up to 1 KiB, escaped: a few MiB at worst. */
    static final int MAX_DOCUMENT_BYTES = 8 << 20;

    private final S3Backend backend;

    DeleteObjectsHandler(S3Backend backend) {
        this.backend = backend;
    }

    /** One entry of the result: deleted, or refused with an S3 error. */
    record Outcome(String key, String versionId, S3Error error, String message) {
    }

    void deleteObjects(S3Call call) throws IOException {
        String bucket = call.bucket();
        backend.requireBucket(bucket);
        XmlTree document = RequestDocument.read(call, backend, "Delete", MAX_DOCUMENT_BYTES);
        List<XmlTree> objects = document.all("Object");
        if (objects.isEmpty() || objects.size() > MAX_KEYS) {
            throw XmlTree.malformed();
        }
        boolean quiet = "true".equalsIgnoreCase(trimmed(document.childText("Quiet")));

        List<Outcome> outcomes = new ArrayList<>(objects.size());
        Map<String, ObjectDeleted> deletes = new LinkedHashMap<>();
        Instant now = backend.clock().instant();
        for (XmlTree object : objects) {
            String key = object.childText("Key");
            String versionId = trimmed(object.childText("VersionId"));
            if (key == null) {
                throw XmlTree.malformed();
            }
            Outcome refused = refusal(key, versionId);
            if (refused != null) {
                outcomes.add(refused);
                continue;
            }
            outcomes.add(new Outcome(key, versionId, null, null));
            if (!deletes.containsKey(key) && backend.catalog().object(bucket, key).isPresent()) {
                VersionId version = backend.versions().nextAfter(
                        backend.catalog().newestVersion(bucket, key).orElse(VersionId.ZERO));
                deletes.put(key, new ObjectDeleted(bucket, key, version, now));
            }
        }
        List<ObjectDeleted> events = List.copyOf(deletes.values());
        List<AppliedOutcome> applied = events.isEmpty() ? List.of() : backend.events().publishAllAndAwait(events);
        log.debug("objects deleted bucket={} requested={} deleted={} refused={}", bucket, objects.size(),
                applied.size(), outcomes.stream().filter(outcome -> outcome.error() != null).count());
        call.sendXml("DeleteResult", xml -> {
            for (Outcome outcome : outcomes) {
                if (outcome.error() == null && !quiet) {
                    xml.start("Deleted").element("Key", outcome.key()).optional("VersionId", outcome.versionId())
                            .end();
                } else if (outcome.error() != null) {
                    xml.start("Error").element("Key", outcome.key()).optional("VersionId", outcome.versionId())
                            .element("Code", outcome.error().code()).element("Message", outcome.message()).end();
                }
            }
        });
    }

    /** Why one key cannot be deleted, or null. Buckets are unversioned: only version "null" exists. */
    static Outcome refusal(String key, String versionId) {
        if (key.isEmpty()) {
            return new Outcome(key, versionId, S3Error.INVALID_ARGUMENT, "The key must not be empty.");
        }
        if (key.getBytes(StandardCharsets.UTF_8).length > UploadHeaders.MAX_KEY_BYTES) {
            return new Outcome(key, versionId, S3Error.KEY_TOO_LONG, S3Error.KEY_TOO_LONG.message());
        }
        if (versionId != null && !versionId.equals("null")) {
            return new Outcome(key, versionId, S3Error.INVALID_ARGUMENT, "Invalid version id specified");
        }
        return null;
    }

    private static String trimmed(String text) {
        return text == null ? null : text.trim();
    }
}
