package dev.dynalog.bench;

/**
 * The backfill of a global secondary index added to a filled table: UpdateTable creates the index
 * on the bench table (hash pk, range sk, projection ALL, so every item is copied whole) and the
 * time until DescribeTable reports it ACTIVE gives the rate in items per second.
 */
final class GsiBackfill {
    static final String WORKLOAD = "gsi-backfill";
    private static final String INDEX = "backfilled";

    private GsiBackfill() {
    }

    /** Adds the index to the table of {@code items} items; returns the seconds until it is ACTIVE. */
    static double run(LeanClient client, String table) throws InterruptedException {
        long started = System.nanoTime();
        client.call("UpdateTable", "{\"TableName\":\"" + table + "\",\"AttributeDefinitions\":["
                + "{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"},{\"AttributeName\":\"sk\",\"AttributeType\":\"N\"}],"
                + "\"GlobalSecondaryIndexUpdates\":[{\"Create\":{\"IndexName\":\"" + INDEX + "\",\"KeySchema\":["
                + "{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},{\"AttributeName\":\"sk\",\"KeyType\":\"RANGE\"}],"
                + "\"Projection\":{\"ProjectionType\":\"ALL\"}}}]}");
        while (!client.call("DescribeTable", "{\"TableName\":\"" + table + "\"}").contains("\"TableStatus\":\"ACTIVE\"")) {
            Thread.sleep(200);
        }
        return (System.nanoTime() - started) / 1e9;
    }
}
