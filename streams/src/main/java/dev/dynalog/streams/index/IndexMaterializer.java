package dev.dynalog.streams.index;

import dev.dynalog.core.encoding.ItemCodec;
import dev.dynalog.core.index.IndexEntrySize;
import dev.dynalog.schemas.index.IndexOp;
import dev.dynalog.schemas.index.IndexUpdate;
import dev.dynalog.streams.read.ProcessedOffsets;
import dev.dynalog.streams.state.KeyRange;
import dev.dynalog.streams.state.StatisticsMove;
import dev.dynalog.streams.state.TableStats;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the global indexes of one index-log partition: applies each update in log order to the
 * {@code index-entries} store. Updates of one entry come from one base partition, in the order
 * that partition decided them, and all land in the partition of their index partition key; each
 * update alone is idempotent, so the store converges to the index of the base state.
 *
 * <p>The updates were written in the base partitions' exactly-once transactions and are read
 * committed, so the index holds only decided writes; it trails the base table by the commit
 * interval and this processor's work, which is the index lag it reports.
 */
public final class IndexMaterializer implements Processor<byte[], byte[], Void, Void> {
    public static final String STORE = "index-entries";
    /** Each index's statistics in the partition, cached until each commit. */
    public static final String STATISTICS_STORE = "index-statistics";
    private static final Logger log = LoggerFactory.getLogger(IndexMaterializer.class);

    private final ProcessedOffsets offsets;
    private final String indexLog;
    private final IndexLagRecorder lag;
    private ProcessorContext<Void, Void> context;
    private KeyValueStore<Bytes, byte[]> store;
    private KeyValueStore<Bytes, byte[]> statistics;
    private boolean countersMoved;

    public IndexMaterializer(ProcessedOffsets offsets, String indexLog, IndexLagRecorder lag) {
        this.offsets = offsets;
        this.indexLog = indexLog;
        this.lag = lag;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
        this.statistics = context.getStateStore(STATISTICS_STORE);
        offsets.resetPartition(indexLog, context.taskId().partition());
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata where = context.recordMetadata().orElseThrow();
        if (!countersMoved) {
            // Statistics an earlier dynalog kept among the entries (in processing: writes are logged under a record).
            StatisticsMove.moveOnce(store, statistics, GlobalIndexStoreKeys.STATS);
            countersMoved = true;
        }
        IndexUpdate update;
        try {
            update = IndexUpdateCodec.decode(record.value());
        } catch (RuntimeException e) {
            log.warn("skipping undecodable index update at {}-{}@{}", where.topic(), where.partition(), where.offset(), e);
            offsets.processed(where.topic(), where.partition(), where.offset());
            return;
        }
        byte[] indexId = HexFormat.of().parseHex(update.getIndexId());
        switch (update.getOp()) {
            case PUT -> put(indexId, bytes(update.getEntryKey()), bytes(update.getEntry()));
            case REMOVE -> remove(indexId, bytes(update.getEntryKey()));
            case PURGE -> {
                purge(indexId);
                lag.forget(update.getTableName(), update.getIndexName());
            }
        }
        if (update.getOp() != IndexOp.PURGE) {
            lag.record(update.getTableName(), update.getIndexName(), System.currentTimeMillis() - record.timestamp());
        }
        offsets.processed(where.topic(), where.partition(), where.offset());
    }

    private void put(byte[] indexId, byte[] entryKey, byte[] entry) {
        Bytes key = GlobalIndexStoreKeys.entry(indexId, entryKey);
        byte[] old = store.get(key);
        store.put(key, entry);
        adjustStats(indexId, old == null ? 1 : 0, size(entry) - (old == null ? 0 : size(old)));
    }

    private void remove(byte[] indexId, byte[] entryKey) {
        Bytes key = GlobalIndexStoreKeys.entry(indexId, entryKey);
        byte[] old = store.get(key);
        if (old != null) {
            store.delete(key);
            adjustStats(indexId, -1, -size(old));
        }
    }

    private void purge(byte[] indexId) {
        KeyRange range = GlobalIndexStoreKeys.everything(indexId);
        List<Bytes> keys = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = store.range(Bytes.wrap(range.from()),
                range.to() == null ? null : Bytes.wrap(range.to()))) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                if (range.contains(kv.key.get())) {
                    keys.add(kv.key);
                }
            }
        }
        keys.forEach(store::delete);
        statistics.delete(GlobalIndexStoreKeys.stats(indexId));
    }

    private void adjustStats(byte[] indexId, long entries, long bytes) {
        Bytes key = GlobalIndexStoreKeys.stats(indexId);
        // A global index's checksum is not kept: a restore checks the index by its content.
        statistics.put(key, TableStats.decode(statistics.get(key)).plus(entries, bytes, 0).encode());
    }

    private static long size(byte[] entry) {
        return IndexEntrySize.of(ItemCodec.decode(entry));
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer b = buffer.duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
