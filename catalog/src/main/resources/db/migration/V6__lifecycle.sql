-- Bucket lifecycle configurations (expiration of objects, abort of incomplete multipart uploads) and what the
-- compactor's lifecycle expirer asks.

-- One row per bucket whose lifecycle configuration was ever set: the newest set's version (last writer wins). A
-- deleted configuration keeps its row, without rules, so a late, older set cannot bring it back. Rules whose version
-- is not newer than the bucket's own (create) version belong to an earlier bucket of that name and are not read.
CREATE TABLE bucket_lifecycle (
    bucket     text COLLATE "C" PRIMARY KEY,
    version_id text COLLATE "C" NOT NULL
);

CREATE INDEX bucket_lifecycle_version ON bucket_lifecycle (version_id);

-- The rules of a bucket's current lifecycle configuration, in the order they were given (seq from 0). Day counts
-- are 0 when the rule has no such action; tags is a jsonb object every selected object's tags must contain.
CREATE TABLE bucket_lifecycle_rules (
    bucket           text COLLATE "C" NOT NULL REFERENCES bucket_lifecycle (bucket),
    seq              int NOT NULL,
    rule_id          text NOT NULL,
    enabled          boolean NOT NULL,
    prefix           text COLLATE "C" NOT NULL,
    tags             jsonb NOT NULL,
    legacy_prefix    boolean NOT NULL,
    expiration_days  int NOT NULL CHECK (expiration_days >= 0),
    abort_after_days int NOT NULL CHECK (abort_after_days >= 0),
    PRIMARY KEY (bucket, seq)
);
