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
 */
public record CommandResult(Outcome outcome, byte[] returnedItem, String message, long capacityBytes, long logOffset) {

    public enum Outcome {
        APPLIED,
        /** The command's condition was false against the item at its log position; nothing changed. */
        CONDITION_FAILED,
        /** The command cannot apply to the item as it is (e.g. ADD to a string); nothing changed. */
        INVALID,
        /** The command could not be decoded or named a table unknown to this partition. */
        REJECTED
    }

    public static CommandResult applied(byte[] returnedItem, long capacityBytes) {
        return new CommandResult(Outcome.APPLIED, returnedItem, null, capacityBytes, -1);
    }

    public static CommandResult conditionFailed(byte[] oldItem, long capacityBytes) {
        return new CommandResult(Outcome.CONDITION_FAILED, oldItem, null, capacityBytes, -1);
    }

    public static CommandResult invalid(String message) {
        return new CommandResult(Outcome.INVALID, null, message, 0, -1);
    }

    public static CommandResult rejected() {
        return new CommandResult(Outcome.REJECTED, null, null, 0, -1);
    }

    public CommandResult atOffset(long offset) {
        return new CommandResult(outcome, returnedItem, message, capacityBytes, offset);
    }
}
