-- Listings read key, size, ETag parts and Last-Modified of live keys. With the index on (bucket, key) alone every
-- listed row cost a heap page: a 1,000-key page read ~1,000 pages scattered over the table (keys are not stored in
-- key order), 10-30 ms of a page's latency at 1M objects. Carrying the listed columns in the index lets PostgreSQL
-- answer a page with an index-only scan of ~20 pages. It has the key and predicate of objects_live_keys, so it serves
-- every other query on live keys too and replaces it.
CREATE INDEX objects_listing ON objects (bucket, key) INCLUDE (size_bytes, md5_hex, part_count, last_modified)
    WHERE NOT deleted;
DROP INDEX objects_live_keys;

-- An index-only scan still visits the heap for pages changed since the last vacuum (the visibility map tells which).
-- PostgreSQL's defaults vacuum after 20% of a table changed, 2M rows at 10M objects; 2% keeps those pages few.
ALTER TABLE objects SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.02);
