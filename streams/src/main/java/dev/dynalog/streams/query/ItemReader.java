package dev.dynalog.streams.query;

import dev.dynalog.core.error.Errors;
import dev.dynalog.core.index.SecondaryIndex;
import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.streams.TopicNames;
import dev.dynalog.streams.cluster.PartitionOwners;
import dev.dynalog.streams.cluster.StandbyFreshness;
import dev.dynalog.streams.read.ReadBarrier;
import dev.dynalog.streams.state.ItemState;
import dev.dynalog.streams.state.ItemStoreKeys;
import dev.dynalog.streams.state.KeyRange;
import dev.dynalog.streams.state.TableStats;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;

/**
 * The read path: items of a table partition, read where the partition's active task runs (here,
 * through interactive queries, or on the node that runs it, through a forwarded read), behind
 * the read barrier: strongly consistent reads wait for every write acknowledged before they
 * began, eventually consistent ones for the writes this node acknowledged. The barrier's target
 * is taken here, when the read begins, and travels with a forwarded read.
 *
 * <p>An eventually consistent GetItem, Query or Scan of a partition whose active task runs on
 * another node is answered from this node's standby copy of it instead, when it has one that
 * {@link StandbyFreshness} finds fresh enough (every change committed up to the bound before the
 * read, every write this node acknowledged). Strong reads, transactional reads and their lock
 * checks, counts and global index reads always go to the active task.
 */
public final class ItemReader {
    /** How long a read waits for a partition that no node runs (a rebalance) before it fails, retryably. */
    private static final Duration OWNER_WAIT = Duration.ofSeconds(20);
    /** Threads for a cluster's per-partition figures, each mostly waiting for another node. */
    private static final ExecutorService FAN_OUT = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "partition-fan-out");
        t.setDaemon(true);
        return t;
    });

    private final LocalPartitionReads local;
    private final ForwardedReads forwarded;
    private final PartitionOwners owners;
    private final ReadBarrier barrier;
    private final TopicNames topics;
    private final StandbyFreshness standbys;
    private final ReadCounts counts;

    public ItemReader(LocalPartitionReads local, ForwardedReads forwarded, PartitionOwners owners, ReadBarrier barrier,
                      TopicNames topics, StandbyFreshness standbys, ReadCounts counts) {
        this.local = local;
        this.forwarded = forwarded;
        this.owners = owners;
        this.barrier = barrier;
        this.topics = topics;
        this.standbys = standbys;
        this.counts = counts;
    }

    /** The stored item with this encoded primary key, or null. */
    public byte[] get(TableDefinition table, int partition, byte[] primaryKey, boolean consistent) {
        byte[] tableId = ItemStoreKeys.tableIdBytes(table.tableId());
        if (!consistent && standbyServes(partition)) {
            try {
                byte[] item = local.standbyItem(partition, tableId, primaryKey);
                counts.servedByStandby();
                return item;
            } catch (PartitionMovedException e) {
                owners.invalidate(); // and read where the active task runs
            }
        }
        long target = target(partition, consistent);
        return onCommandLog(partition, () -> {
            byte[] item = local.item(partition, target, tableId, primaryKey);
            counts.servedByActive();
            return item;
        }, node -> {
            byte[] item = forwarded.item(node, partition, target, tableId, primaryKey);
            counts.forwarded();
            return item;
        });
    }

    /**
     * Whether an eventually consistent read of the partition that begins now is answered by this
     * node's standby copy: the active task runs elsewhere and the copy is fresh enough.
     */
    private boolean standbyServes(int partition) {
        if (!standbys.enabled()
                || owners.placement(topics.commandLog(), partition).kind() != PartitionOwners.Placement.Kind.REMOTE) {
            return false;
        }
        TopicPartition tp = new TopicPartition(topics.commandLog(), partition);
        return standbys.serves(partition, System.nanoTime(), barrier.acknowledgedTarget(tp));
    }

    /**
     * The id of the transaction that holds the item, or null; reads the partition's state as it is
     * now (the caller has passed the read barrier).
     */
    public byte[] lockHolder(TableDefinition table, int partition, byte[] primaryKey) {
        byte[] tableId = ItemStoreKeys.tableIdBytes(table.tableId());
        return onCommandLog(partition, () -> local.lockHolder(partition, tableId, primaryKey),
                node -> forwarded.lockHolder(node, partition, tableId, primaryKey));
    }

    /** Visits the partition's items in the range until the visitor returns false. */
    public void scan(TableDefinition table, int partition, KeyRange range, boolean reverse, boolean consistent,
                     Predicate<ItemState.StoredItem> visitor) {
        KeyRange left = range;
        if (!consistent && standbyServes(partition)) {
            byte[][] last = new byte[1][];
            try {
                local.standbyScan(partition, range, reverse, item -> {
                    last[0] = item.storeKey();
                    return visitor.test(item);
                });
                counts.servedByStandby();
                return;
            } catch (PartitionMovedException e) {
                // The standby went away in the middle: the active task's node goes on after the last item visited.
                owners.invalidate();
                left = last[0] == null ? range : ForwardedReads.after(range, last[0], reverse);
            }
        }
        long target = target(partition, consistent);
        boolean[] counted = new boolean[1];
        scanRouted(topics.commandLog(), partition, left, reverse, visitor,
                (from, collect) -> {
                    local.scan(partition, target, from, reverse, collect);
                    counts.servedByActive();
                },
                (node, from) -> {
                    ForwardedReads.Chunk chunk = forwarded.scanChunk(node, false, partition, target, from, reverse);
                    if (!counted[0]) {
                        counted[0] = true;
                        counts.forwarded();
                    }
                    return chunk;
                });
    }

    /** ItemCount and TableSizeBytes summed over the table's partitions. */
    public TableStats stats(TableDefinition table) {
        byte[] tableId = ItemStoreKeys.tableIdBytes(table.tableId());
        return sumOverPartitions(table.partitions(), partition -> {
            long target = target(partition, false);
            return onCommandLog(partition, () -> local.stats(partition, target, tableId),
                    node -> forwarded.stats(node, partition, target, tableId));
        });
    }

    /** ItemCount and IndexSizeBytes of an index, summed over its partitions. */
    public TableStats indexStats(TableDefinition table, SecondaryIndex index) {
        byte[] indexId = HexFormat.of().parseHex(index.indexId());
        byte[] tableId = ItemStoreKeys.tableIdBytes(table.tableId());
        return sumOverPartitions(table.partitions(), partition -> {
            if (index.isGlobal()) {
                return routed(topics.indexLog(), partition, () -> local.globalIndexStats(partition, indexId),
                        node -> forwarded.globalIndexStats(node, partition, indexId));
            }
            long target = target(partition, false);
            return onCommandLog(partition, () -> local.localIndexStats(partition, target, tableId, indexId),
                    node -> forwarded.localIndexStats(node, partition, target, tableId, indexId));
        });
    }

    /**
     * Sums a figure over the partitions: one after another on a lone node (local reads cost
     * microseconds), at once in a cluster, where most of them are a round trip to another node
     * and a DescribeTable would otherwise wait for each in turn.
     */
    private TableStats sumOverPartitions(int partitions, IntFunction<TableStats> ofPartition) {
        TableStats total = TableStats.EMPTY;
        if (owners.alone()) {
            for (int p = 0; p < partitions; p++) {
                total = total.plus(ofPartition.apply(p));
            }
            return total;
        }
        List<CompletableFuture<TableStats>> each = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            int partition = p;
            each.add(CompletableFuture.supplyAsync(() -> ofPartition.apply(partition), FAN_OUT));
        }
        for (CompletableFuture<TableStats> f : each) {
            try {
                total = total.plus(f.join());
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        return total;
    }

    /**
     * Visits the entries of a global index in one index-log partition, in the range, until the
     * visitor returns false. Global indexes are eventually consistent: the read waits for nothing.
     */
    public void scanGlobalIndex(int partition, KeyRange range, boolean reverse, Predicate<ItemState.StoredItem> visitor) {
        scanRouted(topics.indexLog(), partition, range, reverse, visitor,
                (left, collect) -> local.scanGlobalIndex(partition, left, reverse, collect),
                (node, left) -> forwarded.scanChunk(node, true, partition, -1, left, reverse));
    }

    /** Waits until the partition has applied every write acknowledged before now (a strong read's barrier). */
    public void awaitAcknowledgedWrites(int partition) {
        long target = target(partition, true);
        onCommandLog(partition, () -> {
            local.await(partition, target);
            return null;
        }, node -> {
            forwarded.await(node, partition, target);
            return null;
        });
    }

    /**
     * For each key of one partition, in order: the stored item (when {@code withItems}) and
     * whether a transaction holds it, as the partition is now (the caller has passed the read
     * barrier), in one visit to the node that runs it.
     */
    public List<LocalPartitionReads.HeldItem> heldItems(int partition, List<LocalPartitionReads.StoreKey> keys,
                                                        boolean withItems) {
        return onCommandLog(partition, () -> local.heldItems(partition, keys, withItems),
                node -> forwarded.heldItems(node, partition, keys, withItems));
    }

    /** The partition's transaction version, where its task runs (see TransactionActivity). */
    public long transactionVersion(int partition) {
        return onCommandLog(partition, () -> local.transactionVersion(partition),
                node -> forwarded.transactionVersion(node, partition));
    }

    private long target(int partition, boolean consistent) {
        TopicPartition tp = new TopicPartition(topics.commandLog(), partition);
        return consistent ? barrier.strongTarget(tp) : barrier.acknowledgedTarget(tp);
    }

    private <T> T onCommandLog(int partition, Supplier<T> here, Function<URI, T> there) {
        return routed(topics.commandLog(), partition, here, there);
    }

    /**
     * Runs the read where the partition's active task runs. While no node runs it, or the node
     * asked answers that it no longer does (a rebalance moved it), the owner is looked up again,
     * for at most {@link #OWNER_WAIT}; then the read fails with a 500, which clients retry.
     */
    private <T> T routed(String topic, int partition, Supplier<T> here, Function<URI, T> there) {
        long deadline = System.nanoTime() + OWNER_WAIT.toNanos();
        while (true) {
            PartitionOwners.Placement placement = owners.placement(topic, partition);
            switch (placement.kind()) {
                case LOCAL -> {
                    return here.get();
                }
                case REMOTE -> {
                    try {
                        return there.apply(placement.node());
                    } catch (PartitionMovedException e) {
                        owners.invalidate();
                    }
                }
                case UNKNOWN -> owners.invalidate();
            }
            if (System.nanoTime() > deadline) {
                throw Errors.internal("The table's partition " + partition + " is not available (the cluster is rebalancing)");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw Errors.internal("interrupted");
            }
        }
    }

    private interface LocalScan {
        void scan(KeyRange range, Predicate<ItemState.StoredItem> visitor);
    }

    private interface RemoteChunk {
        ForwardedReads.Chunk read(URI node, KeyRange range);
    }

    /**
     * A scan, here or chunk by chunk from the owner; a chunk that finds the task moved is asked
     * again of the new owner, from where the last one ended.
     */
    private void scanRouted(String topic, int partition, KeyRange range, boolean reverse,
                            Predicate<ItemState.StoredItem> visitor, LocalScan here, RemoteChunk there) {
        KeyRange left = range;
        while (true) {
            KeyRange from = left;
            ForwardedReads.Chunk chunk = routed(topic, partition, () -> {
                here.scan(from, visitor);
                return null;
            }, node -> there.read(node, from));
            if (chunk == null) {
                return; // scanned here, to the visitor's end
            }
            for (ItemState.StoredItem item : chunk.items()) {
                if (!visitor.test(item)) {
                    return;
                }
            }
            if (!chunk.more() || chunk.items().isEmpty()) {
                return;
            }
            left = ForwardedReads.after(left, chunk.items().get(chunk.items().size() - 1).storeKey(), reverse);
        }
    }
}
