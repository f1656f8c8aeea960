-- Per-part checksums of completed multipart objects (GetObjectAttributes ObjectParts, GET/HEAD ?partNumber=N with
-- x-amz-checksum-mode). The map is the part's multipart_parts.checksums as given at UploadPart ({ALG: base64}), copied
-- at completion, in the completion's transaction, from the chosen part row whose location is the extent's.
-- Empty ('{}') on the extents of a copy (ObjectCopied carries locations only, and the source's rows may be gone by the
-- time the copy is applied) and on extents stored before this migration: readers then show no part checksum.
ALTER TABLE object_extents ADD COLUMN checksums jsonb NOT NULL DEFAULT '{}';
