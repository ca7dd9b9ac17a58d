package dev.dynalog.streams.changes;

/**
 * Sequence numbers of change records, derived from the log position of the command that made the
 * change, so a replay of the log numbers its records the same way.
 *
 * <p>A sequence number is {@code offset × 1000 + index}: {@code offset} is the command's offset in
 * its command-log partition, {@code index} the change's position among the changes of that
 * command (one for an item write; a transaction touching several items of a partition will have
 * more, at most 100 as TransactWriteItems allows). It is written as 21 decimal digits with
 * leading zeros, DynamoDB Streams' minimum length, so within a shard (one partition) sequence
 * numbers grow with each record and compare the same as numbers and as text.
 */
public final class SequenceNumbers {
    /** Changes one command may make; the multiplier of the offset. */
    public static final int CHANGES_PER_COMMAND = 1000;
    private static final int DIGITS = 21;

    private SequenceNumbers() {
    }

    public static String of(long commandOffset, int index) {
        if (commandOffset < 0 || index < 0 || index >= CHANGES_PER_COMMAND) {
            throw new IllegalArgumentException("no sequence number for offset " + commandOffset + ", index " + index);
        }
        String digits = commandOffset + String.format("%03d", index);
        return "0".repeat(Math.max(0, DIGITS - digits.length())) + digits;
    }

    /** The command-log offset of the command that made the change with this sequence number. */
    public static long commandOffset(String sequenceNumber) {
        return Long.parseLong(sequenceNumber) / CHANGES_PER_COMMAND;
    }
}
