package dev.blobpipe.ingest.s3;

/** The single owner of every bucket and object, as listings and ACLs show it. */
record Owner(String id, String displayName) {
}
