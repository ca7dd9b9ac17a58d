package dev.dynalog.core.capacity;

/**
 * DynamoDB's capacity units, as reported in ConsumedCapacity, computed from item sizes
 * ({@link dev.dynalog.core.size.ItemSize}).
 *
 * <p>The rules, from DynamoDB's documentation (the API reference's notes on GetItem, BatchGetItem,
 * Query, Scan, BatchWriteItem and the Developer Guide's capacity chapter):
 * <ul>
 *   <li>One read unit is a strongly consistent read of up to 4 KB; an eventually consistent read
 *       costs half as much, a transactional read twice as much. Sizes round up to the next 4 KB.</li>
 *   <li>A read that finds nothing still costs the minimum for its kind ("requests for nonexistent
 *       items consume the minimum read capacity units according to the type of read"); so does
 *       a Query or Scan page that reads nothing ("queries that do not return results consume the
 *       minimum number of read capacity units for that type of read operation"). DynamoDB Local
 *       2.6.1 reports 0 for an empty Query and for missing keys in BatchGetItem; we follow the
 *       documentation.</li>
 *   <li>Query and Scan charge the total size of all items they read (before any filter, whatever
 *       the projection), rounded up once; BatchGetItem and BatchWriteItem charge each item as its
 *       own request, each rounded up on its own.</li>
 *   <li>One write unit is a write of up to 1 KB, rounded up, at least 1; a transactional write
 *       costs twice as much. Put and Update charge the larger of the old and the new item;
 *       Delete charges the deleted item, and 1 unit when there was none. A write whose condition
 *       fails charges the existing item (1 unit when there is none).</li>
 * </ul>
 *
 * <p>Read units come in steps of 0.5 and write units in whole steps, so a {@code double} holds
 * them exactly, and sums of them stay exact.
 */
public final class CapacityUnits {
    /** Bytes per read unit. */
    public static final long READ_UNIT_BYTES = 4 * 1024;
    /** Bytes per write unit. */
    public static final long WRITE_UNIT_BYTES = 1024;

    /** How a read is served, which decides its price per 4 KB. */
    public enum ReadKind {
        EVENTUALLY_CONSISTENT(1), STRONGLY_CONSISTENT(2), TRANSACTIONAL(4);

        /** Cost of one 4 KB step in half units. */
        private final long halfUnitsPerStep;

        ReadKind(long halfUnitsPerStep) {
            this.halfUnitsPerStep = halfUnitsPerStep;
        }

        /** The kind of a GetItem, Query or Scan with the request's ConsistentRead flag. */
        public static ReadKind of(boolean consistentRead) {
            return consistentRead ? STRONGLY_CONSISTENT : EVENTUALLY_CONSISTENT;
        }
    }

    private CapacityUnits() {
    }

    /**
     * Read units of one read request: GetItem (the item's size, 0 if it does not exist), one key
     * of a BatchGetItem, or a Query or Scan page (the total size of every item it read).
     */
    public static double read(long bytes, ReadKind kind) {
        return steps(bytes, READ_UNIT_BYTES) * kind.halfUnitsPerStep / 2.0;
    }

    /**
     * Write units of one write of {@code bytes}: for Put and Update the larger of the old and new
     * item's sizes, for Delete the old item's size (0 if there was none).
     */
    public static double write(long bytes) {
        return steps(bytes, WRITE_UNIT_BYTES);
    }

    /** Write units of a Put or Update that replaced an item of {@code oldBytes} by one of {@code newBytes}. */
    public static double write(long oldBytes, long newBytes) {
        return write(Math.max(oldBytes, newBytes));
    }

    /** Write units of one item of a TransactWriteItems: twice a plain write. */
    public static double transactionalWrite(long bytes) {
        return 2 * write(bytes);
    }

    /** Size steps, rounded up, never fewer than one: even an empty read or write costs a step. */
    private static long steps(long bytes, long unitBytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("negative size " + bytes);
        }
        return Math.max(1, (bytes + unitBytes - 1) / unitBytes);
    }
}
