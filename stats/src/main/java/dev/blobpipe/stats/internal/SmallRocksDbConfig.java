package dev.blobpipe.stats.internal;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the off-heap memory of the stats' RocksDB stores: one block cache for all of them, which also accounts for
 * their memtables. Kafka Streams' default gives every store its own 50 MiB cache and 3 x 16 MiB memtables, a lot
 * beside a 256 MiB dev heap (this is the pattern of Kafka Streams' memory management docs). The cache and buffer
 * manager are shared by every store in the process and live as long as it does, so {@link #close} frees nothing.
 */
public final class SmallRocksDbConfig implements RocksDBConfigSetter {
    static final long CACHE_BYTES = 16L << 20;
    static final long MEMTABLE_BYTES = 4L << 20;
    private static final Cache CACHE = new LRUCache(CACHE_BYTES);
    private static final WriteBufferManager WRITE_BUFFERS = new WriteBufferManager(MEMTABLE_BYTES, CACHE);

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        var table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(CACHE);
        table.setCacheIndexAndFilterBlocks(true);
        options.setWriteBufferManager(WRITE_BUFFERS);
        options.setWriteBufferSize(1L << 20);
        options.setMaxWriteBufferNumber(2);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // shared by every store for the life of the process: closing them here would break the other stores
    }
}
