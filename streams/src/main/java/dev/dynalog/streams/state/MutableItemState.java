package dev.dynalog.streams.state;

import org.apache.kafka.common.utils.Bytes;

/** The writable face of a partition's items; only event appliers use it. */
public interface MutableItemState extends ItemState {

    void putItem(byte[] tableId, byte[] primaryKey, byte[] item);

    void deleteItem(byte[] tableId, byte[] primaryKey);

    void putStats(byte[] tableId, TableStats stats);

    void deleteStats(byte[] tableId);

    /** Writes a value under a store key of any kind (see ItemStoreKeys). */
    void put(Bytes storeKey, byte[] value);

    void delete(Bytes storeKey);
}
