package dev.dynalog.streams.state;

/** The writable face of a partition's items; only event appliers use it. */
public interface MutableItemState extends ItemState {

    void putItem(byte[] tableId, byte[] primaryKey, byte[] item);

    void deleteItem(byte[] tableId, byte[] primaryKey);

    void putStats(byte[] tableId, TableStats stats);

    void deleteStats(byte[] tableId);
}
