package dev.dynalog.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynalog.app.Main;
import dev.dynalog.app.node.DynalogNode;
import dev.dynalog.app.node.NodeConfig;
import dev.dynalog.core.encoding.KeyCodec;
import dev.dynalog.core.partition.Partitioner;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * Three dynalog nodes in one Kafka Streams application on one external broker, the command log
 * in two partitions: so at least one node runs none of a table's partitions. Every item
 * operation through every node answers what DynamoDB Local answers, and what a node
 * acknowledged any other node's strong reads see.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
    private static final int NODES = 3;
    private static final int PARTITIONS = 2;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;
    private static KafkaBrokerProcess kafka;
    private static final List<DynalogNode> nodes = new ArrayList<>();

    @BeforeAll
    static void cluster() throws Exception {
        kafka = KafkaBrokerProcess.start(dir.resolve("broker"));
        for (int i = 0; i < NODES; i++) {
            nodes.add(DynalogNode.start(NodeConfig.of(kafka.bootstrapServers(), dir.resolve("node" + i), "127.0.0.1", 0)
                    .withPartitions(PARTITIONS).withStandbyReplicas(1)));
        }
        awaitSettled();
    }

    @AfterAll
    static void stop() throws Exception {
        for (DynalogNode node : nodes) {
            node.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    /** Every node ready, and every node's view of the assignment: three members, each partition run by one. */
    private static void awaitSettled() throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        while (true) {
            boolean settled = true;
            Map<String, Set<Integer>> first = null;
            for (DynalogNode node : nodes) {
                Map<String, Set<Integer>> owners = node.commandLogOwners();
                Set<Integer> covered = new TreeSet<>();
                owners.values().forEach(covered::addAll);
                settled &= get(node.endpoint(), "/health/ready") == 200 && owners.size() == NODES
                        && covered.equals(Set.of(0, 1)) && (first == null || first.equals(owners));
                first = first == null ? owners : first;
            }
            if (settled) {
                return;
            }
            assertThat(System.currentTimeMillis()).as("the cluster settled in time").isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private static int get(URI endpoint, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(endpoint.resolve(path)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static String address(DynalogNode node) {
        return node.endpoint().getHost() + ":" + node.endpoint().getPort();
    }

    /** A node that runs no command-log partition: two partitions among three nodes leave one. */
    private static DynalogNode idleNode() {
        Map<String, Set<Integer>> owners = nodes.get(0).commandLogOwners();
        return nodes.stream().filter(n -> owners.getOrDefault(address(n), Set.of()).isEmpty()).findFirst()
                .orElseThrow(() -> new AssertionError("no node without partitions: " + owners));
    }

    private static DynalogNode ownerOf(int partition) {
        Map<String, Set<Integer>> owners = nodes.get(0).commandLogOwners();
        return nodes.stream().filter(n -> owners.getOrDefault(address(n), Set.of()).contains(partition)).findFirst()
                .orElseThrow();
    }

    @Test
    void everyNodeIsLiveAndReadyAndRefusesUnknownInternalPaths() throws Exception {
        for (DynalogNode node : nodes) {
            assertThat(get(node.endpoint(), "/health/live")).isEqualTo(200);
            // Another test's node may have just joined or left: a rebalance is not ready, and ends.
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (get(node.endpoint(), "/health/ready") != 200 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(get(node.endpoint(), "/health/ready")).isEqualTo(200);
            int status = HTTP.send(HttpRequest.newBuilder(node.endpoint().resolve("/internal/nothing"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            assertThat(status).isEqualTo(404);
        }
    }

    @Test
    void internalCallsNotSignedByANodeOfTheClusterAreRefusedAndChangeNothing() throws Exception {
        // A forged result for a request that another client is waiting for, and a forwarded read
        // that would bypass authentication: neither comes from a node, so neither is served.
        for (String path : List.of("/internal/results", "/internal/read")) {
            for (DynalogNode node : nodes) {
                HttpResponse<String> unsigned = HTTP.send(HttpRequest.newBuilder(node.endpoint().resolve(path))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {0, 0, 0, 1})).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(unsigned.statusCode()).as("%s via %s", path, node.endpoint()).isEqualTo(403);
                HttpResponse<String> badlySigned = HTTP.send(HttpRequest.newBuilder(node.endpoint().resolve(path))
                        .header("X-Dynalog-Node-Time", Long.toString(System.currentTimeMillis()))
                        .header("X-Dynalog-Node-Signature", "00".repeat(32))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {0, 0, 0, 1})).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(badlySigned.statusCode()).as("%s via %s", path, node.endpoint()).isEqualTo(403);
            }
        }
    }

    @Test
    void statusListsEveryNodeWithThePartitionsItRunsActiveAndStandby() {
        StringWriter out = new StringWriter();
        int exit = new CommandLine(new Main()).setOut(new PrintWriter(out)).execute("status", "--endpoint",
                idleNode().endpoint().toString());
        assertThat(exit).isZero();
        Map<String, String[]> rows = new HashMap<>();
        out.toString().lines().skip(1).filter(l -> l.contains(":") && !l.startsWith("lag")).forEach(l -> {
            String[] cells = l.trim().split("\\s+", 4);
            rows.put(cells[0], cells);
        });
        assertThat(rows.keySet()).as(out.toString()).containsExactlyInAnyOrderElementsOf(
                nodes.stream().map(ClusterIT::address).toList());
        assertThat(rows.get(address(idleNode()))[1]).isEqualTo("-");
        assertThat(rows.get(address(ownerOf(0)))[1]).contains("0");
        // One standby of each partition, on a node other than its active one.
        assertThat(rows.values().stream().filter(r -> r[2].contains("0")).count()).as(out.toString()).isEqualTo(1);
        assertThat(rows.get(address(ownerOf(0)))[2]).doesNotContain("0");
        assertThat(rows.get(address(ownerOf(0)))[3]).as(out.toString()).matches(".*0:\\d+.*");
    }

    @Test
    void everyItemOperationThroughEveryNodeAnswersAsDynamoDbLocal() {
        // The node without partitions goes first: everything it answers, another node decided.
        List<DynalogNode> order = new ArrayList<>(List.of(idleNode()));
        nodes.stream().filter(n -> n != order.get(0)).forEach(order::add);
        for (int i = 0; i < order.size(); i++) {
            itemOperationsAnswerAsDynamoDbLocal(order.get(i), "cluster_" + i);
        }
    }

    private static void itemOperationsAnswerAsDynamoDbLocal(DynalogNode node, String table) {
        Differential both = new Differential(new RawDynamoDb(node.endpoint()), new RawDynamoDb(ReferenceDynamoDb.endpoint()));
        both.createTable("""
                {"TableName":"%s","BillingMode":"PAY_PER_REQUEST",
                 "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],
                 "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"N"},
                                         {"AttributeName":"kind","AttributeType":"S"}],
                 "GlobalSecondaryIndexes":[{"IndexName":"byKind",
                   "KeySchema":[{"AttributeName":"kind","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],
                   "Projection":{"ProjectionType":"ALL"}}]}""".formatted(table));
        String t = "\"TableName\":\"" + table + "\"";
        for (int p = 0; p < 6; p++) {
            for (int s = 0; s < 5; s++) {
                both.same("PutItem", "{" + t + ",\"Item\":{\"pk\":{\"S\":\"p" + p + "\"},\"sk\":{\"N\":\"" + s
                        + "\"},\"kind\":{\"S\":\"" + (s % 2 == 0 ? "even" : "odd") + "\"},\"n\":{\"N\":\"" + (p * s) + "\"}}}");
            }
        }
        String key = "\"Key\":{\"pk\":{\"S\":\"p1\"},\"sk\":{\"N\":\"2\"}}";
        // Conditional writes and what they return, decided by whichever node runs the partition.
        both.same("PutItem", "{" + t + ",\"Item\":{\"pk\":{\"S\":\"p1\"},\"sk\":{\"N\":\"2\"}},"
                + "\"ConditionExpression\":\"attribute_not_exists(pk)\",\"ReturnValuesOnConditionCheckFailure\":\"ALL_OLD\"}");
        both.same("PutItem", "{" + t + ",\"Item\":{\"pk\":{\"S\":\"p1\"},\"sk\":{\"N\":\"2\"},\"kind\":{\"S\":\"even\"},"
                + "\"n\":{\"N\":\"7\"}},\"ReturnValues\":\"ALL_OLD\"}");
        both.same("UpdateItem", "{" + t + "," + key + ",\"UpdateExpression\":\"SET n = n + :one\","
                + "\"ConditionExpression\":\"attribute_exists(pk)\",\"ExpressionAttributeValues\":{\":one\":{\"N\":\"1\"}},"
                + "\"ReturnValues\":\"UPDATED_NEW\"}");
        both.same("UpdateItem", "{" + t + "," + key + ",\"UpdateExpression\":\"SET n = :zero\","
                + "\"ConditionExpression\":\"n > :big\",\"ExpressionAttributeValues\":{\":zero\":{\"N\":\"0\"},"
                + "\":big\":{\"N\":\"100\"}},\"ReturnValues\":\"ALL_NEW\",\"ReturnValuesOnConditionCheckFailure\":\"ALL_OLD\"}");
        both.same("DeleteItem", "{" + t + ",\"Key\":{\"pk\":{\"S\":\"p4\"},\"sk\":{\"N\":\"4\"}},"
                + "\"ConditionExpression\":\"n = :n\",\"ExpressionAttributeValues\":{\":n\":{\"N\":\"16\"}},\"ReturnValues\":\"ALL_OLD\"}");
        both.same("DeleteItem", "{" + t + ",\"Key\":{\"pk\":{\"S\":\"p4\"},\"sk\":{\"N\":\"4\"}},"
                + "\"ConditionExpression\":\"attribute_exists(pk)\"}");
        // Reads, strong and eventual, of every partition.
        for (int p = 0; p < 6; p++) {
            both.same("GetItem", "{" + t + ",\"Key\":{\"pk\":{\"S\":\"p" + p + "\"},\"sk\":{\"N\":\"2\"}},\"ConsistentRead\":true}");
            both.same("GetItem", "{" + t + ",\"Key\":{\"pk\":{\"S\":\"p" + p + "\"},\"sk\":{\"N\":\"4\"}}}");
            queryAllPages(both, "{" + t + ",\"KeyConditionExpression\":\"pk = :p\",\"ExpressionAttributeValues\":"
                    + "{\":p\":{\"S\":\"p" + p + "\"}},\"Limit\":2,\"ScanIndexForward\":false,\"ConsistentRead\":true");
        }
        both.same("Query", "{" + t + ",\"KeyConditionExpression\":\"pk = :p AND sk BETWEEN :a AND :b\","
                + "\"FilterExpression\":\"n > :z\",\"ExpressionAttributeValues\":{\":p\":{\"S\":\"p3\"},\":a\":{\"N\":\"1\"},"
                + "\":b\":{\"N\":\"3\"},\":z\":{\"N\":\"3\"}}}");
        both.sameScan(table, 4);
        // Batches, split over the partitions' nodes.
        StringBuilder puts = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            puts.append(i == 0 ? "" : ",").append("{\"PutRequest\":{\"Item\":{\"pk\":{\"S\":\"b").append(i)
                    .append("\"},\"sk\":{\"N\":\"0\"},\"kind\":{\"S\":\"batch\"}}}}");
        }
        puts.append(",{\"DeleteRequest\":{\"Key\":{\"pk\":{\"S\":\"p0\"},\"sk\":{\"N\":\"0\"}}}}");
        both.same("BatchWriteItem", "{\"RequestItems\":{\"" + table + "\":[" + puts + "]}}");
        StringBuilder keys = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            keys.append(i == 0 ? "" : ",").append("{\"pk\":{\"S\":\"b").append(i).append("\"},\"sk\":{\"N\":\"0\"}}");
        }
        both.sameInAnyOrder("BatchGetItem", "{\"RequestItems\":{\"" + table + "\":{\"Keys\":[" + keys + "],\"ConsistentRead\":true}}}");
        // Transactions over items of several partitions.
        both.same("TransactWriteItems", "{\"TransactItems\":["
                + "{\"Update\":{" + t + ",\"Key\":{\"pk\":{\"S\":\"p2\"},\"sk\":{\"N\":\"1\"}},\"UpdateExpression\":\"SET n = n - :x\","
                + "\"ConditionExpression\":\"n >= :x\",\"ExpressionAttributeValues\":{\":x\":{\"N\":\"2\"}}}},"
                + "{\"Update\":{" + t + ",\"Key\":{\"pk\":{\"S\":\"p5\"},\"sk\":{\"N\":\"1\"}},\"UpdateExpression\":\"SET n = n + :x\","
                + "\"ExpressionAttributeValues\":{\":x\":{\"N\":\"2\"}}}},"
                + "{\"Put\":{" + t + ",\"Item\":{\"pk\":{\"S\":\"tx\"},\"sk\":{\"N\":\"1\"},\"kind\":{\"S\":\"odd\"}}}}]}");
        both.same("TransactWriteItems", "{\"TransactItems\":["
                + "{\"ConditionCheck\":{" + t + ",\"Key\":{\"pk\":{\"S\":\"p3\"},\"sk\":{\"N\":\"3\"}},"
                + "\"ConditionExpression\":\"n = :wrong\",\"ExpressionAttributeValues\":{\":wrong\":{\"N\":\"-1\"}},"
                + "\"ReturnValuesOnConditionCheckFailure\":\"ALL_OLD\"}},"
                + "{\"Delete\":{" + t + ",\"Key\":{\"pk\":{\"S\":\"p1\"},\"sk\":{\"N\":\"1\"}}}}]}");
        both.same("TransactGetItems", "{\"TransactItems\":["
                + "{\"Get\":{" + t + ",\"Key\":{\"pk\":{\"S\":\"p2\"},\"sk\":{\"N\":\"1\"}}}},"
                + "{\"Get\":{" + t + ",\"Key\":{\"pk\":{\"S\":\"p5\"},\"sk\":{\"N\":\"1\"}}}},"
                + "{\"Get\":{" + t + ",\"Key\":{\"pk\":{\"S\":\"p1\"},\"sk\":{\"N\":\"1\"}}}},"
                + "{\"Get\":{" + t + ",\"Key\":{\"pk\":{\"S\":\"tx\"},\"sk\":{\"N\":\"1\"}}}}]}");
        both.sameScan(table, 7);
        // The global index, eventually consistent, from whichever node runs its partitions; the
        // order among equal index keys is left open by DynamoDB.
        both.sameEventuallyInAnyOrder("Query", "{" + t + ",\"IndexName\":\"byKind\",\"KeyConditionExpression\":\"kind = :k\","
                + "\"ExpressionAttributeValues\":{\":k\":{\"S\":\"odd\"}}}");
        both.sameEventuallyInAnyOrder("Query", "{" + t + ",\"IndexName\":\"byKind\",\"KeyConditionExpression\":\"kind = :k\","
                + "\"ExpressionAttributeValues\":{\":k\":{\"S\":\"batch\"}}}");
        // DescribeTable's counts add up every partition's, wherever it runs.
        int items = new RawDynamoDb(ReferenceDynamoDb.endpoint()).call("Scan", "{" + t + ",\"Select\":\"COUNT\"}")
                .body().path("Count").asInt();
        for (DynalogNode any : nodes) {
            JsonNode described = new RawDynamoDb(any.endpoint()).call("DescribeTable", "{" + t + "}").body().path("Table");
            assertThat(described.path("ItemCount").asInt()).as("ItemCount through %s", any.endpoint()).isEqualTo(items);
            assertThat(described.path("TableSizeBytes").asLong()).isPositive();
        }
    }

    private static void queryAllPages(Differential both, String bodyWithoutClosingBrace) {
        String start = "";
        for (int page = 0; page < 10; page++) {
            JsonNode last = both.same("Query", bodyWithoutClosingBrace + start + "}").body().path("LastEvaluatedKey");
            if (last.isMissingNode()) {
                return;
            }
            start = ",\"ExclusiveStartKey\":" + last;
        }
        throw new AssertionError("more pages than items");
    }

    @Test
    void whatOneNodeAcknowledgedEveryOtherNodeReadsStronglyAtOnce() {
        List<DynamoDbClient> clients = nodes.stream().map(n -> Clients.dynamoDb(n.endpoint())).toList();
        try {
            DynamoDbClient creator = clients.get(0);
            creator.createTable(r -> r.tableName("cluster_ryw").billingMode("PAY_PER_REQUEST")
                    .keySchema(k -> k.attributeName("id").keyType("HASH"))
                    .attributeDefinitions(a -> a.attributeName("id").attributeType("S")));
            Clients.waiter(creator).waitUntilTableExists(r -> r.tableName("cluster_ryw"));
            // No waiting on the other nodes: a table another node created is found at once.
            for (DynamoDbClient other : clients) {
                assertThat(other.describeTable(r -> r.tableName("cluster_ryw")).table().tableStatusAsString())
                        .isEqualTo("ACTIVE");
            }
            for (int i = 0; i < 60; i++) {
                DynamoDbClient writer = clients.get(i % NODES);
                DynamoDbClient reader = clients.get((i + 1 + i / NODES % 2) % NODES);
                Map<String, AttributeValue> item = Map.of("id", AttributeValue.fromS("k" + i),
                        "v", AttributeValue.fromN(String.valueOf(i)));
                writer.putItem(r -> r.tableName("cluster_ryw").item(item));
                assertThat(reader.getItem(r -> r.tableName("cluster_ryw").consistentRead(true)
                        .key(Map.of("id", item.get("id")))).item()).as("k%d", i).isEqualTo(item);
            }
        } finally {
            clients.forEach(DynamoDbClient::close);
        }
    }

    /**
     * Not an assertion about speed: prints the rate of puts and strong gets of one partition's
     * keys through the node that runs it and through the node that runs none, for the README.
     */
    @Test
    void putAndGetRatesThroughTheOwnerAndThroughANodeWithoutPartitions() {
        DynalogNode owner = ownerOf(0);
        DynalogNode idle = idleNode();
        try (DynamoDbClient setup = Clients.dynamoDb(owner.endpoint())) {
            setup.createTable(r -> r.tableName("cluster_rate").billingMode("PAY_PER_REQUEST")
                    .keySchema(k -> k.attributeName("id").keyType("HASH"))
                    .attributeDefinitions(a -> a.attributeName("id").attributeType("S")));
            Clients.waiter(setup).waitUntilTableExists(r -> r.tableName("cluster_rate"));
        }
        List<String> keys = new ArrayList<>();
        for (int i = 0; keys.size() < 1000; i++) {
            if (Partitioner.partition(KeyCodec.encodeValue(new dev.dynalog.core.model.AttributeValue.S("r" + i)), PARTITIONS) == 0) {
                keys.add("r" + i);
            }
        }
        Map<String, Long> rates = new TreeMap<>();
        // Twice each, the first round a warm-up; the second one's figures are printed.
        for (DynalogNode node : List.of(owner, idle, owner, idle)) {
            String who = node == owner ? "owner" : "non-owner";
            for (int threads : List.of(1, 8)) {
                rates.put(who + " put/s, " + threads + " threads", Math.round(rate(node, keys, threads, who, true)));
                rates.put(who + " strong get/s, " + threads + " threads", Math.round(rate(node, keys, threads, who, false)));
            }
        }
        System.out.printf("cluster rates, 1000 keys of partition 0: %s%n", rates);
    }

    /** Puts (or strong gets, checking what the puts wrote) of every key through the node, split over threads. */
    private static double rate(DynalogNode node, List<String> keys, int threads, String who, boolean put) {
        List<Thread> workers = new ArrayList<>();
        List<Throwable> failed = Collections.synchronizedList(new ArrayList<>());
        long began = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int first = t;
            Thread worker = new Thread(() -> {
                try (DynamoDbClient db = Clients.dynamoDb(node.endpoint())) {
                    for (int i = first; i < keys.size(); i += threads) {
                        Map<String, AttributeValue> key = Map.of("id", AttributeValue.fromS(keys.get(i)));
                        if (put) {
                            db.putItem(r -> r.tableName("cluster_rate").item(Map.of("id", key.get("id"),
                                    "by", AttributeValue.fromS(who))));
                        } else {
                            assertThat(db.getItem(r -> r.tableName("cluster_rate").consistentRead(true).key(key))
                                    .item().get("by").s()).isEqualTo(who);
                        }
                    }
                } catch (Throwable e) {
                    failed.add(e);
                }
            });
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        assertThat(failed).isEmpty();
        return keys.size() / ((System.nanoTime() - began) / 1e9);
    }

    /**
     * A node that runs partitions leaves (closes) and a new one joins, while a client writes
     * through one of the other nodes and reads each write strongly through the third: every
     * request either succeeds or fails retryably (5xx), no strong read misses a write acknowledged
     * before it, and every acknowledged write is there afterwards, through every node.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void aNodeLeavingAndANodeJoiningLoseNoAcknowledgedWriteAndServeNoStaleStrongRead() throws Exception {
        DynalogNode leaving = ownerOf(0);
        List<DynalogNode> staying = nodes.stream().filter(n -> n != leaving).toList();
        DynamoDbClient writer = Clients.dynamoDb(staying.get(0).endpoint());
        DynamoDbClient reader = Clients.dynamoDb(staying.get(1).endpoint());
        writer.createTable(r -> r.tableName("cluster_churn").billingMode("PAY_PER_REQUEST")
                .keySchema(k -> k.attributeName("id").keyType("HASH"))
                .attributeDefinitions(a -> a.attributeName("id").attributeType("S")));
        Clients.waiter(writer).waitUntilTableExists(r -> r.tableName("cluster_churn"));
        Clients.waiter(reader).waitUntilTableExists(r -> r.tableName("cluster_churn"));
        List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
        List<String> stale = Collections.synchronizedList(new ArrayList<>());
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stop = new AtomicBoolean();
        long[] slowestMillis = {0};
        Thread client = new Thread(() -> {
            for (int i = 0; !stop.get(); i++) {
                Map<String, AttributeValue> key = Map.of("id", AttributeValue.fromS("c" + i));
                long began = System.nanoTime();
                try {
                    writer.putItem(r -> r.tableName("cluster_churn").item(key));
                    acknowledged.add("c" + i);
                    if (!reader.getItem(r -> r.tableName("cluster_churn").key(key).consistentRead(true)).hasItem()) {
                        stale.add("c" + i);
                    }
                } catch (DynamoDbException e) {
                    failures.add(e.statusCode() + " " + e.getMessage());
                }
                slowestMillis[0] = Math.max(slowestMillis[0], (System.nanoTime() - began) / 1_000_000);
            }
        });
        client.start();
        try {
            Thread.sleep(2_000);
            leaving.close();
            nodes.remove(leaving);
            Thread.sleep(3_000);
            nodes.add(DynalogNode.start(NodeConfig.of(kafka.bootstrapServers(), dir.resolve("joined"), "127.0.0.1", 0)
                    .withPartitions(PARTITIONS).withStandbyReplicas(1)));
            awaitSettled();
            Thread.sleep(2_000);
        } finally {
            stop.set(true);
            client.join();
        }
        System.out.printf("churn: %d writes acknowledged, %d requests failed, slowest write and strong read %d ms%n",
                acknowledged.size(), failures.size(), slowestMillis[0]);
        assertThat(slowestMillis[0]).as("a write and its read, retries included, within the clients' timeout")
                .isLessThan(60_000);
        assertThat(stale).as("strong reads that missed an acknowledged write").isEmpty();
        assertThat(failures).as("failures other than retryable 5xx").allMatch(f -> f.startsWith("5"));
        assertThat(acknowledged.size()).isGreaterThan(20);
        for (DynalogNode node : nodes) {
            try (DynamoDbClient db = Clients.dynamoDb(node.endpoint())) {
                for (String id : acknowledged) {
                    assertThat(db.getItem(r -> r.tableName("cluster_churn").consistentRead(true)
                            .key(Map.of("id", AttributeValue.fromS(id)))).hasItem()).as("%s through %s", id, node.endpoint())
                            .isTrue();
                }
            }
        }
        writer.close();
        reader.close();
    }
}
