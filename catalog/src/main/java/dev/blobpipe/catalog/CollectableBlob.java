package dev.blobpipe.catalog;

import dev.blobpipe.schemas.VersionId;
import java.util.List;
import java.util.Objects;

/**
 * A blob all of whose dead rows are ripe: the versions that stopped using it, and the longest dead range that starts
 * at its offset 0 ({@code -1} if none does). A blob whose own size equals that range held exactly one object's (or
 * part's) bytes; anything else is a range inside a larger blob (a pack segment), which only segment compaction may
 * rewrite.
 */
public record CollectableBlob(String blobName, List<VersionId> deadVersions, long deadFromStartBytes) {
    public CollectableBlob {
        Objects.requireNonNull(blobName, "blobName");
        deadVersions = List.copyOf(deadVersions);
        if (deadVersions.isEmpty()) {
            throw new IllegalArgumentException("a collectable blob has at least one dead row: " + blobName);
        }
    }
}
