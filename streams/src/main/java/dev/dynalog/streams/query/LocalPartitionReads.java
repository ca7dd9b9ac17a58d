package dev.dynalog.streams.query;

import dev.dynalog.core.error.Errors;
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
import dev.dynalog.streams.transaction.TransactionActivity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * Reads of the partitions whose tasks run on this node, through Kafka Streams interactive
 * queries, each after waiting at the read barrier for a target offset of the command log: the
 * caller says which (this node's own for its clients' reads, the target another node sent along
 * with a read it forwarded here). Tables and indexes are named by their ids' store bytes.
 */
public final class LocalPartitionReads {
    private static final int ATTEMPTS = 50;
    private static final Duration REBALANCE_WAIT = Duration.ofSeconds(30);

    private final TableStreams streams;
    private final ReadBarrier barrier;
    private final TopicNames topics;
    private final TransactionActivity activity;

    public LocalPartitionReads(TableStreams streams, ReadBarrier barrier, TopicNames topics,
                               TransactionActivity activity) {
        this.streams = streams;
        this.barrier = barrier;
        this.topics = topics;
        this.activity = activity;
    }

    /** Whether this node runs the active task of the command log's (or, for indexes, the index log's) partition. */
    public boolean runs(boolean indexLog, int partition) {
        return streams.activePartitions(indexLog ? topics.indexLog() : topics.commandLog()).contains(partition);
    }

    public byte[] item(int partition, long target, byte[] tableId, byte[] primaryKey) {
        return read(partition, target, state -> state.item(tableId, primaryKey));
    }

    /**
     * The item as this node's standby copy of the partition has it, for an eventually consistent
     * read whose freshness the caller checked; waits for nothing, and throws
     * PartitionMovedException at once when the node keeps no standby of the partition now.
     * Like an eventual read of the active task's store it reads the items store only: an item
     * that a prepared transaction holds is read as it was before the transaction, whose images
     * wait in the transactions store until it completes.
     */
    public byte[] standbyItem(int partition, byte[] tableId, byte[] primaryKey) {
        return fromStandby(partition, () -> standbyState(partition).item(tableId, primaryKey));
    }

    /** Visits the items of this node's standby copy of the partition; see {@link #standbyItem}. */
    public void standbyScan(int partition, KeyRange range, boolean reverse, Predicate<ItemState.StoredItem> visitor) {
        fromStandby(partition, () -> {
            standbyState(partition).scan(range, reverse, visitor);
            return null;
        });
    }

    private ItemState standbyState(int partition) {
        return StoreItemState.readOnly(streams.standbyItemsStore(partition), streams.standbyStatisticsStore(partition));
    }

    private <T> T fromStandby(int partition, Supplier<T> reading) {
        try {
            return reading.get();
        } catch (InvalidStateStoreException e) {
            // A rebalance took the standby away (or made it active): the caller reads elsewhere.
            streams.invalidate(partition);
            throw new PartitionMovedException("no standby of partition " + partition + " here: " + e.getMessage());
        }
    }

    /** The id of the transaction that holds the item, or null; waits for nothing. */
    public byte[] lockHolder(int partition, byte[] tableId, byte[] primaryKey) {
        return retrying(partition, () -> StoreTransactionState.readOnly(streams.transactionsStore(partition))
                .lockHolder(tableId, primaryKey));
    }

    /** An item's address in a partition's stores: its table id's and primary key's bytes. */
    public record StoreKey(byte[] tableId, byte[] primaryKey) {
    }

    /** An item as stored (null: none, or not asked for) and whether a transaction holds it. */
    public record HeldItem(byte[] item, boolean held) {
    }

    /**
     * For each key, in order: the stored item (when {@code withItems}) and then whether a
     * transaction holds it, as the partition is now; waits for nothing.
     */
    public List<HeldItem> heldItems(int partition, List<StoreKey> keys, boolean withItems) {
        List<HeldItem> held = new ArrayList<>(keys.size());
        for (StoreKey k : keys) {
            byte[] item = withItems ? item(partition, -1, k.tableId(), k.primaryKey()) : null;
            held.add(new HeldItem(item, lockHolder(partition, k.tableId(), k.primaryKey()) != null));
        }
        return held;
    }

    public void scan(int partition, long target, KeyRange range, boolean reverse, Predicate<ItemState.StoredItem> visitor) {
        read(partition, target, state -> {
            state.scan(range, reverse, visitor);
            return null;
        });
    }

    public TableStats stats(int partition, long target, byte[] tableId) {
        return read(partition, target, state -> state.stats(tableId));
    }

    public TableStats localIndexStats(int partition, long target, byte[] tableId, byte[] indexId) {
        return TableStats.decode(read(partition, target, state -> state.get(ItemStoreKeys.localIndexStats(tableId, indexId))));
    }

    public TableStats globalIndexStats(int indexPartition, byte[] indexId) {
        return TableStats.decode(retrying(indexPartition,
                () -> streams.indexStatisticsStore(indexPartition).get(GlobalIndexStoreKeys.stats(indexId))));
    }

    /** Global indexes are eventually consistent: the read waits for nothing. */
    public void scanGlobalIndex(int indexPartition, KeyRange range, boolean reverse, Predicate<ItemState.StoredItem> visitor) {
        retrying(indexPartition, () -> {
            StoreItemState.readOnly(streams.indexStore(indexPartition)).scan(range, reverse, visitor);
            return null;
        });
    }

    /** Waits until the partition has been applied up to {@code target} (and this node's own acknowledged writes). */
    public void await(int partition, long target) {
        barrier.awaitTarget(log(partition), target);
    }

    /** The partition's transaction version (see TransactionActivity): odd while a transaction's writes are applied. */
    public long transactionVersion(int partition) {
        return activity.version(partition);
    }

    private TopicPartition log(int partition) {
        return new TopicPartition(topics.commandLog(), partition);
    }

    private <T> T read(int partition, long target, Function<ItemState, T> reading) {
        barrier.awaitTarget(log(partition), target);
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
