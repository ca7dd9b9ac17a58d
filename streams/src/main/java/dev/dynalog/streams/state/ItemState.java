package dev.dynalog.streams.state;

import java.util.function.Predicate;
import org.apache.kafka.common.utils.Bytes;

/**
 * Read-only view of one partition's items, used by command deciders and by the read path.
 * Items are returned in their stored encoding (core ItemCodec).
 */
public interface ItemState {

    /** The stored item, or null. */
    byte[] item(byte[] tableId, byte[] primaryKey);

    TableStats stats(byte[] tableId);

    /** The value under a store key of any kind (see ItemStoreKeys), or null. */
    byte[] get(Bytes storeKey);

    /**
     * Visits the items whose store keys lie in the range, in key order or reversed, until the
     * visitor returns false.
     */
    void scan(KeyRange range, boolean reverse, Predicate<StoredItem> visitor);

    /** An item as it lies in the store. */
    record StoredItem(byte[] storeKey, byte[] value) {
    }
}
