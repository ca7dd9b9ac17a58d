package dev.dynalog.streams.processor;

/**
 * The outcome of one command, handed to the node whose client waits for it.
 *
 * @param returnedItem the item to return to the client in its stored encoding (e.g. the old item
 *                     for ReturnValues ALL_OLD), or null
 * @param logOffset    the command's offset in its log partition
 */
public record CommandResult(Outcome outcome, byte[] returnedItem, long logOffset) {

    public enum Outcome {
        APPLIED,
        /** The command could not be decoded or named a table unknown to this partition. */
        REJECTED
    }

    public CommandResult atOffset(long offset) {
        return new CommandResult(outcome, returnedItem, offset);
    }
}
