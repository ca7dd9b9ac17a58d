package dev.dynalog.streams.processor;

/**
 * The outcome of one command, handed to the node whose client waits for it.
 *
 * @param returnedItem  the item to return to the client in its stored encoding (the old item for
 *                      ALL_OLD, the projected image for UPDATED_OLD/UPDATED_NEW, the old item of a
 *                      failed condition when asked for), or null
 * @param message       why the command was not applied (for {@link Outcome#INVALID}), else null
 * @param capacityBytes the item size that DynamoDB's write-capacity rules charge for
 * @param logOffset     the command's offset in its log partition
 * @param collectionSizeBytes the size of the written item's collection after the write, for a
 *                      table with local indexes; -1 otherwise
 * @param resumeKey     for a backfill step that filled its share, the encoded primary key the next
 *                      step starts after; null when the partition is done (and for other commands)
 * @param transaction   what a transaction's command decided, or null for other commands
 */
public record CommandResult(Outcome outcome, byte[] returnedItem, String message, long capacityBytes, long logOffset,
                            long collectionSizeBytes, byte[] resumeKey, TransactionResult transaction) {

    public enum Outcome {
        APPLIED,
        /** The command's condition was false against the item at its log position; nothing changed. */
        CONDITION_FAILED,
        /** The command cannot apply to the item as it is (e.g. ADD to a string); nothing changed. */
        INVALID,
        /** The write would grow its item collection past the table's limit; nothing changed. */
        COLLECTION_TOO_LARGE,
        /** The item is held by a transaction in flight; nothing changed. */
        TRANSACTION_CONFLICT,
        /** The command could not be decoded or named a table unknown to this partition. */
        REJECTED
    }

    public static CommandResult applied(byte[] returnedItem, long capacityBytes) {
        return new CommandResult(Outcome.APPLIED, returnedItem, null, capacityBytes, -1, -1, null, null);
    }

    public static CommandResult conditionFailed(byte[] oldItem, long capacityBytes) {
        return new CommandResult(Outcome.CONDITION_FAILED, oldItem, null, capacityBytes, -1, -1, null, null);
    }

    public static CommandResult invalid(String message) {
        return new CommandResult(Outcome.INVALID, null, message, 0, -1, -1, null, null);
    }

    public static CommandResult collectionTooLarge() {
        return new CommandResult(Outcome.COLLECTION_TOO_LARGE, null, "Collection size exceeded.", 0, -1, -1, null, null);
    }

    public static CommandResult transactionConflict() {
        return new CommandResult(Outcome.TRANSACTION_CONFLICT, null, null, 0, -1, -1, null, null);
    }

    /** The result of a transaction's command. */
    public static CommandResult transaction(TransactionResult transaction) {
        return new CommandResult(Outcome.APPLIED, null, null, 0, -1, -1, null, transaction);
    }

    public static CommandResult rejected() {
        return new CommandResult(Outcome.REJECTED, null, null, 0, -1, -1, null, null);
    }

    /** A backfill step's result: where the next step starts, or null when the partition is done. */
    public static CommandResult backfilled(byte[] resumeKey) {
        return new CommandResult(Outcome.APPLIED, null, null, 0, -1, -1, resumeKey, null);
    }

    public CommandResult atOffset(long offset) {
        return new CommandResult(outcome, returnedItem, message, capacityBytes, offset, collectionSizeBytes, resumeKey,
                transaction);
    }

    public CommandResult withCollectionSize(long sizeBytes) {
        return new CommandResult(outcome, returnedItem, message, capacityBytes, logOffset, sizeBytes, resumeKey, transaction);
    }
}
