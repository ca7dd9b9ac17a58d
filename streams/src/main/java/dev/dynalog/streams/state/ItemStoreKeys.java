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
 * </pre>
 *
 * <p>The encoded primary key is core's KeyCodec encoding (partition key, then sort key), whose
 * unsigned byte order is DynamoDB's key order; so one partition key's items are one contiguous
 * range in sort-key order, and a Query is a range scan.
 */
public final class ItemStoreKeys {
    public static final int TABLE_ID_LENGTH = 16;
    private static final byte STATS = 0x00;
    private static final byte ITEM = 0x01;

    private ItemStoreKeys() {
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
}
