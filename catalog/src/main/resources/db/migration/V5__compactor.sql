-- What the compactor's sweep asks (issue 5): the dead rows of one blob, whether a part of an open upload still uses a
-- blob, and which open uploads are old enough to expire. Without these each question is a scan of its table.

-- All dead rows of one blob: the sweep forgets them by blob name and checks that no newer one came meanwhile.
CREATE INDEX dead_blobs_blob ON dead_blobs (blob_name);

-- Is a blob a part of an open multipart upload (a live reference the sweep must respect)?
CREATE INDEX multipart_parts_blob ON multipart_parts (blob_name);

-- Open uploads by age, for expiring incomplete multipart uploads.
CREATE INDEX multipart_uploads_open_age ON multipart_uploads (initiated_at, upload_id) WHERE state = 'open';
