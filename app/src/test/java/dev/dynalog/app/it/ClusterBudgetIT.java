package dev.dynalog.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynalog.app.node.DynalogNode;
import dev.dynalog.app.node.NodeConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A provisioned table's capacity is the cluster's, not each node's: two nodes writing to one
 * table at once admit together about what one node admits alone (the table's units a second plus
 * its burst), because they tell each other what they charged; without that, each node would
 * admit the whole capacity and the table would get twice its units.
 */
class ClusterBudgetIT {
    private static final int WCU = 10;
    private static final double BURST_SECONDS = 2;
    private static final long WRITE_MILLIS = 4_000;

    @TempDir
    Path dir;

    @Test
    void twoNodesWritingToOneProvisionedTableAdmitTheTablesUnitsOnceBetweenThem() throws Exception {
        try (KafkaBrokerProcess kafka = KafkaBrokerProcess.start(dir.resolve("broker"))) {
            List<DynalogNode> nodes = new ArrayList<>();
            try {
                for (int i = 0; i < 2; i++) {
                    nodes.add(DynalogNode.start(NodeConfig.of(kafka.bootstrapServers(), dir.resolve("node" + i),
                                    "127.0.0.1", 0).withPartitions(2)
                            .withThroughput(new NodeConfig.Throughput(true, 40_000, BURST_SECONDS))));
                }
                try (DynamoDbClient db = Clients.dynamoDb(nodes.get(0).endpoint())) {
                    db.createTable(b -> b.tableName("shared_budget")
                            .attributeDefinitions(a -> a.attributeName("pk").attributeType("S"))
                            .keySchema(k -> k.attributeName("pk").keyType("HASH"))
                            .provisionedThroughput(p -> p.readCapacityUnits(100L).writeCapacityUnits((long) WCU)));
                    Clients.waiter(db).waitUntilTableExists(b -> b.tableName("shared_budget"));
                }
                // Both nodes serve the table before the budget is measured (the second may be joining still).
                for (DynalogNode node : nodes) {
                    awaitWritable(new RawDynamoDb(node.endpoint()));
                }
                Thread.sleep((long) (BURST_SECONDS * 1000) + 500);

                AtomicInteger admitted = new AtomicInteger();
                AtomicInteger throttled = new AtomicInteger();
                AtomicInteger other = new AtomicInteger();
                ExecutorService writers = Executors.newFixedThreadPool(2);
                long started = System.currentTimeMillis();
                List<Future<?>> running = new ArrayList<>();
                for (DynalogNode node : nodes) {
                    RawDynamoDb raw = new RawDynamoDb(node.endpoint());
                    running.add(writers.submit(() -> {
                        for (int n = 0; System.currentTimeMillis() - started < WRITE_MILLIS; n++) {
                            RawDynamoDb.Response r = raw.call("PutItem", "{\"TableName\":\"shared_budget\",\"Item\":"
                                    + "{\"pk\":{\"S\":\"" + node.endpoint().getPort() + "-" + n + "\"}}}");
                            if (r.status() == 200) {
                                admitted.incrementAndGet();
                            } else if (r.body().path("__type").asText().endsWith("#ProvisionedThroughputExceededException")) {
                                throttled.incrementAndGet();
                            } else {
                                other.incrementAndGet();
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : running) {
                    f.get();
                }
                writers.shutdown();
                double seconds = (System.currentTimeMillis() - started) / 1000.0;
                double capacity = WCU * (BURST_SECONDS + seconds);
                System.out.printf("ClusterBudgetIT: two nodes admitted %d one-unit writes in %.1f s (the table's "
                                + "capacity %.0f: %d units a second and %.0f s of burst), throttled %d%n",
                        admitted.get(), seconds, capacity, WCU, BURST_SECONDS, throttled.get());

                assertThat(other.get()).as("answers other than success and throttling").isZero();
                assertThat(throttled.get()).as("writes over the table's capacity").isPositive();
                // Each node alone would admit the whole capacity: the two together, about once (each
                // may admit what the other charged within one exchange interval before it hears of it).
                assertThat((double) admitted.get()).as("writes the two nodes admitted together")
                        .isLessThan(capacity * 1.5)
                        .isGreaterThan(capacity * 0.5);
            } finally {
                for (DynalogNode node : nodes) {
                    node.close();
                }
            }
        }
    }

    private static void awaitWritable(RawDynamoDb raw) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (raw.call("PutItem", "{\"TableName\":\"shared_budget\",\"Item\":{\"pk\":{\"S\":\"probe\"}}}").status() != 200) {
            assertThat(System.currentTimeMillis()).as("the node serves the table").isLessThan(deadline);
            Thread.sleep(200);
        }
    }
}
