package dev.dynalog.streams.processor;

/**
 * What a command did to a partition's state. Events are produced by {@link CommandDecider} and
 * applied only by {@link ItemEventApplier}; they carry everything the applier needs, so applying
 * them reads nothing but the statistics it adjusts.
 */
public sealed interface ItemEvent {

    byte[] tableId();

    /** An item was created or replaced. {@code oldItem} is null when it was created. */
    record ItemWritten(byte[] tableId, byte[] primaryKey, byte[] newItem, long newSize, byte[] oldItem, long oldSize)
            implements ItemEvent {
    }

    /** An existing item was removed. */
    record ItemRemoved(byte[] tableId, byte[] primaryKey, byte[] oldItem, long oldSize) implements ItemEvent {
    }

    /** Every item of the table in this partition was removed (the table is being deleted). */
    record TablePurged(byte[] tableId) implements ItemEvent {
    }
}
