package dev.blobpipe.catalog.internal;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** What the catalog's own schema holds: tables, columns and primary keys, for comparing two catalogs. */
public interface SchemaDao {

    /** A column of a table, with its SQL type as information_schema names it ({@code text}, {@code integer}, …). */
    record Column(String name, String dataType) {
    }

    @SqlQuery("""
            SELECT table_name FROM information_schema.tables
            WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
            ORDER BY table_name COLLATE "C"
            """)
    List<String> tables();

    @RegisterConstructorMapper(Column.class)
    @SqlQuery("""
            SELECT column_name AS name, data_type FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = :table
            ORDER BY ordinal_position
            """)
    List<Column> columns(@Bind("table") String table);

    @SqlQuery("""
            SELECT attribute.attname
            FROM pg_index AS idx
            JOIN pg_class AS tbl ON tbl.oid = idx.indrelid
            JOIN pg_attribute AS attribute ON attribute.attrelid = idx.indrelid
                AND attribute.attnum = ANY (CAST(idx.indkey AS int2[]))
            WHERE tbl.relname = :table AND tbl.relnamespace = CAST(current_schema() AS regnamespace)
                AND idx.indisprimary
            ORDER BY array_position(CAST(idx.indkey AS int2[]), attribute.attnum)
            """)
    List<String> primaryKey(@Bind("table") String table);

    @SqlQuery("""
            SELECT coalesce(string_agg(topic || '/' || partition || '=' || next_offset, ','
                ORDER BY topic COLLATE "C", partition), '')
            FROM indexer_offsets
            """)
    String indexerOffsets();

    /** Makes the current transaction read-only; must come before its first query. */
    @SqlUpdate("SET TRANSACTION READ ONLY")
    void readOnly();
}
