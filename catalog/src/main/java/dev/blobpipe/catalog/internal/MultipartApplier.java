package dev.blobpipe.catalog.internal;

import dev.blobpipe.catalog.VisibilityWaiter.AppliedOutcome;
import dev.blobpipe.schemas.Extent;
import dev.blobpipe.schemas.ObjectEvent;
import dev.blobpipe.schemas.ObjectLocation;
import dev.blobpipe.schemas.VersionId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies multipart events inside the caller's transaction: uploads start, parts arrive (newest version per part
 * number wins), and an upload ends once, completed or aborted. Every part location that stops counting — replaced,
 * arriving for an upload that is not open, aborted, or not chosen by the completion — goes to {@code dead_blobs}
 * under the part's version; a chosen part lives on as an extent of the object.
 *
 * <p>Every decision about an upload first locks its row ({@code SELECT … FOR UPDATE}), so its parts, its completion
 * and its abort are decided one after the other even when they sit on different partitions of the events topic.
 * Replays are idempotent: a part already applied, the completion that closed the upload and a second abort are
 * APPLIED again without changing anything.
 */
final class MultipartApplier {
    private static final Logger log = LoggerFactory.getLogger(MultipartApplier.class);
    private static final String COMPLETED = "completed";
    private static final String ABORTED = "aborted";

    private final MultipartDao uploads;
    private final ObjectVersionWriter versions;

    MultipartApplier(Handle handle, ObjectVersionWriter versions) {
        this.uploads = handle.attach(MultipartDao.class);
        this.versions = versions;
    }

    AppliedOutcome start(ObjectEvent.MultipartStarted started) {
        uploads.insertUpload(started); // 0 rows on a replay: the upload is known, in whatever state it reached
        return AppliedOutcome.APPLIED;
    }

    /** A part upload: counts only while its upload is open, and then only while no newer upload of its number came. */
    AppliedOutcome applyPart(ObjectEvent.ObjectCommitted committed) {
        PartRow row = PartRow.of(committed);
        VersionId version = committed.versionId();
        Optional<MultipartDao.UploadState> upload = uploads.lockUpload(row.uploadId());
        Optional<MultipartDao.PartState> current = upload.isEmpty() ? Optional.empty()
                : uploads.part(row.uploadId(), row.partNumber());
        if (current.isPresent() && current.get().versionId().equals(version)) {
            return AppliedOutcome.APPLIED; // the same part again (replay); it may be an extent by now: leave it be
        }
        if (upload.isEmpty() || !upload.get().isOpen() || !isFor(upload.get(), row.bucket(), row.key())) {
            log.debug("part rejected, upload not open upload={} part={} version={} state={}", row.uploadId(),
                    row.partNumber(), version, upload.map(MultipartDao.UploadState::state).orElse("unknown"));
            versions.recordDead(version, List.of(committed.location()), row.bucket(), row.key());
            return AppliedOutcome.REJECTED;
        }
        if (current.isPresent() && current.get().versionId().isAfter(version)) {
            // a late, older upload of this part number: never counts, its bytes are garbage from the start
            versions.recordDead(version, List.of(committed.location()), row.bucket(), row.key());
            return AppliedOutcome.APPLIED;
        }
        uploads.upsertNewerPart(row);
        current.ifPresent(replaced -> versions.recordDead(replaced.versionId(), List.of(replaced.location()),
                row.bucket(), row.key()));
        return AppliedOutcome.APPLIED;
    }

    /**
     * Turns an open upload into an object version whose extents are the chosen parts' current locations; any other
     * state of the upload, an extent that is not its part's current location, or a failed write condition rejects
     * the whole completion (the last leaves the upload open and its parts as they are).
     */
    AppliedOutcome complete(ObjectEvent.MultipartCompleted completed) {
        String uploadId = completed.multipartUploadId().value();
        VersionId version = completed.versionId();
        Optional<MultipartDao.UploadState> found = uploads.lockUpload(uploadId);
        if (found.isPresent() && found.get().isCompleted() && version.equals(found.get().closedVersion())) {
            return AppliedOutcome.APPLIED; // the completion that closed the upload, again (replay)
        }
        if (found.isEmpty() || !found.get().isOpen()
                || !isFor(found.get(), completed.bucket(), completed.manifest().key())) {
            log.debug("completion rejected, upload not open upload={} version={} state={}", uploadId, version,
                    found.map(MultipartDao.UploadState::state).orElse("unknown"));
            return AppliedOutcome.REJECTED;
        }
        Map<Integer, MultipartDao.PartState> parts = new HashMap<>();
        uploads.allParts(uploadId).forEach(part -> parts.put(part.partNumber(), part));
        if (!extentsAreCurrentParts(completed.extents(), parts)) {
            log.debug("completion rejected, extents are not the current parts upload={} version={}", uploadId,
                    version);
            return AppliedOutcome.REJECTED;
        }
        // if a newer version holds the key the writer records the extents dead: the completion still ends the upload
        ObjectVersionWriter.Result result = versions.write(ObjectRow.completed(completed), completed.extents(),
                completed.manifest().condition());
        if (result == ObjectVersionWriter.Result.REJECTED) {
            // the condition failed: the upload stays open with its parts, to be completed (or aborted) later
            return AppliedOutcome.REJECTED;
        }
        uploads.close(uploadId, COMPLETED, version.toString());
        Set<Integer> chosen = new HashSet<>();
        completed.extents().forEach(extent -> chosen.add(extent.partNumber()));
        for (MultipartDao.PartState part : parts.values()) {
            if (!chosen.contains(part.partNumber())) {
                versions.recordDead(part.versionId(), List.of(part.location()), completed.bucket(),
                        completed.manifest().key());
            }
        }
        return AppliedOutcome.APPLIED;
    }

    /** Ends an open upload; its parts become garbage. Aborting an aborted upload again is fine, a completed one not. */
    AppliedOutcome abort(ObjectEvent.MultipartAborted aborted) {
        String uploadId = aborted.multipartUploadId().value();
        Optional<MultipartDao.UploadState> found = uploads.lockUpload(uploadId);
        if (found.isPresent() && found.get().isAborted()) {
            return AppliedOutcome.APPLIED;
        }
        if (found.isEmpty() || !found.get().isOpen() || !isFor(found.get(), aborted.bucket(), aborted.key())) {
            log.debug("abort rejected, upload not open upload={} version={} state={}", uploadId,
                    aborted.versionId(), found.map(MultipartDao.UploadState::state).orElse("unknown"));
            return AppliedOutcome.REJECTED;
        }
        uploads.close(uploadId, ABORTED, aborted.versionId().toString());
        for (MultipartDao.PartState part : uploads.allParts(uploadId)) {
            versions.recordDead(part.versionId(), List.of(part.location()), aborted.bucket(), aborted.key());
        }
        return AppliedOutcome.APPLIED;
    }

    /** Extents in strictly ascending part order, each exactly (blob, offset, length) its part's current location. */
    private static boolean extentsAreCurrentParts(List<Extent> extents, Map<Integer, MultipartDao.PartState> parts) {
        int previous = 0;
        for (Extent extent : extents) {
            MultipartDao.PartState part = parts.get(extent.partNumber());
            ObjectLocation location = part == null ? null : part.location();
            if (extent.partNumber() <= previous || !extent.location().equals(location)) {
                return false;
            }
            previous = extent.partNumber();
        }
        return true;
    }

    private static boolean isFor(MultipartDao.UploadState upload, String bucket, String key) {
        return upload.bucket().equals(bucket) && upload.key().equals(key);
    }
}
