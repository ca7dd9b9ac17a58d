package dev.dynalog.streams.query;

import dev.dynalog.core.error.CancellationReason;
import dev.dynalog.core.error.Errors;
import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.streams.state.ItemStoreKeys;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * TransactGetItems' read: several items, possibly of several partitions and tables, as they were
 * at one moment, never showing part of a transaction.
 *
 * <p>Reads no log: each item is read from its partition's store, strongly consistent (behind the
 * read barrier). The snapshot is taken optimistically: every involved partition's transaction
 * version is read first, then each item and whether a transaction holds it, then every lock again
 * and the versions again. A transaction that completed at one partition before its item was read
 * and at another after was prepared at the second before it completed at the first, so its lock
 * is seen there by the second look at the locks, or its completion moves that partition's
 * version. So if no item was held and no version moved, no transaction completed in part under
 * the read, and the items are one moment's. A transaction in flight on an item is waited for a
 * little (they take milliseconds), then reported as DynamoDB does: TransactionCanceledException
 * with TransactionConflict for the held items.
 */
public final class SnapshotReader {
    private static final long PATIENCE_NANOS = 500_000_000L;

    private final ItemReader items;

    public SnapshotReader(ItemReader items) {
        this.items = items;
    }

    /** One item to read: its table, log partition and encoded primary key. */
    public record ItemKey(TableDefinition table, int partition, byte[] primaryKey) {
    }

    /** The stored items (null where missing), in the order asked. */
    public List<byte[]> read(List<ItemKey> keys) {
        TreeSet<Integer> partitions = new TreeSet<>();
        keys.forEach(k -> partitions.add(k.partition()));
        Map<Integer, List<Integer>> byPartition = new TreeMap<>();
        for (int i = 0; i < keys.size(); i++) {
            byPartition.computeIfAbsent(keys.get(i).partition(), p -> new ArrayList<>()).add(i);
        }
        // Strongly consistent: each partition has applied every write acknowledged before the read.
        for (int p : partitions) {
            items.awaitAcknowledgedWrites(p);
        }
        long deadline = System.nanoTime() + PATIENCE_NANOS;
        boolean[] held = new boolean[keys.size()];
        for (int attempt = 0; ; attempt++) {
            Map<Integer, Long> versions = versions(partitions);
            boolean settled = versions.values().stream().allMatch(v -> v % 2 == 0);
            boolean anyHeld = false;
            if (settled) {
                // Partition by partition, each in one visit to its node: every item and its lock,
                // then (nothing held so far) every lock again.
                byte[][] read = new byte[keys.size()][];
                for (Map.Entry<Integer, List<Integer>> share : byPartition.entrySet()) {
                    List<LocalPartitionReads.HeldItem> got = items.heldItems(share.getKey(), storeKeys(keys, share.getValue()), true);
                    for (int j = 0; j < got.size(); j++) {
                        int i = share.getValue().get(j);
                        read[i] = got.get(j).item();
                        held[i] = got.get(j).held();
                        anyHeld |= held[i];
                    }
                }
                for (Map.Entry<Integer, List<Integer>> share : byPartition.entrySet()) {
                    if (anyHeld) {
                        break;
                    }
                    List<LocalPartitionReads.HeldItem> got = items.heldItems(share.getKey(), storeKeys(keys, share.getValue()), false);
                    for (int j = 0; j < got.size(); j++) {
                        int i = share.getValue().get(j);
                        held[i] = got.get(j).held();
                        anyHeld |= held[i];
                    }
                }
                if (!anyHeld && versions.equals(versions(partitions))) {
                    return Arrays.asList(read);
                }
            }
            if (System.nanoTime() > deadline) {
                if (!anyHeld) {
                    throw Errors.internal("Could not read a consistent snapshot; retry");
                }
                List<CancellationReason> reasons = new ArrayList<>();
                for (boolean h : held) {
                    reasons.add(h ? CancellationReason.transactionConflict() : CancellationReason.none());
                }
                throw Errors.transactionCanceled(reasons);
            }
            pause(attempt);
        }
    }

    private Map<Integer, Long> versions(TreeSet<Integer> partitions) {
        Map<Integer, Long> versions = new HashMap<>();
        for (int p : partitions) {
            versions.put(p, items.transactionVersion(p));
        }
        return versions;
    }

    private static List<LocalPartitionReads.StoreKey> storeKeys(List<ItemKey> keys, List<Integer> indexes) {
        List<LocalPartitionReads.StoreKey> share = new ArrayList<>(indexes.size());
        for (int i : indexes) {
            ItemKey k = keys.get(i);
            share.add(new LocalPartitionReads.StoreKey(ItemStoreKeys.tableIdBytes(k.table().tableId()), k.primaryKey()));
        }
        return share;
    }

    private static void pause(int attempt) {
        try {
            if (attempt < 10) {
                Thread.onSpinWait();
                Thread.sleep(0, 200_000);
            } else {
                Thread.sleep(2);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Errors.internal("interrupted");
        }
    }
}
