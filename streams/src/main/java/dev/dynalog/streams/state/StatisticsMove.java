package dev.dynalog.streams.state;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Moves the counters that dynalog kept among a task's items (or global index entries) before it
 * had a store for them (see {@link ItemStoreKeys#isStatistic}) into that store, once per task: a
 * mark in the counters' store says it was done. Left where they were, a stale value would come
 * back whenever the new store's value of a counter was deleted. Both stores' keys start with a
 * 16-byte table (or index) id followed by a kind byte; the counters are the keys of the given kinds.
 */
public final class StatisticsMove {
    private static final Bytes MOVED = Bytes.wrap(new byte[] {'m'});
    /** The kinds of {@link ItemStoreKeys#isStatistic}. */
    public static final byte[] ITEM_COUNTERS = {0x00, 0x03, 0x05};

    private StatisticsMove() {
    }

    /** Moves them unless that was done; true if it moved any. */
    public static boolean moveOnce(KeyValueStore<Bytes, byte[]> items, KeyValueStore<Bytes, byte[]> statistics,
                                   byte... counterKinds) {
        if (statistics.get(MOVED) != null) {
            return false;
        }
        List<KeyValue<Bytes, byte[]>> counters = new ArrayList<>();
        byte[] tableId = firstTableAtOrAfter(items, null);
        while (tableId != null) {
            for (byte kind : counterKinds) {
                collect(items, KeyRange.withPrefix(ItemStoreKeys.concat(tableId, new byte[] {kind})), counters);
            }
            byte[] next = KeyRange.prefixEnd(tableId);
            tableId = next == null ? null : firstTableAtOrAfter(items, next);
        }
        for (KeyValue<Bytes, byte[]> counter : counters) {
            statistics.put(counter.key, counter.value);
            items.delete(counter.key);
        }
        statistics.put(MOVED, new byte[0]);
        return !counters.isEmpty();
    }

    /** Every key of the items store starts with a table id: the first at or after {@code from}. */
    private static byte[] firstTableAtOrAfter(KeyValueStore<Bytes, byte[]> items, byte[] from) {
        try (KeyValueIterator<Bytes, byte[]> it = from == null ? items.all() : items.range(Bytes.wrap(from), null)) {
            if (!it.hasNext()) {
                return null;
            }
            byte[] key = it.next().key.get();
            return Arrays.copyOf(key, ItemStoreKeys.TABLE_ID_LENGTH);
        }
    }

    private static void collect(KeyValueStore<Bytes, byte[]> store, KeyRange range, List<KeyValue<Bytes, byte[]>> into) {
        try (KeyValueIterator<Bytes, byte[]> it = store.range(Bytes.wrap(range.from()),
                range.to() == null ? null : Bytes.wrap(range.to()))) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                if (range.contains(kv.key.get())) {
                    into.add(kv);
                }
            }
        }
    }
}
