package dev.dynalog.streams.transaction;

/** Which transaction, if any, holds an item: all a single-item write needs of the transaction state. */
public interface LockView {
    /** A view for a partition that holds no prepared share, and so no lock. */
    LockView NONE = (tableId, primaryKey) -> null;

    /** The id of the transaction holding the item, or null when it is free. */
    byte[] lockHolder(byte[] tableId, byte[] primaryKey);
}
