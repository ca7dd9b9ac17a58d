package dev.dynalog.connectors.dynamodbstreams;

/**
 * Shard ids: a stream has one shard per change-topic partition, named
 * {@code shardId-<partition, 20 digits>-<first 8 hex digits of the table id>} (DynamoDB's shard
 * ids are 28 to 65 characters and start with {@code shardId-}).
 */
public final class Shards {
    private static final String PREFIX = "shardId-";

    private Shards() {
    }

    public static String id(int partition, String tableId) {
        return PREFIX + String.format("%020d", partition) + "-" + tableId.substring(0, 8);
    }

    /** The partition of a shard of this table, or -1 if the id names no shard of it. */
    public static int partition(String shardId, String tableId, int partitions) {
        if (shardId == null || !shardId.startsWith(PREFIX) || !shardId.endsWith("-" + tableId.substring(0, 8))) {
            return -1;
        }
        try {
            int p = Integer.parseInt(shardId.substring(PREFIX.length(), PREFIX.length() + 20));
            return p < partitions ? p : -1;
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
