package dev.blobpipe.compactor;

import dev.blobpipe.blobstore.BlobInfo;
import dev.blobpipe.blobstore.BlobStore;
import dev.blobpipe.catalog.SegmentCatalog;
import dev.blobpipe.catalog.SegmentUsage;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Segment compaction, one pass per sweep, over pack segments not written for {@code compactor.segment.min.age} (no
 * archiver appends to them or publishes a new reference to them any more). For each, the catalog's live references
 * decide:
 * <ul>
 *   <li>nothing references it and no dead row of it is younger than {@code compactor.gc.grace} (a GET that resolved a
 *   location before an overwrite or move may still be reading): it is deleted, then its dead rows forgotten;</li>
 *   <li>its live bytes are under {@code compactor.segment.live.ratio} of its size and some live range can move: it is
 *   rewritten ({@link SegmentRewriter}) into this sweep's own new segments.</li>
 * </ul>
 * Every decision comes from the usage read before any rewrite, so a segment rewritten in a sweep is never deleted in
 * the same sweep: that waits for a later sweep that sees its moves applied and their dead rows past the grace.
 *
 * <p>Crash safety: new segments are synced before any move naming them is published; a crash before publishing
 * leaves a quiet unreferenced segment that a later sweep deletes, and a crash after some moves leaves both segments
 * partly live, which later sweeps finish. Deleting a segment before forgetting its rows means a crash in between only
 * leaves rows, which {@link DeadBlobCollector} drops once ripe. Known gap: a reference still on its way through the
 * events topic when a segment looks unreferenced (an indexer lagging by more than the min age) is not seen.
 * Owned by the sweeping thread.
 */
final class SegmentCompactor {
    private static final Logger log = LoggerFactory.getLogger(SegmentCompactor.class);
    private static final String SEGMENTS = "segments/";

    private final SegmentCatalog catalog;
    private final BlobStore blobs;
    private final SegmentRewriter rewriter;
    private final CompactorConfig config;
    /**
     * Segments this compactor rewrote, and when: within the grace period after a rewrite they are not rewritten
     * again, since their moves may simply not be applied yet (a second copy would only be rejected moves and garbage).
     */
    private final Map<String, Instant> rewrittenAt = new HashMap<>();

    SegmentCompactor(SegmentCatalog catalog, BlobStore blobs, SegmentRewriter rewriter, CompactorConfig config) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.blobs = Objects.requireNonNull(blobs, "blobs");
        this.rewriter = Objects.requireNonNull(rewriter, "rewriter");
        this.config = Objects.requireNonNull(config, "config");
    }

    /** Deletes dead quiet segments and rewrites sparse ones, as of {@code now}. */
    SweepSummary compact(Instant now, CompactionProgress progress) throws IOException {
        Instant quietBefore = now.minus(config.segmentMinAge());
        Instant graceCutoff = now.minus(config.gcGrace());
        List<BlobInfo> quiet = new ArrayList<>();
        for (BlobInfo segment : blobs.list(SEGMENTS)) {
            if (segment.lastModified().isBefore(quietBefore)) {
                quiet.add(segment);
            }
        }
        rewrittenAt.values().removeIf(at -> at.isBefore(graceCutoff));
        List<BlobInfo> sparse = new ArrayList<>();
        int deleted = 0;
        long reclaimed = 0;
        for (int from = 0; from < quiet.size(); from += config.batchSize()) {
            List<BlobInfo> batch = quiet.subList(from, Math.min(quiet.size(), from + config.batchSize()));
            Map<String, SegmentUsage> usage = new HashMap<>();
            for (SegmentUsage used : catalog.usage(batch.stream().map(BlobInfo::name).toList(), graceCutoff)) {
                usage.put(used.segmentName(), used);
            }
            for (BlobInfo segment : batch) {
                SegmentUsage used = usage.get(segment.name());
                if (used.unreferenced()) {
                    if (used.recentlyDead()) {
                        log.debug("dead segment waits for the grace period segment={}", segment.name());
                        continue;
                    }
                    delete(segment);
                    deleted++;
                    reclaimed += segment.sizeBytes();
                } else if (used.movableRanges() > 0 && !rewrittenAt.containsKey(segment.name())
                        && used.liveBytes() < config.segmentLiveRatio() * segment.sizeBytes()) {
                    sparse.add(segment);
                }
            }
        }
        int rewritten = 0;
        long copied = 0;
        Duration took = Duration.ZERO;
        if (!sparse.isEmpty()) {
            try (var output = new CompactionOutput(blobs, config.nodeId(), config.segmentBytes())) {
                for (BlobInfo segment : sparse) {
                    SegmentRewrite rewrite = rewriter.rewrite(segment, output);
                    rewrittenAt.put(segment.name(), now);
                    rewritten++;
                    copied += rewrite.bytesCopied();
                    took = took.plus(rewrite.took());
                    progress.segmentRewritten(rewritten, sparse.size(), rewrite);
                }
            }
        }
        return SweepSummary.ofSegments(rewritten, deleted, reclaimed, copied, took);
    }

    private void delete(BlobInfo segment) throws IOException {
        blobs.delete(segment.name());
        // only now: a crash before this line leaves rows that DeadBlobCollector drops once ripe
        int forgotten = catalog.forgetDeadRows(segment.name());
        log.info("dead pack segment deleted segment={} sizeBytes={} deadRowsForgotten={}", segment.name(),
                segment.sizeBytes(), forgotten);
    }
}
