package dev.blobpipe.catalog.admin;

import dev.blobpipe.catalog.testing.CatalogFixture;
import dev.blobpipe.catalog.testing.Events;
import dev.blobpipe.schemas.VersionId;
import java.time.Instant;
import java.util.Map;

/**
 * A known tree of keys for the admin query tests, applied through real events: wildcard characters, unicode beyond
 * U+FFFF, an overwritten key (only its newest size counts), a deleted key and a key in another bucket.
 */
final class AdminTree {
    static final String BUCKET = "tree";
    static final String OTHER_BUCKET = "tree-other";
    /** Objects from before this time are "old" (2020); the others are from 2023 on (the events' clock). */
    static final Instant OLD_BEFORE = Instant.parse("2021-01-01T00:00:00Z");
    static final String SMILE = new String(Character.toChars(0x1F600));

    private AdminTree() {
    }

    static void apply(CatalogFixture fixture) {
        fixture.apply(
                Events.bucketCreated(BUCKET, Events.nextVersion()),
                Events.bucketCreated(OTHER_BUCKET, Events.nextVersion()),
                Events.committed(BUCKET, "logs/2024/01/a.gz", Events.nextVersion(), 999),
                Events.committed(BUCKET, "logs/2024/01/a.gz", Events.nextVersion(), 100, "application/gzip",
                        Map.of("source", "web-1", "rotated", "yes")),
                Events.committed(BUCKET, "logs/2024/01/b.gz", Events.nextVersion(), 200),
                Events.committed(BUCKET, "logs/2024/02/a.gz", old(1), 300),
                Events.committed(BUCKET, "logs/readme", Events.nextVersion(), 5),
                Events.committed(BUCKET, "top.txt", old(2), 7),
                Events.committed(BUCKET, "100%_done/x_y", Events.nextVersion(), 11),
                Events.committed(BUCKET, "a%b/c", Events.nextVersion(), 13),
                // "a%" as a LIKE pattern would match this one too
                Events.committed(BUCKET, "abc/d", Events.nextVersion(), 19),
                Events.committed(BUCKET, "caf\u00e9/" + SMILE + "/z", Events.nextVersion(), 17, null,
                        Map.of("\u65e5\u672c", "caf\u00e9 " + SMILE)),
                Events.committed(BUCKET, "caf\u00e9/\uFFFD/w", old(3), 23),
                Events.committed(BUCKET, "logs/2024/03/gone", Events.nextVersion(), 1000),
                Events.deleted(BUCKET, "logs/2024/03/gone", Events.nextVersion()),
                Events.committed(OTHER_BUCKET, "logs/x", Events.nextVersion(), 50));
    }

    /** A version from 2020, for keys that must look old. */
    private static VersionId old(int counter) {
        return new VersionId(Instant.parse("2020-06-01T00:00:00Z").toEpochMilli(), counter, 7);
    }
}
