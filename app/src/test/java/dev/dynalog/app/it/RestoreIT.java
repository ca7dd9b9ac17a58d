package dev.dynalog.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dynalog.app.AdminClient;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ContinuousBackupsDescription;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.InvalidRestoreTimeException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryUnavailableException;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TableAlreadyExistsException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Restoring a table from the command log: to each of several points of a known history (puts,
 * updates, deletes, batch writes, index changes, transactions), with its indexes, verified
 * against the digests the partitions recorded; while writers keep writing to the source; and a
 * damaged restored table or a damaged digest is reported as a mismatch.
 */
class RestoreIT {
    private static final String SOURCE = "RestoreOrders";
    private static TestNode node;
    private static DynamoDbClient db;
    private static AdminClient admin;

    @BeforeAll
    static void start() throws Exception {
        // Digests often, so that every checkpoint of the history has one before it.
        node = TestNode.start(Files.createTempDirectory("dynalog-restore-"),
                config -> config.withDigestInterval(Duration.ofMillis(300)));
        db = node.client();
        admin = new AdminClient(node.endpoint());
        db.createTable(b -> b.tableName(SOURCE).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attr("pk", ScalarAttributeType.S), attr("sk", ScalarAttributeType.N),
                        attr("amount", ScalarAttributeType.N), attr("status", ScalarAttributeType.S))
                .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                .localSecondaryIndexes(LocalSecondaryIndex.builder().indexName("byAmount")
                        .keySchema(key("pk", KeyType.HASH), key("amount", KeyType.RANGE))
                        .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build())
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("byStatus")
                        .keySchema(key("status", KeyType.HASH), key("sk", KeyType.RANGE))
                        .projection(Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build()).build()));
        TestNode.waiter(db).waitUntilTableExists(b -> b.tableName(SOURCE));
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void restoringToEachPointOfAKnownHistoryGivesTheTableAsItWasThen() throws Exception {
        assertThatThrownBy(() -> db.restoreTableToPointInTime(b -> b.sourceTableName(SOURCE)
                .targetTableName(SOURCE + "-nopitr").useLatestRestorableTime(true)))
                .isInstanceOf(PointInTimeRecoveryUnavailableException.class);
        ContinuousBackupsDescription backups = db.updateContinuousBackups(b -> b.tableName(SOURCE)
                .pointInTimeRecoverySpecification(s -> s.pointInTimeRecoveryEnabled(true))).continuousBackupsDescription();
        assertThat(backups.pointInTimeRecoveryDescription().pointInTimeRecoveryStatusAsString()).isEqualTo("ENABLED");
        assertThat(backups.pointInTimeRecoveryDescription().earliestRestorableDateTime()).isBefore(Instant.now());

        List<Checkpoint> checkpoints = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            put("c" + (i % 7), i, Map.of("amount", n(i * 10), "status", s(i % 2 == 0 ? "open" : "paid")));
        }
        checkpoints.add(checkpoint());

        for (int i = 0; i < 60; i += 3) {
            int k = i;
            db.updateItem(b -> b.tableName(SOURCE).key(pk("c" + (k % 7), k))
                    .updateExpression("SET amount = amount + :d, #s = :s").conditionExpression("attribute_exists(pk)")
                    .expressionAttributeNames(Map.of("#s", "status"))
                    .expressionAttributeValues(Map.of(":d", n(5), ":s", s("shipped"))));
        }
        for (int i = 1; i < 60; i += 5) {
            int k = i;
            // Leaves the sparse global index.
            db.updateItem(b -> b.tableName(SOURCE).key(pk("c" + (k % 7), k)).updateExpression("REMOVE #s")
                    .expressionAttributeNames(Map.of("#s", "status")));
        }
        checkpoints.add(checkpoint());

        for (int i = 0; i < 60; i += 4) {
            int k = i;
            db.deleteItem(b -> b.tableName(SOURCE).key(pk("c" + (k % 7), k)));
        }
        List<WriteRequest> batch = new ArrayList<>();
        for (int i = 100; i < 120; i++) {
            Map<String, AttributeValue> item = new HashMap<>(pk("b" + (i % 5), i));
            item.put("amount", n(i));
            batch.add(WriteRequest.builder().putRequest(r -> r.item(item)).build());
        }
        for (int i = 2; i < 60; i += 8) {
            int k = i;
            batch.add(WriteRequest.builder().deleteRequest(r -> r.key(pk("c" + (k % 7), k))).build());
        }
        db.batchWriteItem(b -> b.requestItems(Map.of(SOURCE, batch.subList(0, 25))));
        db.batchWriteItem(b -> b.requestItems(Map.of(SOURCE, batch.subList(25, batch.size()))));
        checkpoints.add(checkpoint());

        for (int t = 0; t < 10; t++) {
            int k = t;
            // Items of several partition keys, so across partitions of the log.
            db.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().put(Put.builder().tableName(SOURCE)
                            .item(Map.of("pk", s("t" + k), "sk", n(k), "amount", n(1000 + k), "status", s("open")))
                            .build()).build(),
                    TransactWriteItem.builder().update(Update.builder().tableName(SOURCE).key(pk("b" + (k % 5), 100 + k))
                            .updateExpression("SET amount = amount - :one").conditionExpression("amount >= :one")
                            .expressionAttributeValues(Map.of(":one", n(1))).build()).build()));
        }
        checkpoints.add(checkpoint());

        for (int i = 0; i < checkpoints.size(); i++) {
            Checkpoint c = checkpoints.get(i);
            String target = SOURCE + "-at-" + i;
            TableDescription restoring = db.restoreTableToPointInTime(b -> b.sourceTableName(SOURCE)
                    .targetTableName(target).restoreDateTime(c.time())).tableDescription();
            assertThat(restoring.tableStatus()).isEqualTo(TableStatus.CREATING);
            assertThat(restoring.restoreSummary().restoreInProgress()).isTrue();
            assertThat(restoring.restoreSummary().sourceTableArn()).endsWith(":table/" + SOURCE);
            TestNode.waiter(db).waitUntilTableExists(b -> b.tableName(target));

            TableDescription restored = db.describeTable(b -> b.tableName(target)).table();
            assertThat(restored.restoreSummary().restoreInProgress()).isFalse();
            assertThat(restored.keySchema()).isEqualTo(db.describeTable(b -> b.tableName(SOURCE)).table().keySchema());
            assertThat(restored.itemCount()).isEqualTo(c.items().size());
            assertThat(scan(target, null)).as("checkpoint %d", i).isEqualTo(c.items());
            assertThat(keys(scan(target, "byAmount"))).isEqualTo(keysWith(c.items(), "amount"));
            assertThat(keys(scan(target, "byStatus"))).isEqualTo(keysWith(c.items(), "status"));

            JsonNode status = describeRestore(target);
            assertThat(status.path("Status").asText()).isEqualTo("COMPLETED");
            assertThat(status.path("Verification").path("Result").asText()).isEqualTo("MATCH");
            assertThat(status.path("Verification").path("Partitions")).allSatisfy(p -> {
                assertThat(p.path("TargetResult").asText()).isEqualTo("MATCH");
                assertThat(p.path("ReplayResult").asText()).isIn("MATCH", "NO_DIGEST");
            });
            assertThat(status.path("Verification").path("Partitions").findValuesAsText("ReplayResult"))
                    .as("some partition checked its replay against the log's digest").contains("MATCH");
            assertThat(new BigDecimal(status.path("AchievedRecoveryPoint").asText()))
                    .isLessThanOrEqualTo(BigDecimal.valueOf(c.time().toEpochMilli(), 3));
        }
        assertThat(scan(SOURCE, null)).as("the source is as the last checkpoint left it")
                .isEqualTo(checkpoints.get(checkpoints.size() - 1).items());
    }

    @Test
    void aRestoreWhileWritersWriteIsExactlyTheTableAtTheCut() throws Exception {
        String source = "RestoreBusy";
        db.createTable(b -> b.tableName(source).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attr("pk", ScalarAttributeType.S))
                .keySchema(key("pk", KeyType.HASH)));
        TestNode.waiter(db).waitUntilTableExists(b -> b.tableName(source));
        db.updateContinuousBackups(b -> b.tableName(source)
                .pointInTimeRecoverySpecification(s -> s.pointInTimeRecoveryEnabled(true)));
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong written = new AtomicLong();
        Map<Long, long[]> sentAndAcknowledged = new java.util.concurrent.ConcurrentHashMap<>();
        Thread writer = new Thread(() -> {
            try (DynamoDbClient own = node.newClient()) {
                for (long i = 0; writing.get(); i++) {
                    long sent = System.currentTimeMillis();
                    long k = i;
                    own.putItem(b -> b.tableName(source).item(Map.of("pk", s("w" + k), "seq", n(k))));
                    sentAndAcknowledged.put(i, new long[] {sent, System.currentTimeMillis()});
                    written.set(i + 1);
                }
            }
        });
        writer.start();
        try {
            while (written.get() < 300) {
                Thread.sleep(20);
            }
            Instant cut = Instant.now();
            Thread.sleep(300);
            db.restoreTableToPointInTime(b -> b.sourceTableName(source).targetTableName(source + "-cut")
                    .restoreDateTime(cut));
            TestNode.waiter(db).waitUntilTableExists(b -> b.tableName(source + "-cut"));
            Map<String, Map<String, AttributeValue>> restored = scan(source + "-cut", null);
            long before = sentAndAcknowledged.entrySet().stream()
                    .filter(e -> e.getValue()[1] < cut.toEpochMilli()).count();
            assertThat(restored).as("every write acknowledged before the cut")
                    .hasSizeGreaterThanOrEqualTo((int) before);
            for (long i = 0; i < restored.size(); i++) {
                assertThat(restored).as("a prefix of the writer's writes").containsKey(String.valueOf(i));
                assertThat(sentAndAcknowledged.get(i)[0]).as("sent by the cut").isLessThanOrEqualTo(cut.toEpochMilli());
            }
            assertThat(describeRestore(source + "-cut").path("Verification").path("Result").asText()).isEqualTo("MATCH");
            Thread.sleep(200);
        } finally {
            writing.set(false);
            writer.join();
        }
        assertThat(scan(source, null)).as("the source lost nothing to the restore").hasSize((int) written.get());
    }

    @Test
    void aRestoreOutsideTheWindowOrOntoAnExistingTableIsRefusedAsDynamoDbRefusesIt() {
        String source = "RestoreRefusals";
        db.createTable(b -> b.tableName(source).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attr("pk", ScalarAttributeType.S)).keySchema(key("pk", KeyType.HASH)));
        TestNode.waiter(db).waitUntilTableExists(b -> b.tableName(source));
        db.updateContinuousBackups(b -> b.tableName(source)
                .pointInTimeRecoverySpecification(s -> s.pointInTimeRecoveryEnabled(true)));
        assertThatThrownBy(() -> db.restoreTableToPointInTime(b -> b.sourceTableName(source).targetTableName(source + "-x")
                .restoreDateTime(Instant.now().minus(Duration.ofDays(1)))))
                .isInstanceOf(InvalidRestoreTimeException.class);
        assertThatThrownBy(() -> db.restoreTableToPointInTime(b -> b.sourceTableName(source).targetTableName(SOURCE)
                .useLatestRestorableTime(true)))
                .isInstanceOf(TableAlreadyExistsException.class);
        assertThat(db.listTables().tableNames()).doesNotContain(source + "-x");
    }

    // ---- helpers ----

    /** The table's items now, after the digests have had time to record the state. */
    private Checkpoint checkpoint() throws InterruptedException {
        Thread.sleep(700);
        Instant time = Instant.now();
        Thread.sleep(30);
        return new Checkpoint(time, scan(SOURCE, null));
    }

    private record Checkpoint(Instant time, Map<String, Map<String, AttributeValue>> items) {
    }

    private static JsonNode describeRestore(String target) throws Exception {
        ObjectNode request = AdminClient.newRequest();
        request.put("TargetTableName", target);
        return admin.post("DescribeRestore", request).path("Restore");
    }

    /** Every item of the table or index, by its key text, read consistently where the index allows it. */
    private static Map<String, Map<String, AttributeValue>> scan(String table, String index) {
        Map<String, Map<String, AttributeValue>> items = new TreeMap<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = db.scan(b -> b.tableName(table).indexName(index)
                    .consistentRead(!"byStatus".equals(index)).exclusiveStartKey(from));
            page.items().forEach(item -> items.put(keyText(item), item));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }

    private static String keyText(Map<String, AttributeValue> item) {
        AttributeValue sk = item.get("sk");
        if (sk == null) {
            return item.get("pk").s().substring(1);
        }
        return item.get("pk").s() + "/" + sk.n();
    }

    private static java.util.Set<String> keys(Map<String, Map<String, AttributeValue>> items) {
        return new java.util.TreeSet<>(items.keySet());
    }

    private static java.util.Set<String> keysWith(Map<String, Map<String, AttributeValue>> items, String attribute) {
        java.util.Set<String> keys = new java.util.TreeSet<>();
        items.forEach((k, item) -> {
            if (item.containsKey(attribute)) {
                keys.add(k);
            }
        });
        return keys;
    }

    private static void put(String pk, int sk, Map<String, AttributeValue> rest) {
        Map<String, AttributeValue> item = new HashMap<>(pk(pk, sk));
        item.putAll(rest);
        db.putItem(b -> b.tableName(SOURCE).item(item));
    }

    private static Map<String, AttributeValue> pk(String pk, int sk) {
        return Map.of("pk", s(pk), "sk", n(sk));
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }

    private static AttributeDefinition attr(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
