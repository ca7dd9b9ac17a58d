package dev.dynalog.streams.transaction;

import dev.dynalog.schemas.transaction.CoordinatorRecord;
import dev.dynalog.schemas.transaction.PreparedShare;
import dev.dynalog.schemas.transaction.TokenRecord;
import dev.dynalog.streams.state.ItemState;
import dev.dynalog.streams.state.KeyRange;
import dev.dynalog.streams.state.StoreItemState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * {@link TransactionState} over a Kafka Streams key-value store: writable over the processor's own
 * store, read-only over an interactive-query store. Records are kept in Avro's single-object
 * encoding, so a later dynalog can tell and read what an earlier one stored.
 */
public final class StoreTransactionState implements MutableTransactionState {
    private final ReadOnlyKeyValueStore<Bytes, byte[]> reader;
    private final KeyValueStore<Bytes, byte[]> writer;
    /** The same store, for its range scans. */
    private final ItemState keys;

    private StoreTransactionState(ReadOnlyKeyValueStore<Bytes, byte[]> reader, KeyValueStore<Bytes, byte[]> writer) {
        this.reader = reader;
        this.writer = writer;
        this.keys = StoreItemState.readOnly(reader);
    }

    public static MutableTransactionState writable(KeyValueStore<Bytes, byte[]> store) {
        return new StoreTransactionState(store, store);
    }

    public static TransactionState readOnly(ReadOnlyKeyValueStore<Bytes, byte[]> store) {
        return new StoreTransactionState(store, null);
    }

    @Override
    public byte[] lockHolder(byte[] tableId, byte[] primaryKey) {
        return reader.get(TransactionStoreKeys.lock(tableId, primaryKey));
    }

    @Override
    public PreparedShare prepared(byte[] transactionId) {
        byte[] v = reader.get(TransactionStoreKeys.prepared(transactionId));
        return v == null ? null : decode(() -> PreparedShare.fromByteBuffer(ByteBuffer.wrap(v)));
    }

    @Override
    public CoordinatorRecord decision(byte[] transactionId) {
        byte[] v = reader.get(TransactionStoreKeys.decision(transactionId));
        return v == null ? null : decode(() -> CoordinatorRecord.fromByteBuffer(ByteBuffer.wrap(v)));
    }

    @Override
    public TokenRecord token(String token) {
        byte[] v = reader.get(TransactionStoreKeys.token(token));
        return v == null ? null : decode(() -> TokenRecord.fromByteBuffer(ByteBuffer.wrap(v)));
    }

    @Override
    public void forEachPrepared(BiConsumer<byte[], PreparedShare> visitor) {
        keys.scan(KeyRange.withPrefix(new byte[] {TransactionStoreKeys.PREPARED}), false, stored -> {
            byte[] k = stored.storeKey();
            visitor.accept(Arrays.copyOfRange(k, 1, k.length),
                    decode(() -> PreparedShare.fromByteBuffer(ByteBuffer.wrap(stored.value()))));
            return true;
        });
    }

    @Override
    public List<Bytes> expiriesUpTo(long time, int max) {
        List<Bytes> expired = new ArrayList<>();
        KeyRange range = new KeyRange(TransactionStoreKeys.firstExpiry().get(), true,
                TransactionStoreKeys.expiriesUpTo(time).get(), false);
        keys.scan(range, false, stored -> {
            expired.add(Bytes.wrap(stored.storeKey()));
            return expired.size() < max;
        });
        return expired;
    }

    @Override
    public void put(Bytes key, byte[] value) {
        writer.put(key, value);
    }

    @Override
    public void delete(Bytes key) {
        writer.delete(key);
    }

    @Override
    public void deletePrefix(byte[] prefix) {
        List<Bytes> found = new ArrayList<>();
        keys.scan(KeyRange.withPrefix(prefix), false, stored -> found.add(Bytes.wrap(stored.storeKey())));
        found.forEach(writer::delete);
    }

    private interface Decoding<T> {
        T decode() throws IOException;
    }

    private static <T> T decode(Decoding<T> decoding) {
        try {
            return decoding.decode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
