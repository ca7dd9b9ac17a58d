package dev.dynalog.streams.query;

import dev.dynalog.core.error.Errors;
import dev.dynalog.core.index.SecondaryIndex;
import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.streams.TopicNames;
import dev.dynalog.streams.index.GlobalIndexStoreKeys;
import dev.dynalog.streams.read.ReadBarrier;
import dev.dynalog.streams.state.ItemState;
import dev.dynalog.streams.state.ItemStoreKeys;
import dev.dynalog.streams.state.KeyRange;
import dev.dynalog.streams.state.StoreItemState;
import dev.dynalog.streams.state.TableStats;
import dev.dynalog.streams.topology.TableStreams;
import dev.dynalog.streams.transaction.StoreTransactionState;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * The read path: items of a table partition through Kafka Streams interactive queries, behind the
 * read barrier: strongly consistent reads wait for every write acknowledged before they began,
 * eventually consistent ones for the writes this node acknowledged.
 */
public final class ItemReader {
    private static final int ATTEMPTS = 50;
    private static final Duration REBALANCE_WAIT = Duration.ofSeconds(30);

    private final TableStreams streams;
    private final ReadBarrier barrier;
    private final TopicNames topics;

    public ItemReader(TableStreams streams, ReadBarrier barrier, TopicNames topics) {
        this.streams = streams;
        this.barrier = barrier;
        this.topics = topics;
    }

    /** The stored item with this encoded primary key, or null. */
    public byte[] get(TableDefinition table, int partition, byte[] primaryKey, boolean consistent) {
        byte[] tableId = ItemStoreKeys.tableIdBytes(table.tableId());
        return read(table, partition, consistent, state -> state.item(tableId, primaryKey));
    }

    /**
     * The id of the transaction that holds the item, or null; reads the partition's state as it is
     * now (the caller has passed the read barrier).
     */
    public byte[] lockHolder(TableDefinition table, int partition, byte[] primaryKey) {
        byte[] tableId = ItemStoreKeys.tableIdBytes(table.tableId());
        return retrying(partition, () -> StoreTransactionState.readOnly(streams.transactionsStore(partition))
                .lockHolder(tableId, primaryKey));
    }

    /** Visits the partition's items in the range until the visitor returns false. */
    public void scan(TableDefinition table, int partition, KeyRange range, boolean reverse, boolean consistent,
                     Predicate<ItemState.StoredItem> visitor) {
        read(table, partition, consistent, state -> {
            state.scan(range, reverse, visitor);
            return null;
        });
    }

    /** ItemCount and TableSizeBytes summed over the table's partitions. */
    public TableStats stats(TableDefinition table) {
        byte[] tableId = ItemStoreKeys.tableIdBytes(table.tableId());
        TableStats total = TableStats.EMPTY;
        for (int p = 0; p < table.partitions(); p++) {
            total = total.plus(read(table, p, false, state -> state.stats(tableId)));
        }
        return total;
    }

    /** ItemCount and IndexSizeBytes of an index, summed over its partitions. */
    public TableStats indexStats(TableDefinition table, SecondaryIndex index) {
        byte[] indexId = HexFormat.of().parseHex(index.indexId());
        TableStats total = TableStats.EMPTY;
        for (int p = 0; p < table.partitions(); p++) {
            int partition = p;
            if (index.isGlobal()) {
                total = total.plus(TableStats.decode(
                        retrying(p, () -> streams.indexStatisticsStore(partition).get(GlobalIndexStoreKeys.stats(indexId)))));
            } else {
                byte[] tableId = ItemStoreKeys.tableIdBytes(table.tableId());
                total = total.plus(TableStats.decode(read(table, p, false,
                        state -> state.get(ItemStoreKeys.localIndexStats(tableId, indexId)))));
            }
        }
        return total;
    }

    /**
     * Visits the entries of a global index in one index-log partition, in the range, until the
     * visitor returns false. Global indexes are eventually consistent: the read waits for nothing.
     */
    public void scanGlobalIndex(int partition, KeyRange range, boolean reverse, Predicate<ItemState.StoredItem> visitor) {
        retrying(partition, () -> {
            StoreItemState.readOnly(streams.indexStore(partition)).scan(range, reverse, visitor);
            return null;
        });
    }

    /** Waits until the partition has applied every write acknowledged before now (a strong read's barrier). */
    public void awaitAcknowledgedWrites(int partition) {
        barrier.await(new TopicPartition(topics.commandLog(), partition));
    }

    private <T> T read(TableDefinition table, int partition, boolean consistent, Function<ItemState, T> reading) {
        TopicPartition log = new TopicPartition(topics.commandLog(), partition);
        if (consistent) {
            barrier.await(log);
        } else {
            barrier.awaitAcknowledged(log);
        }
        return retrying(partition, () -> reading.apply(StoreItemState.readOnly(streams.itemsStore(partition),
                streams.statisticsStore(partition))));
    }

    private void awaitRunning() {
        try {
            streams.awaitRunning(REBALANCE_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Errors.internal("interrupted");
        } catch (IllegalStateException e) {
            throw Errors.internal("The table's partitions are not available: " + e.getMessage());
        }
    }

    private <T> T retrying(int partition, Supplier<T> reading) {
        for (int attempt = 1; ; attempt++) {
            try {
                return reading.get();
            } catch (InvalidStateStoreException e) {
                // The task is moving or restoring (a rebalance); look the store up again.
                streams.invalidate(partition);
                if (!streams.isRunning()) {
                    // A rebalance (the node's first, while it already serves): wait for it, not for attempts.
                    awaitRunning();
                    attempt = 0;
                    continue;
                }
                if (attempt == ATTEMPTS) {
                    throw Errors.internal("The table's partition " + partition + " is not available");
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw Errors.internal("interrupted");
                }
            }
        }
    }
}
