package dev.dynalog.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynalog.app.node.DynalogNode;
import dev.dynalog.app.node.NodeConfig;
import dev.dynalog.core.encoding.KeyCodec;
import dev.dynalog.core.partition.Partitioner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Eventually consistent reads answered by standbys (issue 18): two nodes on one broker, the
 * command log in two partitions with a standby of each, so each node runs one partition and keeps
 * the other's standby. Node A lets its standby answer eventual reads fresh to within the default
 * bound (1 s); node B has a bound of 0, so its standby answers none.
 */
class ClusterStandbyReadIT {
    private static final int PARTITIONS = 2;
    private static final Duration BOUND = NodeConfig.DEFAULT_STANDBY_READ_MAX_LAG;
    private static final String TABLE = "standby_reads";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern SAMPLE = Pattern.compile("^(dynalog_item_reads_total\\{served_by=\"(\\w+)\"}"
            + "|dynalog_forwarded_item_reads_served_total) (\\d+)$", Pattern.MULTILINE);

    @TempDir
    static Path dir;
    private static KafkaBrokerProcess kafka;
    private static DynalogNode a;
    private static DynalogNode b;
    private static DynamoDbClient throughA;
    private static DynamoDbClient throughB;

    @BeforeAll
    static void cluster() throws Exception {
        kafka = KafkaBrokerProcess.start(dir.resolve("broker"));
        a = DynalogNode.start(NodeConfig.of(kafka.bootstrapServers(), dir.resolve("a"), "127.0.0.1", 0)
                .withPartitions(PARTITIONS).withStandbyReplicas(1));
        b = DynalogNode.start(NodeConfig.of(kafka.bootstrapServers(), dir.resolve("b"), "127.0.0.1", 0)
                .withPartitions(PARTITIONS).withStandbyReplicas(1).withStandbyReadMaxLag(Duration.ZERO));
        awaitOnePartitionEach();
        throughA = Clients.dynamoDb(a.endpoint());
        throughB = Clients.dynamoDb(b.endpoint());
        throughA.createTable(r -> r.tableName(TABLE).billingMode("PAY_PER_REQUEST")
                .keySchema(k -> k.attributeName("id").keyType("HASH"))
                .attributeDefinitions(x -> x.attributeName("id").attributeType("S")));
        Clients.waiter(throughA).waitUntilTableExists(r -> r.tableName(TABLE));
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {throughA, throughB, a, b, kafka}) {
            if (c != null) {
                c.close();
            }
        }
    }

    private static void awaitOnePartitionEach() throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        while (true) {
            Map<String, Set<Integer>> owners = a.commandLogOwners();
            if (owners.equals(b.commandLogOwners()) && owners.size() == 2
                    && owners.values().stream().allMatch(p -> p.size() == 1) && ready(a) && ready(b)) {
                return;
            }
            assertThat(System.currentTimeMillis()).as("one partition on each node in time: %s", owners).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private static boolean ready(DynalogNode node) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(node.endpoint().resolve("/health/ready")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    }

    /** The command-log partition whose active task runs on the node (the other one's standby is there). */
    private static int partitionOf(DynalogNode node) {
        return a.commandLogOwners().get(node.endpoint().getHost() + ":" + node.endpoint().getPort()).iterator().next();
    }

    /** Keys of the table that lie in the partition, {@code prefix} followed by a number. */
    private static List<String> keysIn(int partition, String prefix, int count) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; keys.size() < count; i++) {
            if (Partitioner.partition(KeyCodec.encodeValue(new dev.dynalog.core.model.AttributeValue.S(prefix + i)),
                    PARTITIONS) == partition) {
                keys.add(prefix + i);
            }
        }
        return keys;
    }

    /** A node's read counters: served_by active, standby, forwarded, and the reads it served for other nodes. */
    private record Reads(long active, long standby, long forwarded, long forOthers) {
        Reads since(Reads before) {
            return new Reads(active - before.active, standby - before.standby, forwarded - before.forwarded,
                    forOthers - before.forOthers);
        }
    }

    private static Reads reads(DynalogNode node) throws Exception {
        String body = HTTP.send(HttpRequest.newBuilder(node.endpoint().resolve("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        long[] counts = new long[4];
        Matcher m = SAMPLE.matcher(body);
        while (m.find()) {
            long value = Long.parseLong(m.group(3));
            if (m.group(2) == null) {
                counts[3] = value;
            } else {
                counts[switch (m.group(2)) {
                    case "active" -> 0;
                    case "standby" -> 1;
                    default -> 2;
                }] = value;
            }
        }
        return new Reads(counts[0], counts[1], counts[2], counts[3]);
    }

    private static Map<String, AttributeValue> item(String id, long v) {
        return Map.of("id", AttributeValue.fromS(id), "v", AttributeValue.fromN(Long.toString(v)));
    }

    private static Map<String, AttributeValue> get(DynamoDbClient db, String id, boolean consistent) {
        Map<String, AttributeValue> got = db.getItem(r -> r.tableName(TABLE).consistentRead(consistent)
                .key(Map.of("id", AttributeValue.fromS(id)))).item();
        return got.isEmpty() ? null : got;
    }

    /** Polls eventual reads through {@code db} until they return {@code expected}; the milliseconds that took. */
    private static double millisUntilSeen(DynamoDbClient db, Map<String, AttributeValue> expected, long since)
            throws Exception {
        long deadline = since + 30_000_000_000L;
        while (!expected.equals(get(db, expected.get("id").s(), false))) {
            assertThat(System.nanoTime()).as("%s seen within 30 s", expected).isLessThan(deadline);
            Thread.onSpinWait();
        }
        return (System.nanoTime() - since) / 1e6;
    }

    /** Eventual reads of the item through A until one is answered by A's standby. */
    private static void awaitStandbyAnswers(String id) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        long before = reads(a).standby();
        while (reads(a).standby() == before) {
            assertThat(System.nanoTime()).as("A's standby answers within 30 s").isLessThan(deadline);
            get(throughA, id, false);
            Thread.sleep(10);
        }
    }

    @Test
    void anEventualReadThroughTheNodeWithTheStandbyIsAnsweredThereAndFindsTheWriteWithinTheBound() throws Exception {
        String id = keysIn(partitionOf(b), "seen", 1).get(0);
        long written = System.nanoTime();
        throughB.putItem(r -> r.tableName(TABLE).item(item(id, 1)));
        double millis = millisUntilSeen(throughA, item(id, 1), written);
        assertThat(millis).as("ms from the write until an eventual read through A sees it")
                .isLessThan(BOUND.toMillis() + 1_000);

        // A wrote to every partition when it created the table (and other tests write through it):
        // its standby answers once it holds those writes.
        awaitStandbyAnswers(id);
        Reads atA = reads(a);
        Reads atB = reads(b);
        for (int i = 0; i < 50; i++) {
            assertThat(get(throughA, id, false)).isEqualTo(item(id, 1));
        }
        assertThat(throughA.query(r -> r.tableName(TABLE).keyConditionExpression("id = :id")
                .expressionAttributeValues(Map.of(":id", AttributeValue.fromS(id)))).items()).containsExactly(item(id, 1));
        assertThat(throughA.scan(r -> r.tableName(TABLE)).items()).contains(item(id, 1));

        Reads byA = reads(a).since(atA);
        // The scan reads both partitions: B's from A's standby, A's own from its active task.
        assertThat(byA.standby()).as("A's reads answered by its standby: %s", byA).isEqualTo(52);
        assertThat(byA.forwarded()).as("%s", byA).isZero();
        assertThat(reads(b).since(atB).forOthers()).as("reads B served for A").isZero();
    }

    @Test
    void aStrongReadThroughTheNodeWithTheStandbyGoesToTheActiveTaskAndSeesTheLatestWrite() throws Exception {
        String id = keysIn(partitionOf(b), "strong", 1).get(0);
        Reads atA = reads(a);
        for (int i = 0; i < 50; i++) {
            long v = i;
            throughB.putItem(r -> r.tableName(TABLE).item(item(id, v)));
            assertThat(get(throughA, id, true)).isEqualTo(item(id, v));
        }
        Reads byA = reads(a).since(atA);
        assertThat(byA.standby()).as("%s", byA).isZero();
        assertThat(byA.forwarded()).as("%s", byA).isEqualTo(50);
    }

    @Test
    void anEventualReadThroughTheNodeThatAcknowledgedAWriteFindsIt() throws Exception {
        // Read-your-writes: the standby answers only once it holds what this node acknowledged.
        List<String> ids = keysIn(partitionOf(b), "own", 50);
        Reads atA = reads(a);
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            long v = i;
            throughA.putItem(r -> r.tableName(TABLE).item(item(id, v)));
            assertThat(get(throughA, id, false)).as("read through the node that wrote it").isEqualTo(item(id, v));
        }
        System.out.printf("eventual reads of own writes through A: %s%n", reads(a).since(atA));
    }

    @Test
    void aNodeWhoseBoundIsZeroForwardsEveryEventualRead() throws Exception {
        String id = keysIn(partitionOf(a), "zero", 1).get(0);
        throughA.putItem(r -> r.tableName(TABLE).item(item(id, 1)));
        Reads atB = reads(b);
        for (int i = 0; i < 20; i++) {
            assertThat(get(throughB, id, false)).isEqualTo(item(id, 1));
        }
        Reads byB = reads(b).since(atB);
        assertThat(byB.standby()).as("%s", byB).isZero();
        assertThat(byB.forwarded()).as("%s", byB).isEqualTo(20);
    }

    /**
     * Not an assertion about speed: prints the rate of eventual gets of another node's partition
     * answered by a standby (through A) and forwarded to the owner (through B, whose bound is 0),
     * one client thread, for the README.
     */
    @Test
    void eventualGetRatesFromAStandbyAndForwarded() throws Exception {
        String onB = keysIn(partitionOf(b), "rate", 1).get(0);
        String onA = keysIn(partitionOf(a), "rate", 1).get(0);
        throughB.putItem(r -> r.tableName(TABLE).item(item(onB, 1)));
        throughA.putItem(r -> r.tableName(TABLE).item(item(onA, 1)));
        awaitStandbyAnswers(onB);
        Map<String, Long> rates = new TreeMap<>();
        for (int round = 0; round < 2; round++) { // the first round warms up
            Reads atA = reads(a);
            rates.put("standby get/s (A)", rate(throughA, onB));
            rates.put("forwarded get/s (B)", rate(throughB, onA));
            if (round == 1) {
                System.out.printf("eventual get rates, one thread: %s; reads through A %s%n", rates,
                        reads(a).since(atA));
            }
        }
    }

    private static long rate(DynamoDbClient db, String id) {
        int gets = 2_000;
        long began = System.nanoTime();
        for (int i = 0; i < gets; i++) {
            assertThat(get(db, id, false)).isEqualTo(item(id, 1));
        }
        return Math.round(gets / ((System.nanoTime() - began) / 1e9));
    }

    /**
     * Measures the staleness of standby reads, for the README: 200 writes through the partition's
     * owner, each followed by eventual reads through the node with the standby until they see it.
     */
    @Test
    void stalenessOfEventualReadsAnsweredByAStandby() throws Exception {
        List<String> ids = keysIn(partitionOf(b), "stale", 200);
        List<Double> staleness = new ArrayList<>();
        awaitStandbyAnswers(ids.get(0));
        Reads atA = reads(a);
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            long v = i;
            long written = System.nanoTime();
            throughB.putItem(r -> r.tableName(TABLE).item(item(id, v)));
            long acknowledged = System.nanoTime();
            staleness.add(millisUntilSeen(throughA, item(id, v), acknowledged));
            // The write's own latency is not staleness; printed apart below.
            if (i == 0) {
                System.out.printf("first put took %.1f ms%n", (acknowledged - written) / 1e6);
            }
        }
        Reads byA = reads(a).since(atA);
        Collections.sort(staleness);
        System.out.printf("standby read staleness over %d writes (ms from acknowledgement to visible): p50 %.1f, "
                        + "p90 %.1f, p99 %.1f, max %.1f; reads through A %s%n", staleness.size(),
                staleness.get(staleness.size() / 2), staleness.get(staleness.size() * 9 / 10),
                staleness.get(staleness.size() * 99 / 100), staleness.get(staleness.size() - 1), byA);
        assertThat(byA.forwarded()).as("every eventual read answered by the standby: %s", byA).isZero();
        assertThat(staleness.get(staleness.size() - 1)).as("the bound plus a commit")
                .isLessThan(BOUND.toMillis() + 1_000.0);
    }
}
