package dev.blobpipe.catalog.rebuild;

import java.util.List;
import java.util.Objects;

/**
 * One table compared row by row: counts on both sides, rows present on one side only, rows that differ, the first
 * few differences, and (dead_blobs only) rows the rebuild has that the live catalog's compactor already forgot.
 *
 * @param collected rows only in the rebuilt {@code dead_blobs} (not counted in {@code onlyRebuilt}): the compactor
 *     deletes a collected blob's dead rows in SQL, not by an event, so a replay records them again
 * @param excludedColumns columns not compared because they say when a row was written, not what the events say
 */
public record TableComparison(String table, long liveRows, long rebuiltRows, long onlyLive, long onlyRebuilt,
        long changed, long collected, List<String> excludedColumns, List<RowDifference> firstDifferences) {
    public TableComparison {
        Objects.requireNonNull(table, "table");
        excludedColumns = List.copyOf(excludedColumns);
        firstDifferences = List.copyOf(firstDifferences);
    }

    /** No row only on one side or different, collected dead rows aside. */
    public boolean equal() {
        return onlyLive == 0 && onlyRebuilt == 0 && changed == 0;
    }

    /** Equal, and not even collected dead rows differ: what a catalog no compactor ran on must give. */
    public boolean identical() {
        return equal() && collected == 0;
    }

    /** One line: the table, equal or not, and the counts. */
    public String summary() {
        String counts = "rows live=" + liveRows + " rebuilt=" + rebuiltRows;
        if (equal()) {
            return table + " equal " + counts + (collected == 0 ? ""
                    : " (" + collected + " dead rows already collected in live, recorded again by the replay)");
        }
        return table + " DIFFERENT " + counts + " onlyLive=" + onlyLive + " onlyRebuilt=" + onlyRebuilt
                + " changed=" + changed;
    }
}
