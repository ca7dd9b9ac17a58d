package dev.dynalog.streams.index;

import dev.dynalog.streams.state.KeyRange;
import java.util.Arrays;
import org.apache.kafka.common.utils.Bytes;

/**
 * Key layout of the {@code index-entries} store, one RocksDB store per index-log partition,
 * shared by every global index:
 *
 * <pre>
 *   [index id: 16 bytes][0x00]             → the index's statistics in this partition (TableStats)
 *   [index id: 16 bytes][0x01][entry key]  → the entry's projected attributes (core ItemCodec)
 * </pre>
 *
 * <p>The statistics, rewritten by every update, live in a store of their own,
 * {@code index-statistics}, cached until each commit (as the items' counters, see ItemStoreKeys).
 *
 * <p>The entry key (core IndexEntryCodec) starts with the index partition key, so an index Query
 * is a range scan, as for a table.
 */
public final class GlobalIndexStoreKeys {
    public static final int INDEX_ID_LENGTH = 16;
    /** The kind byte of a statistics key. */
    public static final byte STATS = 0x00;
    private static final byte ENTRY = 0x01;

    private GlobalIndexStoreKeys() {
    }

    public static Bytes stats(byte[] indexId) {
        byte[] key = Arrays.copyOf(indexId, INDEX_ID_LENGTH + 1);
        key[INDEX_ID_LENGTH] = STATS;
        return Bytes.wrap(key);
    }

    public static Bytes entry(byte[] indexId, byte[] entryKey) {
        return Bytes.wrap(entryPrefix(indexId, entryKey));
    }

    /** The store-key prefix of the index's entries whose entry keys start with {@code entryKeyPrefix}. */
    public static byte[] entryPrefix(byte[] indexId, byte[] entryKeyPrefix) {
        byte[] key = new byte[INDEX_ID_LENGTH + 1 + entryKeyPrefix.length];
        System.arraycopy(indexId, 0, key, 0, INDEX_ID_LENGTH);
        key[INDEX_ID_LENGTH] = ENTRY;
        System.arraycopy(entryKeyPrefix, 0, key, INDEX_ID_LENGTH + 1, entryKeyPrefix.length);
        return key;
    }

    /** The entry key inside an entry's store key. */
    public static byte[] entryKey(byte[] storeKey) {
        return Arrays.copyOfRange(storeKey, INDEX_ID_LENGTH + 1, storeKey.length);
    }

    /** Every key of the index, statistics included. */
    public static KeyRange everything(byte[] indexId) {
        return KeyRange.withPrefix(indexId);
    }

    /** Every entry of the index. */
    public static KeyRange allEntries(byte[] indexId) {
        return KeyRange.withPrefix(entryPrefix(indexId, new byte[0]));
    }
}
