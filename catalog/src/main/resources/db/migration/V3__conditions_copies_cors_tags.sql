-- Conditional writes, CopyObject, bucket CORS and object tagging (issue 4, second round).

-- Object tags: the live version's current tags (jsonb object of strings, read through catalog_pairs like
-- user_metadata). A new version starts with the tags of its upload (x-amz-tagging) and tags_version_id null; a tag set
-- (PutObjectTagging / DeleteObjectTagging) for that very version replaces them when its version is newer than
-- tags_version_id (last writer wins among tag sets). Both are null on tombstones.
ALTER TABLE objects ADD COLUMN tags jsonb;
ALTER TABLE objects ADD COLUMN tags_version_id text COLLATE "C";

-- The visibility waiter finds an applied tag set by its version id alone.
CREATE INDEX objects_tags_version ON objects (tags_version_id) WHERE tags_version_id IS NOT NULL;

-- The tags given at CreateMultipartUpload; the completed object starts with them.
ALTER TABLE multipart_uploads ADD COLUMN tags jsonb NOT NULL DEFAULT '{}';

-- One row per bucket whose CORS configuration was ever set: the newest set's version (last writer wins). A deleted
-- configuration keeps its row, without rules, so a late, older set cannot bring it back. Rules whose version is not
-- newer than the bucket's own (create) version belong to an earlier bucket of that name and are not read.
CREATE TABLE bucket_cors (
    bucket     text COLLATE "C" PRIMARY KEY,
    version_id text COLLATE "C" NOT NULL
);

-- The rules of a bucket's current CORS configuration, in the order they were given (seq from 0).
CREATE TABLE bucket_cors_rules (
    bucket          text COLLATE "C" NOT NULL REFERENCES bucket_cors (bucket),
    seq             int NOT NULL,
    rule_id         text NOT NULL,
    allowed_origins text[] NOT NULL,
    allowed_methods text[] NOT NULL,
    allowed_headers text[] NOT NULL,
    expose_headers  text[] NOT NULL,
    max_age_seconds int NOT NULL,     -- -1: not set
    PRIMARY KEY (bucket, seq)
);

CREATE INDEX bucket_cors_version ON bucket_cors (version_id);

-- CopyObject references the source's blobs in place (ObjectCopied carries the source's location or extents), so from
-- now on one blob range may belong to several object versions. A dead_blobs row says that ONE version stopped using
-- (or never used) that range — not that nothing uses it any more: the same range may still be the location or an
-- extent of another live version (the copy's source or another copy), or a part of an open multipart upload. The
-- compactor (issue 5) must check for remaining references (objects.blob_*, object_extents, multipart_parts of open
-- uploads) before it deletes any bytes.
COMMENT ON TABLE dead_blobs IS 'Locations one version stopped using. With CopyObject blobs are shared: before '
    'deleting bytes, check no objects row, object_extents row or open multipart part still references the range.';

-- true: the row holds the own bytes of a write REJECTED because its condition failed (If-None-Match / If-Match),
-- so the visibility waiter, recovering after a lost notification, reports that version REJECTED, not APPLIED.
ALTER TABLE dead_blobs ADD COLUMN rejected boolean NOT NULL DEFAULT false;

-- Finding references to a blob range when deciding whether a dead location is really garbage.
CREATE INDEX objects_blob ON objects (blob_name, blob_offset) WHERE blob_name IS NOT NULL;
CREATE INDEX object_extents_blob ON object_extents (blob_name, blob_offset);
