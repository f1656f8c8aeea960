package dev.blobpipe.catalog.admin;

import dev.blobpipe.catalog.internal.InventoryDao;
import dev.blobpipe.catalog.internal.KeyRange;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;

/** {@code find}: live objects of a bucket under a prefix, optionally older than a time and larger than a size. */
public final class ObjectSearch {
    private final Jdbi jdbi;

    public ObjectSearch(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    /**
     * What to find: {@code modifiedBefore} null for any time, {@code largerThanBytes} -1 for any size (0 leaves out
     * empty objects).
     */
    public record Criteria(String bucket, String prefix, Instant modifiedBefore, long largerThanBytes) {
        public Criteria {
            Objects.requireNonNull(bucket, "bucket");
            Objects.requireNonNull(prefix, "prefix");
            if (largerThanBytes < -1) {
                throw new IllegalArgumentException("largerThanBytes must be -1 (any) or more: " + largerThanBytes);
            }
        }

        /** Every live object under {@code prefix}. */
        public static Criteria under(String bucket, String prefix) {
            return new Criteria(bucket, prefix, null, -1);
        }
    }

    /** Hands each match to {@code sink} in key byte order, as it is read: the result is never held whole. */
    public void forEach(Criteria criteria, Consumer<FoundObject> sink) {
        Objects.requireNonNull(criteria, "criteria");
        Objects.requireNonNull(sink, "sink");
        var before = criteria.modifiedBefore() == null ? null : criteria.modifiedBefore().atOffset(ZoneOffset.UTC);
        Snapshot.read(jdbi, handle -> {
            try (Stream<FoundObject> found = handle.attach(InventoryDao.class).find(criteria.bucket(),
                    criteria.prefix(), KeyRange.successor(criteria.prefix()), before, criteria.largerThanBytes())) {
                found.forEach(sink);
            }
            return null;
        });
    }
}
