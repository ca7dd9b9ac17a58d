package dev.dynalog.streams.state;

import java.util.Arrays;
import java.util.HexFormat;
import org.apache.kafka.common.utils.Bytes;

/**
 * Key layout of the {@code items} store, one RocksDB store per task shared by every table whose
 * log partition the task owns:
 *
 * <pre>
 *   [table id: 16 bytes][0x00]                     → table statistics of this partition (see TableStats)
 *   [table id: 16 bytes][0x01][encoded primary key] → the item (core ItemCodec)
 *   [table id][0x02][index id: 16 bytes][entry key]  → a local index entry (projected attributes, ItemCodec)
 *   [table id][0x03][encoded partition key value]   → the item collection's size in bytes (tables with local indexes)
 *   [table id][0x04]                                → the table's index definitions (Avro DefineIndexes)
 *   [table id][0x05][index id]                      → a local index's statistics (TableStats)
 * </pre>
 *
 * <p>Everything of a table lies under its 16-byte id, so purging a table is one prefix.
 *
 * <p>The counters (kinds 0x00, 0x03 and 0x05: {@link #isStatistic}) are rewritten by every write
 * of the table, so they live in a store of their own, the {@code statistics} store, whose cache
 * keeps the latest value of each until Kafka Streams commits: one store write and one changelog
 * record per counter and commit instead of per write. The layout of their keys is the same.
 *
 * <p>The encoded primary key is core's KeyCodec encoding (partition key, then sort key), whose
 * unsigned byte order is DynamoDB's key order; so one partition key's items are one contiguous
 * range in sort-key order, and a Query is a range scan.
 */
public final class ItemStoreKeys {
    public static final int TABLE_ID_LENGTH = 16;
    private static final byte STATS = 0x00;
    private static final byte ITEM = 0x01;
    private static final byte LOCAL_INDEX_ENTRY = 0x02;
    private static final byte COLLECTION_SIZE = 0x03;
    private static final byte INDEX_DEFINITIONS = 0x04;
    private static final byte LOCAL_INDEX_STATS = 0x05;

    private ItemStoreKeys() {
    }

    /** Whether the key is a counter's (statistics, item collection size, local index statistics). */
    public static boolean isStatistic(byte[] storeKey) {
        if (storeKey.length <= TABLE_ID_LENGTH) {
            return false;
        }
        byte kind = storeKey[TABLE_ID_LENGTH];
        return kind == STATS || kind == COLLECTION_SIZE || kind == LOCAL_INDEX_STATS;
    }

    /** The 16 bytes of a table id given as 32 hex digits. */
    public static byte[] tableIdBytes(String tableIdHex) {
        byte[] id = HexFormat.of().parseHex(tableIdHex);
        if (id.length != TABLE_ID_LENGTH) {
            throw new IllegalArgumentException("table id must have 16 bytes: " + tableIdHex);
        }
        return id;
    }

    public static Bytes item(byte[] tableId, byte[] primaryKey) {
        byte[] key = new byte[TABLE_ID_LENGTH + 1 + primaryKey.length];
        System.arraycopy(tableId, 0, key, 0, TABLE_ID_LENGTH);
        key[TABLE_ID_LENGTH] = ITEM;
        System.arraycopy(primaryKey, 0, key, TABLE_ID_LENGTH + 1, primaryKey.length);
        return Bytes.wrap(key);
    }

    public static Bytes stats(byte[] tableId) {
        byte[] key = Arrays.copyOf(tableId, TABLE_ID_LENGTH + 1);
        key[TABLE_ID_LENGTH] = STATS;
        return Bytes.wrap(key);
    }

    /** The encoded primary key inside an item's store key. */
    public static byte[] primaryKey(Bytes itemKey) {
        byte[] k = itemKey.get();
        return Arrays.copyOfRange(k, TABLE_ID_LENGTH + 1, k.length);
    }

    /** Every item key of the table: those starting with [table id][0x01]. */
    public static KeyRange allItems(byte[] tableId) {
        return KeyRange.withPrefix(item(tableId, new byte[0]).get());
    }

    /** Every key of the table, whatever it holds. */
    public static KeyRange everything(byte[] tableId) {
        return KeyRange.withPrefix(tableId);
    }

    public static Bytes indexDefinitions(byte[] tableId) {
        return Bytes.wrap(concat(tableId, new byte[] {INDEX_DEFINITIONS}));
    }

    public static Bytes collectionSize(byte[] tableId, byte[] encodedPartitionKey) {
        return Bytes.wrap(concat(tableId, new byte[] {COLLECTION_SIZE}, encodedPartitionKey));
    }

    public static Bytes localIndexEntry(byte[] tableId, byte[] indexId, byte[] entryKey) {
        return Bytes.wrap(concat(tableId, new byte[] {LOCAL_INDEX_ENTRY}, indexId, entryKey));
    }

    /** Every entry key of one local index: the prefix of {@link #localIndexEntry} without an entry key. */
    public static byte[] localIndexPrefix(byte[] tableId, byte[] indexId) {
        return concat(tableId, new byte[] {LOCAL_INDEX_ENTRY}, indexId);
    }

    public static Bytes localIndexStats(byte[] tableId, byte[] indexId) {
        return Bytes.wrap(concat(tableId, new byte[] {LOCAL_INDEX_STATS}, indexId));
    }

    /** The parts one after another. */
    public static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
