-- Multipart uploads: the uploads themselves, their parts, and the extents of completed multipart objects.

-- 0 for an object uploaded whole (its bytes are at blob_name/offset/length); N for a completed multipart object, whose
-- bytes are its N rows in object_extents (blob columns null); 0 on tombstones.
ALTER TABLE objects ADD COLUMN part_count int NOT NULL DEFAULT 0;

-- One row per multipart upload ever started. Closed uploads keep their row (state completed or aborted) so a late
-- part or a replayed completion is decided against what happened, never against "unknown". closed_version_id is the
-- version of the completion or abort that closed it (a replayed completion is recognised by it).
CREATE TABLE multipart_uploads (
    upload_id           text COLLATE "C" PRIMARY KEY,
    bucket              text COLLATE "C" NOT NULL,
    key                 text COLLATE "C" NOT NULL,
    version_id          text COLLATE "C" NOT NULL,
    initiated_at        timestamptz NOT NULL,
    state               text NOT NULL CHECK (state IN ('open', 'completed', 'aborted')),
    closed_version_id   text COLLATE "C",
    -- the metadata the completed object gets
    content_type        text,
    content_encoding    text,
    content_disposition text,
    cache_control       text,
    expires             text,
    user_metadata       jsonb NOT NULL,
    checksums           jsonb NOT NULL
);

-- ListMultipartUploads: open uploads of a bucket by key (bytes), then initiation time and id.
CREATE INDEX multipart_uploads_open ON multipart_uploads (bucket, key, initiated_at, upload_id)
    WHERE state = 'open';

-- The newest upload of each part number of a multipart upload (last writer wins by version id), with the part's own
-- manifest fields so it can be read back whole. Rows stay when the upload closes; its state says whether they count.
CREATE TABLE multipart_parts (
    upload_id           text COLLATE "C" NOT NULL REFERENCES multipart_uploads (upload_id),
    part_number         int NOT NULL CHECK (part_number BETWEEN 1 AND 10000),
    version_id          text COLLATE "C" NOT NULL,
    bucket              text COLLATE "C" NOT NULL,
    key                 text COLLATE "C" NOT NULL,
    size_bytes          bigint NOT NULL,
    chunk_count         bigint NOT NULL,
    md5_hex             text NOT NULL,
    sha256_hex          text NOT NULL,
    last_modified       timestamptz NOT NULL,
    content_type        text,
    content_encoding    text,
    content_disposition text,
    cache_control       text,
    expires             text,
    user_metadata       jsonb NOT NULL,
    checksums           jsonb NOT NULL,
    blob_name           text NOT NULL,
    blob_offset         bigint NOT NULL,
    blob_length         bigint NOT NULL,
    PRIMARY KEY (upload_id, part_number)
);

-- Where the bytes of a live multipart object version are: its chosen parts' blobs, in object order (seq from 0).
-- Rows exist only for the version an objects row holds; a superseded version's rows move to dead_blobs.
CREATE TABLE object_extents (
    bucket      text COLLATE "C" NOT NULL,
    key         text COLLATE "C" NOT NULL,
    version_id  text COLLATE "C" NOT NULL,
    seq         int NOT NULL,
    part_number int NOT NULL,
    blob_name   text NOT NULL,
    blob_offset bigint NOT NULL,
    blob_length bigint NOT NULL,
    PRIMARY KEY (bucket, key, version_id, seq)
);

-- The visibility waiter finds a version it may have missed the notification of by version id alone.
CREATE INDEX multipart_uploads_version ON multipart_uploads (version_id);
CREATE INDEX multipart_uploads_closed_version ON multipart_uploads (closed_version_id)
    WHERE closed_version_id IS NOT NULL;
CREATE INDEX multipart_parts_version ON multipart_parts (version_id);
