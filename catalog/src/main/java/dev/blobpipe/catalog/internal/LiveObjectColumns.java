package dev.blobpipe.catalog.internal;

import dev.blobpipe.catalog.StoredObject;
import dev.blobpipe.schemas.Extent;
import dev.blobpipe.schemas.ObjectLocation;
import dev.blobpipe.schemas.ObjectManifest;
import dev.blobpipe.schemas.VersionId;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a query selects to read a live {@code objects} row as a {@link StoredObject}, and the reading: the columns
 * ({@link #COLUMNS}, qualified with {@code objects.} so a query may join other tables) and the two lateral joins that
 * aggregate a multipart object's extents and part checksums ({@link #EXTENT_JOINS}, after {@code objects} in FROM).
 * Columns are read by index, in the order of {@link #COLUMNS}: the lookups of every GET run through here.
 */
public final class LiveObjectColumns {
    /** The select list; {@link #read} reads it by position, so the two change together. */
    public static final String COLUMNS = """
            objects.bucket, objects.key, objects.version_id, objects.size_bytes, objects.chunk_count,
            objects.md5_hex, objects.sha256_hex, objects.last_modified,
            objects.content_type, objects.content_encoding, objects.content_disposition, objects.cache_control,
            objects.expires, catalog_pairs(objects.user_metadata) AS user_metadata_pairs,
            catalog_pairs(objects.checksums) AS checksum_pairs, catalog_pairs(objects.tags) AS tag_pairs,
            objects.blob_name, objects.blob_offset, objects.blob_length, objects.part_count,
            extents.part_numbers, extents.blob_names, extents.blob_offsets, extents.blob_lengths,
            part_checksums.part_numbers AS checksum_part_numbers, part_checksums.names AS checksum_names,
            part_checksums.checksum_values
            """;

    /** The laterals {@link #COLUMNS} reads from; they read nothing for an object uploaded whole (part_count 0). */
    public static final String EXTENT_JOINS = """
            LEFT JOIN LATERAL (
                SELECT array_agg(e.part_number ORDER BY e.seq) AS part_numbers,
                       array_agg(e.blob_name ORDER BY e.seq) AS blob_names,
                       array_agg(e.blob_offset ORDER BY e.seq) AS blob_offsets,
                       array_agg(e.blob_length ORDER BY e.seq) AS blob_lengths
                FROM object_extents AS e
                WHERE objects.part_count > 0
                  AND e.bucket = objects.bucket AND e.key = objects.key AND e.version_id = objects.version_id
            ) AS extents ON true
            LEFT JOIN LATERAL (
                -- every (part, algorithm, value) of the extents' checksums, flat: three arrays of one length
                SELECT array_agg(e.part_number ORDER BY e.seq, checksum.name) AS part_numbers,
                       array_agg(checksum.name ORDER BY e.seq, checksum.name) AS names,
                       array_agg(checksum.value ORDER BY e.seq, checksum.name) AS checksum_values
                FROM object_extents AS e, jsonb_each_text(e.checksums) AS checksum(name, value)
                WHERE objects.part_count > 0
                  AND e.bucket = objects.bucket AND e.key = objects.key AND e.version_id = objects.version_id
            ) AS part_checksums ON true
            """;

    private static final int BUCKET = 0;
    private static final int KEY = 1;
    private static final int VERSION_ID = 2;
    private static final int SIZE_BYTES = 3;
    private static final int CHUNK_COUNT = 4;
    private static final int MD5_HEX = 5;
    private static final int SHA256_HEX = 6;
    private static final int LAST_MODIFIED = 7;
    private static final int METADATA = 8;   // MetadataColumns.COLUMNS + 1 (tags), content_type first
    private static final int BLOB_NAME = METADATA + MetadataColumns.COLUMNS + 1;
    private static final int BLOB_OFFSET = BLOB_NAME + 1;
    private static final int BLOB_LENGTH = BLOB_NAME + 2;
    private static final int PART_COUNT = BLOB_NAME + 3;
    private static final int PART_NUMBERS = PART_COUNT + 1;
    private static final int BLOB_NAMES = PART_COUNT + 2;
    private static final int BLOB_OFFSETS = PART_COUNT + 3;
    private static final int BLOB_LENGTHS = PART_COUNT + 4;
    private static final int CHECKSUM_PART_NUMBERS = PART_COUNT + 5;
    private static final int CHECKSUM_NAMES = PART_COUNT + 6;
    private static final int CHECKSUM_VALUES = PART_COUNT + 7;

    private LiveObjectColumns() {
    }

    /** The object in the columns of {@link #COLUMNS} from index {@code first} (1 when they open the select list). */
    public static StoredObject read(ResultSet rs, int first) throws SQLException {
        var metadata = MetadataColumns.readTagged(rs, first + METADATA);
        int partCount = rs.getInt(first + PART_COUNT);
        // a Timestamp, not an OffsetDateTime: the same instant to the microsecond, with fewer objects to build
        var manifest = new ObjectManifest(rs.getString(first + BUCKET), rs.getString(first + KEY),
                VersionId.parse(rs.getString(first + VERSION_ID)), rs.getLong(first + SIZE_BYTES),
                rs.getLong(first + CHUNK_COUNT), rs.getString(first + MD5_HEX), rs.getString(first + SHA256_HEX),
                rs.getTimestamp(first + LAST_MODIFIED).toInstant(), metadata, null, partCount);
        if (partCount == 0) {
            var location = new ObjectLocation(rs.getString(first + BLOB_NAME), rs.getLong(first + BLOB_OFFSET),
                    rs.getLong(first + BLOB_LENGTH));
            return new StoredObject(manifest, location);
        }
        return new StoredObject(manifest, null, extents(rs, first, manifest), partChecksums(rs, first));
    }

    private static Map<Integer, Map<String, String>> partChecksums(ResultSet rs, int first) throws SQLException {
        Integer[] partNumbers = array(rs, first + CHECKSUM_PART_NUMBERS, Integer[].class);
        if (partNumbers == null) {
            return Map.of();   // no extent has checksums (no algorithm at upload, a copy, or stored before V4)
        }
        String[] names = array(rs, first + CHECKSUM_NAMES, String[].class);
        String[] values = array(rs, first + CHECKSUM_VALUES, String[].class);
        Map<Integer, Map<String, String>> checksums = new HashMap<>();
        for (int index = 0; index < partNumbers.length; index++) {
            checksums.computeIfAbsent(partNumbers[index], part -> new HashMap<>()).put(names[index], values[index]);
        }
        return checksums;
    }

    private static List<Extent> extents(ResultSet rs, int first, ObjectManifest manifest) throws SQLException {
        Integer[] partNumbers = array(rs, first + PART_NUMBERS, Integer[].class);
        String[] blobNames = array(rs, first + BLOB_NAMES, String[].class);
        Long[] offsets = array(rs, first + BLOB_OFFSETS, Long[].class);
        Long[] lengths = array(rs, first + BLOB_LENGTHS, Long[].class);
        if (partNumbers == null) {
            throw new IllegalStateException("multipart object without extents: " + manifest.bucket() + "/"
                    + manifest.key() + " " + manifest.versionId());
        }
        List<Extent> extents = new ArrayList<>(partNumbers.length);
        for (int index = 0; index < partNumbers.length; index++) {
            extents.add(new Extent(partNumbers[index],
                    new ObjectLocation(blobNames[index], offsets[index], lengths[index])));
        }
        return extents;
    }

    private static <T> T array(ResultSet rs, int column, Class<T> type) throws SQLException {
        Array array = rs.getArray(column);
        if (array == null) {
            return null;
        }
        try {
            return type.cast(array.getArray());
        } finally {
            array.free();
        }
    }
}
