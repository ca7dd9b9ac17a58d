package dev.dynalog.streams.state;

import java.util.function.Predicate;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * {@link ItemState} over a Kafka Streams key-value store (RocksDB underneath), read-only when
 * given an interactive-query store, writable when given the processor's own store.
 */
public class StoreItemState implements MutableItemState {
    private final ReadOnlyKeyValueStore<Bytes, byte[]> reader;
    private final KeyValueStore<Bytes, byte[]> writer;

    private StoreItemState(ReadOnlyKeyValueStore<Bytes, byte[]> reader, KeyValueStore<Bytes, byte[]> writer) {
        this.reader = reader;
        this.writer = writer;
    }

    public static MutableItemState writable(KeyValueStore<Bytes, byte[]> store) {
        return new StoreItemState(store, store);
    }

    public static ItemState readOnly(ReadOnlyKeyValueStore<Bytes, byte[]> store) {
        return new StoreItemState(store, null);
    }

    @Override
    public byte[] item(byte[] tableId, byte[] primaryKey) {
        return reader.get(ItemStoreKeys.item(tableId, primaryKey));
    }

    @Override
    public TableStats stats(byte[] tableId) {
        return TableStats.decode(reader.get(ItemStoreKeys.stats(tableId)));
    }

    @Override
    public byte[] get(Bytes storeKey) {
        return reader.get(storeKey);
    }

    @Override
    public void put(Bytes storeKey, byte[] value) {
        writer.put(storeKey, value);
    }

    @Override
    public void delete(Bytes storeKey) {
        writer.delete(storeKey);
    }

    @Override
    public void scan(KeyRange range, boolean reverse, Predicate<StoredItem> visitor) {
        if (range.isEmpty()) {
            return;
        }
        Bytes from = range.from() == null ? null : Bytes.wrap(range.from());
        Bytes to = range.to() == null ? null : Bytes.wrap(range.to());
        try (KeyValueIterator<Bytes, byte[]> it = reverse ? reader.reverseRange(from, to) : reader.range(from, to)) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                byte[] key = kv.key.get();
                if (!range.contains(key)) {
                    continue;
                }
                if (!visitor.test(new StoredItem(key, kv.value))) {
                    return;
                }
            }
        }
    }

    @Override
    public void putItem(byte[] tableId, byte[] primaryKey, byte[] item) {
        writer.put(ItemStoreKeys.item(tableId, primaryKey), item);
    }

    @Override
    public void deleteItem(byte[] tableId, byte[] primaryKey) {
        writer.delete(ItemStoreKeys.item(tableId, primaryKey));
    }

    @Override
    public void putStats(byte[] tableId, TableStats stats) {
        writer.put(ItemStoreKeys.stats(tableId), stats.encode());
    }

    @Override
    public void deleteStats(byte[] tableId) {
        writer.delete(ItemStoreKeys.stats(tableId));
    }
}
