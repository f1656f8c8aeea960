package dev.blobpipe.catalog.rebuild;

import java.util.List;
import java.util.Objects;

/**
 * The result of comparing a live catalog with a rebuilt one, table by table, with the indexer positions each was at
 * (as {@code topic/partition=offset} lists): rows can only be expected equal where both applied the same events.
 */
public record ComparisonReport(List<TableComparison> tables, String liveOffsets, String rebuiltOffsets) {
    public ComparisonReport {
        tables = List.copyOf(tables);
        Objects.requireNonNull(liveOffsets, "liveOffsets");
        Objects.requireNonNull(rebuiltOffsets, "rebuiltOffsets");
    }

    public boolean equal() {
        return tables.stream().allMatch(TableComparison::equal);
    }

    public boolean identical() {
        return tables.stream().allMatch(TableComparison::identical);
    }

    public boolean sameOffsets() {
        return liveOffsets.equals(rebuiltOffsets);
    }
}
