package dev.blobpipe.catalog;

/** Whether anything in the catalog still needs a blob that dead rows name (see {@link GarbageCatalog#use}). */
public enum BlobUse {
    /** A live object version, an extent of a live multipart object, or a part of an open upload references it. */
    LIVE,
    /** Unreferenced now, but a version that used it died after the blob was found ripe: its grace starts anew. */
    NEWLY_DEAD,
    /** Nothing references it and no dead row beyond the ones seen: its bytes may go. */
    UNUSED
}
