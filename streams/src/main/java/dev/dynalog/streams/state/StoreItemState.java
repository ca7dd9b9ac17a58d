package dev.dynalog.streams.state;

import java.util.function.Predicate;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * {@link ItemState} over Kafka Streams key-value stores (RocksDB underneath), read-only when given
 * interactive-query stores, writable when given the processor's own. Counters go to the
 * statistics store and everything else to the items store (see {@link ItemStoreKeys#isStatistic});
 * a replay's scratch store may be both.
 */
public class StoreItemState implements MutableItemState {
    private final ReadOnlyKeyValueStore<Bytes, byte[]> items;
    private final ReadOnlyKeyValueStore<Bytes, byte[]> statistics;
    private final KeyValueStore<Bytes, byte[]> itemsWriter;
    private final KeyValueStore<Bytes, byte[]> statisticsWriter;

    private StoreItemState(ReadOnlyKeyValueStore<Bytes, byte[]> items, ReadOnlyKeyValueStore<Bytes, byte[]> statistics,
                           KeyValueStore<Bytes, byte[]> itemsWriter, KeyValueStore<Bytes, byte[]> statisticsWriter) {
        this.items = items;
        this.statistics = statistics;
        this.itemsWriter = itemsWriter;
        this.statisticsWriter = statisticsWriter;
    }

    public static MutableItemState writable(KeyValueStore<Bytes, byte[]> items, KeyValueStore<Bytes, byte[]> statistics) {
        return new StoreItemState(items, statistics, items, statistics);
    }

    /** One store holding items and counters alike. */
    public static MutableItemState writable(KeyValueStore<Bytes, byte[]> store) {
        return writable(store, store);
    }

    public static ItemState readOnly(ReadOnlyKeyValueStore<Bytes, byte[]> items,
                                     ReadOnlyKeyValueStore<Bytes, byte[]> statistics) {
        return new StoreItemState(items, statistics, null, null);
    }

    /** One store holding items and counters alike. */
    public static ItemState readOnly(ReadOnlyKeyValueStore<Bytes, byte[]> store) {
        return readOnly(store, store);
    }

    @Override
    public byte[] item(byte[] tableId, byte[] primaryKey) {
        return items.get(ItemStoreKeys.item(tableId, primaryKey));
    }

    @Override
    public TableStats stats(byte[] tableId) {
        return TableStats.decode(statistics.get(ItemStoreKeys.stats(tableId)));
    }

    @Override
    public byte[] get(Bytes storeKey) {
        return reader(storeKey).get(storeKey);
    }

    @Override
    public void put(Bytes storeKey, byte[] value) {
        writer(storeKey).put(storeKey, value);
    }

    @Override
    public void delete(Bytes storeKey) {
        writer(storeKey).delete(storeKey);
    }

    /**
     * Scans the items store, and the statistics store too when the range reaches past one kind of
     * key (a whole table's): then each store's keys come in order, the statistics' after the items'.
     */
    @Override
    public void scan(KeyRange range, boolean reverse, Predicate<StoredItem> visitor) {
        if (range.isEmpty()) {
            return;
        }
        if (!scan(items, range, reverse, visitor)) {
            return;
        }
        boolean wholeTable = range.from() != null && range.from().length <= ItemStoreKeys.TABLE_ID_LENGTH;
        if (statistics != items && wholeTable) {
            scan(statistics, range, reverse, visitor);
        }
    }

    /** False once the visitor asked to stop. */
    private static boolean scan(ReadOnlyKeyValueStore<Bytes, byte[]> store, KeyRange range, boolean reverse,
                                Predicate<StoredItem> visitor) {
        Bytes from = range.from() == null ? null : Bytes.wrap(range.from());
        Bytes to = range.to() == null ? null : Bytes.wrap(range.to());
        try (KeyValueIterator<Bytes, byte[]> it = reverse ? store.reverseRange(from, to) : store.range(from, to)) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                byte[] key = kv.key.get();
                if (!range.contains(key)) {
                    continue;
                }
                if (!visitor.test(new StoredItem(key, kv.value))) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public void putItem(byte[] tableId, byte[] primaryKey, byte[] item) {
        itemsWriter.put(ItemStoreKeys.item(tableId, primaryKey), item);
    }

    @Override
    public void deleteItem(byte[] tableId, byte[] primaryKey) {
        itemsWriter.delete(ItemStoreKeys.item(tableId, primaryKey));
    }

    @Override
    public void putStats(byte[] tableId, TableStats stats) {
        statisticsWriter.put(ItemStoreKeys.stats(tableId), stats.encode());
    }

    @Override
    public void deleteStats(byte[] tableId) {
        statisticsWriter.delete(ItemStoreKeys.stats(tableId));
    }

    private ReadOnlyKeyValueStore<Bytes, byte[]> reader(Bytes storeKey) {
        return ItemStoreKeys.isStatistic(storeKey.get()) ? statistics : items;
    }

    private KeyValueStore<Bytes, byte[]> writer(Bytes storeKey) {
        return ItemStoreKeys.isStatistic(storeKey.get()) ? statisticsWriter : itemsWriter;
    }
}
