package dev.dynalog.streams.processor;

/**
 * What a command did to a partition's state. Events are produced by {@link CommandDecider} and
 * applied only by {@link ItemEventApplier}; they carry everything the applier needs, so applying
 * them reads nothing but the statistics it adjusts.
 */
public sealed interface ItemEvent {

    byte[] tableId();

    /**
     * An item was created or replaced. {@code oldItem} is null when it was created;
     * {@code digestChange} is the new item's hash less the old one's (see ItemDigest).
     */
    record ItemWritten(byte[] tableId, byte[] primaryKey, byte[] newItem, long newSize, byte[] oldItem, long oldSize,
                       long digestChange) implements ItemEvent {
    }

    /** An existing item was removed; {@code oldDigest} is its hash. */
    record ItemRemoved(byte[] tableId, byte[] primaryKey, byte[] oldItem, long oldSize, long oldDigest)
            implements ItemEvent {
    }

    /**
     * Everything of the table in this partition was removed (the table is being deleted): items,
     * local index entries, statistics, index definitions.
     */
    record TablePurged(byte[] tableId) implements ItemEvent {
    }

    /** The table's index definitions from here on (Avro DefineIndexes, as the command carried them). */
    record IndexesDefined(byte[] tableId, byte[] definitions) implements ItemEvent {
    }

    /**
     * A local index entry was written. {@code addedEntries} is 1 for a new entry, 0 for a
     * replaced one; {@code addedBytes} and {@code digestChange} the change in the index's size and
     * checksum.
     */
    record LocalIndexEntryWritten(byte[] tableId, byte[] indexId, byte[] entryKey, byte[] entry, long addedEntries,
                                  long addedBytes, long digestChange) implements ItemEvent {
    }

    /** A local index entry was removed; {@code removedBytes} its size, {@code removedDigest} its hash. */
    record LocalIndexEntryRemoved(byte[] tableId, byte[] indexId, byte[] entryKey, long removedBytes,
                                  long removedDigest) implements ItemEvent {
    }

    /** The item collection of a partition key (items and local index entries) has a new size. */
    record CollectionSizeChanged(byte[] tableId, byte[] partitionKey, long sizeBytes) implements ItemEvent {
    }
}
