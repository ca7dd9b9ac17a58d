package dev.dynalog.streams.topology;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the off-heap memory of every RocksDB store in this process, whatever the number of
 * tasks: all stores share one block cache, and their memtables are charged to that same cache
 * through a write-buffer manager (the pattern of Kafka Streams' memory-management guide).
 * Without it each store takes its own 50 MB cache and up to three 16 MB memtables, so memory
 * grows with the partition count, and index and filter blocks, held outside any cache, grow
 * with the data.
 *
 * <p>Index and filter blocks live in the cache (high priority, top level pinned), so their
 * memory is bounded too; a lookup that misses the cache reads the OS page cache, which is not
 * part of the process's resident memory.
 */
public final class BoundedMemoryRocksDbConfig implements RocksDBConfigSetter {
    /** Total bytes of the shared cache, memtables included. */
    public static final String CACHE_BYTES_CONFIG = "dynalog.rocksdb.cache.bytes";
    public static final long DEFAULT_CACHE_BYTES = 128L * 1024 * 1024;
    private static final long MEMTABLE_BYTES = 8L * 1024 * 1024;
    private static final double WRITE_BUFFER_SHARE = 0.5;
    private static final double HIGH_PRIORITY_SHARE = 0.1;

    /** Created by the first store to open and shared by all, so the bound is per process. */
    private static Cache cache;
    private static WriteBufferManager writeBuffers;

    private static synchronized void init(long cacheBytes) {
        if (cache == null) {
            cache = new LRUCache(cacheBytes, -1, false, HIGH_PRIORITY_SHARE);
            writeBuffers = new WriteBufferManager((long) (cacheBytes * WRITE_BUFFER_SHARE), cache);
        }
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        Object configured = configs.get(CACHE_BYTES_CONFIG);
        init(configured == null ? DEFAULT_CACHE_BYTES : Long.parseLong(configured.toString()));
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(cache);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setTableFormatConfig(table);
        options.setWriteBufferManager(writeBuffers);
        options.setWriteBufferSize(MEMTABLE_BYTES);
        options.setMaxWriteBufferNumber(2);
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and write-buffer manager are shared by every store and live as long as the process.
    }
}
