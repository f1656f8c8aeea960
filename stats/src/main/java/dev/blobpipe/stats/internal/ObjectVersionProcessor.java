package dev.blobpipe.stats.internal;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Last writer wins per key, as the catalog's indexer decides it (catalog's ObjectVersionWriter and EventApplier),
 * reduced to what the counts need: the newest version seen per key, live or a tombstone, in store
 * {@value #STORE}. Each change that takes effect is forwarded as its bucket's delta; a replay of the key's current
 * version, a late older version and a write whose condition fails forward nothing.
 *
 * <p>Rules, in the indexer's order: the same version again changes nothing; a write's condition (If-None-Match: *,
 * If-Match) is decided against the live version's ETag before versions are compared; an older version loses; an
 * expiry applies only while the version it names is the live one. Events of one key arrive here in the order this
 * task read them from the events topic's partitions, which may differ from the indexer's order: see DESIGN.md.
 */
public final class ObjectVersionProcessor implements Processor<ObjectName, KeyChange, String, BucketDelta> {
    public static final String STORE = "object-versions";

    private ProcessorContext<String, BucketDelta> context;
    private KeyValueStore<ObjectName, ObjectState> versions;

    @Override
    public void init(ProcessorContext<String, BucketDelta> context) {
        this.context = context;
        this.versions = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<ObjectName, KeyChange> record) {
        ObjectName name = record.key();
        KeyChange change = record.value();
        ObjectState current = versions.get(name);
        ObjectState next = decide(current, change);
        if (next == null) {
            return;
        }
        versions.put(name, next);
        long objects = next.liveObjects() - (current == null ? 0 : current.liveObjects());
        long bytes = next.liveBytes() - (current == null ? 0 : current.liveBytes());
        boolean put = change.kind() == KeyChange.Kind.WRITE;
        context.forward(record.withKey(name.bucket()).withValue(
                new BucketDelta(objects, bytes, put ? 1 : 0, put ? 0 : 1)));
    }

    /** The key's new state, or null when {@code change} does not take effect. */
    static ObjectState decide(ObjectState current, KeyChange change) {
        if (current != null && current.version().equals(change.version())) {
            return null; // the same event again (a replayed publication)
        }
        switch (change.kind()) {
            case WRITE -> {
                String liveEtag = current == null ? null : current.liveEtag();
                if (change.condition() != null && !change.condition().allows(liveEtag)) {
                    return null; // the indexer rejects it: 412 for the client, no version
                }
                if (current != null && change.version().compareTo(current.version()) < 0) {
                    return null; // a late, older version never becomes live
                }
                return new ObjectState(change.version(), change.sizeBytes(), change.etag(), true);
            }
            case DELETE -> {
                if (current != null && change.version().compareTo(current.version()) < 0) {
                    return null;
                }
                return ObjectState.tombstone(change.version());
            }
            case EXPIRE -> {
                if (current == null || !current.live() || !current.version().equals(change.expiredVersion())) {
                    return null; // overwritten or deleted since the compactor chose it
                }
                return ObjectState.tombstone(change.version());
            }
            default -> throw new IllegalArgumentException("unknown change " + change.kind());
        }
    }
}
