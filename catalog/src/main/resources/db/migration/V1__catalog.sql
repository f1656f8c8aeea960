-- The catalog: a function of blobpipe.events. Every text column that is compared or ordered uses COLLATE "C", so
-- comparisons are byte-wise (UTF-8 byte order = code point order), which is what S3 listing order is.

-- One row per bucket name: its newest create or delete. A deleted bucket keeps its row (a tombstone) with the
-- delete's version, so a late, older create cannot bring it back.
CREATE TABLE buckets (
    name       text COLLATE "C" PRIMARY KEY,
    version_id text COLLATE "C" NOT NULL,
    deleted    boolean NOT NULL DEFAULT false,
    created_at timestamptz,          -- null only for a tombstone of a bucket this catalog never saw created
    region     text
);

-- One row per key: its newest version. A delete is a row with deleted = true (a tombstone) and no location, so late,
-- older events cannot overwrite it. Location and metadata columns are null on tombstones.
CREATE TABLE objects (
    bucket              text COLLATE "C" NOT NULL,
    key                 text COLLATE "C" NOT NULL,
    version_id          text COLLATE "C" NOT NULL,
    deleted             boolean NOT NULL,
    upload_id           text,
    size_bytes          bigint,
    chunk_count         bigint,
    md5_hex             text,
    sha256_hex          text,
    last_modified       timestamptz,     -- microsecond precision; S3's Last-Modified is whole seconds anyway
    content_type        text,
    content_encoding    text,
    content_disposition text,
    cache_control       text,
    expires             text,
    user_metadata       jsonb,
    checksums           jsonb,
    blob_name           text,
    blob_offset         bigint,
    blob_length         bigint,
    PRIMARY KEY (bucket, key)
);

-- Listing and "is the bucket empty" read live keys only; tombstones stay out of this index.
CREATE INDEX objects_live_keys ON objects (bucket, key) WHERE NOT deleted;
-- The visibility waiter finds a version it may have missed the notification of by version id alone.
CREATE INDEX objects_version ON objects (version_id);

-- Every superseded or losing version's location. Garbage collection works from these recorded supersessions, never
-- from "unreferenced" blobs (in-flight uploads look unreferenced too). The key makes recording idempotent.
CREATE TABLE dead_blobs (
    version_id  text COLLATE "C" NOT NULL,
    blob_name   text NOT NULL,
    blob_offset bigint NOT NULL,
    blob_length bigint NOT NULL,
    bucket      text COLLATE "C" NOT NULL,
    key         text COLLATE "C" NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (version_id, blob_name, blob_offset)
);

CREATE INDEX dead_blobs_recorded ON dead_blobs (recorded_at);

-- The indexer's position per partition, written in the same transaction as the rows the records changed.
CREATE TABLE indexer_offsets (
    topic       text NOT NULL,
    partition   int NOT NULL,
    next_offset bigint NOT NULL,
    PRIMARY KEY (topic, partition)
);

-- A jsonb object of string values as a flat text[] of key, value pairs in key order ('{}' for an empty object), so
-- Java reads maps through plain JDBC arrays; writing uses the built-in jsonb_object(text[]).
CREATE FUNCTION catalog_pairs(map jsonb) RETURNS text[]
    LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT coalesce(array_agg(part ORDER BY entry.key COLLATE "C", part_no), '{}')
    FROM jsonb_each_text(map) AS entry(key, value),
         unnest(ARRAY[entry.key, entry.value]) WITH ORDINALITY AS parts(part, part_no)
$$;
