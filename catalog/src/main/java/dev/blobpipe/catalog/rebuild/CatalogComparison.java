package dev.blobpipe.catalog.rebuild;

import dev.blobpipe.catalog.internal.SchemaDao;
import dev.blobpipe.catalog.internal.SchemaDao.Column;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.result.ResultIterator;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Compares a live catalog with a rebuilt one, table by table: both sides are streamed in primary-key order (a cursor
 * each, {@value #FETCH_ROWS} rows at a time) and merged, so no table is ever held in memory. Each side is read in one
 * read-only REPEATABLE READ transaction, one consistent snapshot per database.
 *
 * <p>Every table of the catalog's schema is compared, with every column, except what is not a function of the events:
 * <ul>
 *   <li>tables {@code indexer_offsets} (where each indexer is; reported alongside instead) and
 *       {@code flyway_schema_history} (when migrations ran);
 *   <li>{@code dead_blobs.recorded_at}: PostgreSQL's clock when the indexer recorded the row (the compactor's grace
 *       period starts there), so a replay necessarily gives another time.
 * </ul>
 * A table added by a later migration is compared without a change here; if it records times of application, list
 * those columns below. Rows of {@code dead_blobs} only in the rebuilt catalog are counted apart
 * ({@link TableComparison#collected}): the compactor forgets the dead rows of a blob it collected by deleting them in
 * SQL, not through an event, so the replay records them again; they name blobs already gone, which is harmless.
 */
public final class CatalogComparison {
    static final int FETCH_ROWS = 1000;
    private static final Set<String> TABLES_NOT_COMPARED = Set.of("indexer_offsets", "flyway_schema_history");
    private static final Map<String, Set<String>> APPLICATION_TIME_COLUMNS = Map.of("dead_blobs", Set.of("recorded_at"));
    /** The table whose rows the compactor deletes directly (see the class comment). */
    private static final String COLLECTED_TABLE = "dead_blobs";
    private static final Set<String> TEXT_TYPES = Set.of("text", "character varying", "character");
    private static final Set<String> INTEGER_TYPES = Set.of("smallint", "integer", "bigint");
    private static final int MAX_VALUE_CHARS = 120;

    private final Jdbi live;
    private final Jdbi rebuilt;
    private final int differencesPerTable;

    /** Compares {@code live} with {@code rebuilt}, keeping the first {@code differencesPerTable} differences. */
    public CatalogComparison(Jdbi live, Jdbi rebuilt, int differencesPerTable) {
        this.live = Objects.requireNonNull(live, "live");
        this.rebuilt = Objects.requireNonNull(rebuilt, "rebuilt");
        if (differencesPerTable < 0) {
            throw new IllegalArgumentException("differencesPerTable must not be negative: " + differencesPerTable);
        }
        this.differencesPerTable = differencesPerTable;
    }

    /**
     * Compares every table.
     *
     * @throws IllegalStateException if the two schemas differ (tables or columns): migrate both to one version first
     */
    public ComparisonReport compare() {
        return live.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, liveHandle ->
                rebuilt.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, rebuiltHandle -> {
                    SchemaDao liveSchema = liveHandle.attach(SchemaDao.class);
                    SchemaDao rebuiltSchema = rebuiltHandle.attach(SchemaDao.class);
                    liveSchema.readOnly();
                    rebuiltSchema.readOnly();
                    List<String> tables = liveSchema.tables();
                    requireSame("tables", tables, rebuiltSchema.tables());
                    List<TableComparison> compared = new ArrayList<>();
                    for (String table : tables) {
                        if (!TABLES_NOT_COMPARED.contains(table)) {
                            compared.add(compareTable(table, liveHandle, rebuiltHandle));
                        }
                    }
                    return new ComparisonReport(compared, liveSchema.indexerOffsets(),
                            rebuiltSchema.indexerOffsets());
                }));
    }

    private TableComparison compareTable(String table, Handle liveHandle, Handle rebuiltHandle) {
        SchemaDao liveSchema = liveHandle.attach(SchemaDao.class);
        List<Column> columns = liveSchema.columns(table);
        requireSame("columns of " + table, columns, rebuiltHandle.attach(SchemaDao.class).columns(table));
        List<String> keyNames = liveSchema.primaryKey(table);
        if (keyNames.isEmpty()) {
            throw new IllegalStateException("table " + table + " has no primary key: cannot compare it in order");
        }
        Set<String> excluded = APPLICATION_TIME_COLUMNS.getOrDefault(table, Set.of());
        var shape = TableShape.of(table, columns, keyNames, excluded);
        var counts = new Counts();
        List<RowDifference> differences = new ArrayList<>();
        try (ResultIterator<Row> liveRows = stream(liveHandle, shape);
                ResultIterator<Row> rebuiltRows = stream(rebuiltHandle, shape)) {
            Row liveRow = next(liveRows);
            Row rebuiltRow = next(rebuiltRows);
            while (liveRow != null || rebuiltRow != null) {
                int order = liveRow == null ? 1 : rebuiltRow == null ? -1 : liveRow.compareKeyTo(rebuiltRow);
                if (order < 0) {
                    counts.onlyLive++;
                    note(differences, new RowDifference(RowDifference.Kind.ONLY_LIVE, shape.key(liveRow), ""));
                } else if (order > 0 && table.equals(COLLECTED_TABLE)) {
                    counts.collected++;
                } else if (order > 0) {
                    counts.onlyRebuilt++;
                    note(differences, new RowDifference(RowDifference.Kind.ONLY_REBUILT, shape.key(rebuiltRow), ""));
                } else {
                    String changes = shape.changes(liveRow, rebuiltRow);
                    if (!changes.isEmpty()) {
                        counts.changed++;
                        note(differences, new RowDifference(RowDifference.Kind.CHANGED, shape.key(liveRow), changes));
                    }
                }
                if (order <= 0) {
                    counts.liveRows++;
                    liveRow = next(liveRows);
                }
                if (order >= 0) {
                    counts.rebuiltRows++;
                    rebuiltRow = next(rebuiltRows);
                }
            }
        }
        return new TableComparison(table, counts.liveRows, counts.rebuiltRows, counts.onlyLive, counts.onlyRebuilt,
                counts.changed, counts.collected, List.copyOf(excluded), differences);
    }

    private void note(List<RowDifference> differences, RowDifference difference) {
        if (differences.size() < differencesPerTable) {
            differences.add(difference);
        }
    }

    private static ResultIterator<Row> stream(Handle handle, TableShape shape) {
        return handle.createQuery(shape.select()).setFetchSize(FETCH_ROWS)
                .map((result, context) -> shape.read(result)).iterator();
    }

    private static Row next(ResultIterator<Row> rows) {
        return rows.hasNext() ? rows.next() : null;
    }

    private static void requireSame(String what, List<?> live, List<?> rebuilt) {
        if (!live.equals(rebuilt)) {
            throw new IllegalStateException("the catalogs' schemas differ in their " + what + ": live " + live
                    + ", rebuilt " + rebuilt + "; both must be at the same migration");
        }
    }

    /** Row counts of one table; the comparing thread owns it. */
    private static final class Counts {
        long liveRows;
        long rebuiltRows;
        long onlyLive;
        long onlyRebuilt;
        long changed;
        long collected;
    }

    /** A row: its primary key (String or Long per column) and every compared column as PostgreSQL's text. */
    private record Row(List<Object> key, List<String> values) {
        int compareKeyTo(Row other) {
            for (int index = 0; index < key.size(); index++) {
                int order = compareValues(key.get(index), other.key.get(index));
                if (order != 0) {
                    return order;
                }
            }
            return 0;
        }

        /** Text keys are ordered COLLATE "C" in SQL: UTF-8 bytes, i.e. code points (String.compareTo is UTF-16). */
        private static int compareValues(Object left, Object right) {
            if (left instanceof Long leftNumber) {
                return leftNumber.compareTo((Long) right);
            }
            String leftText = (String) left;
            String rightText = (String) right;
            int leftIndex = 0;
            int rightIndex = 0;
            while (leftIndex < leftText.length() && rightIndex < rightText.length()) {
                int leftPoint = leftText.codePointAt(leftIndex);
                int rightPoint = rightText.codePointAt(rightIndex);
                if (leftPoint != rightPoint) {
                    return Integer.compare(leftPoint, rightPoint);
                }
                leftIndex += Character.charCount(leftPoint);
                rightIndex += Character.charCount(rightPoint);
            }
            return Integer.compare(leftText.length() - leftIndex, rightText.length() - rightIndex);
        }
    }

    /** How one table is read: its key columns (typed, in order) and its compared columns (as text). */
    private record TableShape(String table, List<Column> key, List<String> compared) {
        static TableShape of(String table, List<Column> columns, List<String> keyNames, Set<String> excluded) {
            List<Column> key = new ArrayList<>();
            for (String name : keyNames) {
                Column column = columns.stream().filter(candidate -> candidate.name().equals(name)).findFirst()
                        .orElseThrow(() -> new IllegalStateException("key column " + name + " of " + table));
                if (!TEXT_TYPES.contains(column.dataType()) && !INTEGER_TYPES.contains(column.dataType())) {
                    throw new IllegalStateException("cannot order " + table + " by " + name + " of type "
                            + column.dataType());
                }
                key.add(column);
            }
            List<String> compared = columns.stream().map(Column::name).filter(name -> !excluded.contains(name))
                    .toList();
            return new TableShape(table, List.copyOf(key), compared);
        }

        /**
         * Identifiers come from the database's own catalog and are quoted (no value is ever put into this SQL);
         * ORDER BY uses COLLATE "C" on text keys so both databases order alike whatever their default collation.
         */
        String select() {
            var sql = new StringBuilder("SELECT ");
            for (Column column : key) {
                sql.append(quote(column.name())).append(", ");
            }
            for (int index = 0; index < compared.size(); index++) {
                sql.append(index == 0 ? "" : ", ").append("CAST(").append(quote(compared.get(index)))
                        .append(" AS text)");
            }
            // qualified: the text casts are named like their columns, so a bare name would be ambiguous
            sql.append(" FROM ").append(quote(table)).append(" AS source ORDER BY ");
            for (int index = 0; index < key.size(); index++) {
                Column column = key.get(index);
                sql.append(index == 0 ? "" : ", ").append("source.").append(quote(column.name()))
                        .append(TEXT_TYPES.contains(column.dataType()) ? " COLLATE \"C\"" : "");
            }
            return sql.toString();
        }

        Row read(ResultSet result) throws SQLException {
            List<Object> keyValues = new ArrayList<>(key.size());
            for (int index = 0; index < key.size(); index++) {
                keyValues.add(TEXT_TYPES.contains(key.get(index).dataType()) ? result.getString(index + 1)
                        : (Object) result.getLong(index + 1));
            }
            List<String> values = new ArrayList<>(compared.size());
            for (int index = 0; index < compared.size(); index++) {
                values.add(result.getString(key.size() + index + 1));
            }
            return new Row(keyValues, values);
        }

        String key(Row row) {
            var text = new StringBuilder();
            for (int index = 0; index < key.size(); index++) {
                text.append(index == 0 ? "" : ", ").append(key.get(index).name()).append('=')
                        .append(shorten(String.valueOf(row.key().get(index))));
            }
            return text.toString();
        }

        /** The compared columns whose values differ, with both values; empty if none. */
        String changes(Row live, Row rebuilt) {
            var text = new StringBuilder();
            for (int index = 0; index < compared.size(); index++) {
                String liveValue = live.values().get(index);
                String rebuiltValue = rebuilt.values().get(index);
                if (!Objects.equals(liveValue, rebuiltValue)) {
                    text.append(text.length() == 0 ? "" : "; ").append(compared.get(index)).append(" live=")
                            .append(shorten(liveValue)).append(" rebuilt=").append(shorten(rebuiltValue));
                }
            }
            return text.toString();
        }

        private static String quote(String identifier) {
            return '"' + identifier.replace("\"", "\"\"") + '"';
        }

        private static String shorten(String value) {
            return value == null || value.length() <= MAX_VALUE_CHARS ? String.valueOf(value)
                    : value.substring(0, MAX_VALUE_CHARS) + "…";
        }
    }
}
