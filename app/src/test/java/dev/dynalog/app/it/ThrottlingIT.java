package dev.dynalog.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynalog.app.node.NodeConfig;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Provisioned capacity made real, as DynamoDB documents it: a table gets its write capacity units
 * per second plus what it left unused (here 2 s of it, where DynamoDB keeps 300 s, so that the
 * burst is spent within the test); past that, writes get ProvisionedThroughputExceededException
 * with a ThrottlingReasons entry, which the AWS SDKs retry with backoff; a BatchWriteItem none of
 * whose writes the budget can take is refused the same way.
 */
class ThrottlingIT {
    private static final int WCU = 5;
    private static final double BURST_SECONDS = 2;

    private static TestNode node;
    private static RawDynamoDb raw;

    @BeforeAll
    static void startANodeWithAShortBurst() throws Exception {
        node = TestNode.start(Files.createTempDirectory("dynalog-throttling-"),
                c -> c.withThroughput(new NodeConfig.Throughput(true, 40_000, BURST_SECONDS)));
        raw = new RawDynamoDb(node.endpoint());
    }

    /** A new table with 5 WCU, so each test starts with a full burst of its own. */
    private static String table(String name) {
        DynamoDbClient db = node.client();
        db.createTable(b -> b.tableName(name)
                .attributeDefinitions(a -> a.attributeName("pk").attributeType("S"))
                .keySchema(k -> k.attributeName("pk").keyType("HASH"))
                .provisionedThroughput(p -> p.readCapacityUnits(5L).writeCapacityUnits((long) WCU)));
        TestNode.waiter(db).waitUntilTableExists(b -> b.tableName(name));
        return name;
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void aGlobalIndexsQueriesAreThrottledOnItsOwnReadUnitsWhileTheTableStillServesReads() {
        DynamoDbClient db = node.client();
        db.createTable(b -> b.tableName("indexed")
                .attributeDefinitions(a -> a.attributeName("pk").attributeType("S"),
                        a -> a.attributeName("status").attributeType("S"))
                .keySchema(k -> k.attributeName("pk").keyType("HASH"))
                .provisionedThroughput(p -> p.readCapacityUnits(1000L).writeCapacityUnits(1000L))
                .globalSecondaryIndexes(g -> g.indexName("byStatus")
                        .keySchema(k -> k.attributeName("status").keyType("HASH"))
                        .projection(p -> p.projectionType("ALL"))
                        .provisionedThroughput(p -> p.readCapacityUnits(1L).writeCapacityUnits(1000L))));
        TestNode.waiter(db).waitUntilTableExists(b -> b.tableName("indexed"));
        String query = "{\"TableName\":\"indexed\",\"IndexName\":\"byStatus\",\"KeyConditionExpression\":\"#s = :s\","
                + "\"ExpressionAttributeNames\":{\"#s\":\"status\"},\"ExpressionAttributeValues\":{\":s\":{\"S\":\"open\"}}}";

        RawDynamoDb.Response throttled = null;
        for (int i = 0; i < 20 && throttled == null; i++) {
            RawDynamoDb.Response r = raw.call("Query", query);
            if (r.status() != 200) {
                throttled = r;
            }
        }

        assertThat(throttled).as("1 RCU with 2 s of burst is spent within 20 queries of 0.5 units").isNotNull();
        assertThat(throttled.status()).isEqualTo(400);
        assertThat(throttled.body().path("__type").asText()).endsWith("#ProvisionedThroughputExceededException");
        assertThat(throttled.body().path("ThrottlingReasons").get(0).path("reason").asText())
                .isEqualTo("IndexReadProvisionedThroughputExceeded");
        assertThat(throttled.body().path("ThrottlingReasons").get(0).path("resource").asText())
                .endsWith(":table/indexed/index/byStatus");
        assertThat(raw.call("Query", "{\"TableName\":\"indexed\",\"KeyConditionExpression\":\"pk = :p\","
                + "\"ExpressionAttributeValues\":{\":p\":{\"S\":\"a\"}}}").status())
                .as("the table's own 1000 RCU still serve").isEqualTo(200);
    }

    @Test
    void writesAt50ASecondToA5WcuTableAreTakenAtItsBudgetAfterTheBurstAndTheRestThrottled() throws Exception {
        String table = table("paced");
        int accepted = 0;
        int throttled = 0;
        long start = System.nanoTime();
        double seconds = 6;
        for (int i = 0; System.nanoTime() - start < seconds * 1e9; i++) {
            RawDynamoDb.Response r = raw.call("PutItem", "{\"TableName\":\"" + table + "\",\"Item\":{\"pk\":{\"S\":\"k" + i + "\"}}}");
            if (r.status() == 200) {
                accepted++;
            } else {
                assertThat(r.status()).isEqualTo(400);
                assertThat(r.body().path("__type").asText()).endsWith("#ProvisionedThroughputExceededException");
                assertThat(r.body().path("message").asText())
                        .startsWith("The level of configured provisioned throughput for the table was exceeded");
                assertThat(r.body().path("ThrottlingReasons").get(0).path("reason").asText())
                        .isEqualTo("TableWriteProvisionedThroughputExceeded");
                assertThat(r.body().path("ThrottlingReasons").get(0).path("resource").asText()).endsWith(":table/" + table);
                throttled++;
            }
            Thread.sleep(20); // 50 writes a second
        }
        double budget = WCU * (BURST_SECONDS + seconds);
        System.out.printf("throttling: %d writes accepted in %.0f s (%.1f WCU achieved against %d provisioned, "
                + "burst %.0f units), %d throttled%n", accepted, seconds, (accepted - WCU * BURST_SECONDS) / seconds, WCU,
                WCU * BURST_SECONDS, throttled);
        assertThat((double) accepted).isBetween(budget - WCU, budget + WCU);
        assertThat(throttled).isGreaterThan(150);
    }

    @Test
    void theSdksRetriesGetAThrottledWriteThrough() {
        String table = spent(table("retried"));
        DynamoDbClient sdk = node.newClient();
        sdk.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("retried"))));

        assertThat(sdk.getItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS("retried")))
                .consistentRead(true)).item()).containsKey("pk");
    }

    @Test
    void aBatchWhoseWritesAreAllThrottledIsRefused() {
        String table = spent(table("batched"));
        RawDynamoDb.Response r = raw.call("BatchWriteItem", "{\"RequestItems\":{\"" + table + "\":["
                + "{\"PutRequest\":{\"Item\":{\"pk\":{\"S\":\"b1\"}}}},{\"PutRequest\":{\"Item\":{\"pk\":{\"S\":\"b2\"}}}}]}}");

        assertThat(r.status()).as("every write of the batch throttled: the whole batch is refused").isEqualTo(400);
        assertThat(r.body().path("__type").asText()).endsWith("#ProvisionedThroughputExceededException");
    }

    /** Writes until the table's budget is spent. */
    private static String spent(String table) {
        for (int i = 0; i < 1_000; i++) {
            RawDynamoDb.Response r = raw.call("PutItem", "{\"TableName\":\"" + table + "\",\"Item\":{\"pk\":{\"S\":\"s" + i + "\"}}}");
            if (r.status() == 400) {
                return table;
            }
        }
        throw new AssertionError("a 5 WCU table took 1,000 writes at once");
    }
}
