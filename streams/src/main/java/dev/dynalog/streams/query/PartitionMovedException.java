package dev.dynalog.streams.query;

/**
 * A read was sent to a node that does not run the partition's active task (any more), or could
 * not reach it: the sender's view of the assignment is stale, a rebalance moved the task or is
 * about to. Look the owner up again.
 */
public final class PartitionMovedException extends RuntimeException {
    public PartitionMovedException(String message) {
        super(message, null, false, false);
    }
}
