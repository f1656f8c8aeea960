package dev.blobpipe.catalog.admin;

import dev.blobpipe.catalog.internal.UsageDao;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;

/** {@code stats}: objects, bytes, dead bytes, segments and open multipart uploads of every live bucket. */
public final class BucketStatistics {
    private final Jdbi jdbi;

    public BucketStatistics(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    /** One row per live bucket, by name, all from one snapshot (one row per bucket fits in memory). */
    public List<BucketStats> all() {
        return Snapshot.read(jdbi, handle -> {
            try (Stream<BucketStats> rows = handle.attach(UsageDao.class).bucketStats()) {
                return rows.toList();
            }
        });
    }
}
