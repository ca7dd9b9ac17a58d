package dev.dynalog.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dynalog.app.AdminClient;
import dev.dynalog.app.Main;
import dev.dynalog.connectors.export.DynamoDbExportReader;
import dev.dynalog.core.encoding.KeyCodec;
import dev.dynalog.core.partition.Partitioner;
import dev.dynalog.schemas.command.CommandCodec;
import dev.dynalog.schemas.command.CompleteTransaction;
import dev.dynalog.schemas.command.DecideTransaction;
import dev.dynalog.schemas.digest.TableDigest;
import dev.dynalog.schemas.digest.TableDigestCodec;
import java.nio.file.Path;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine;
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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
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
 * Disaster recovery from the command log: restoring a table to each of several points of a known
 * history (puts, updates, deletes, batch writes, index changes, transactions), with its indexes,
 * verified against the digests the partitions recorded; while writers keep writing to the source;
 * a cut that never splits a transaction; a drill and its report; a damaged restored table or a
 * damaged digest reported as a mismatch; an export imported into DynamoDB Local and into dynalog.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DisasterRecoveryIT {
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


    @Test
    void aRestoredTableKeepsTheSourcesEncryptionButNotItsTagsOrDeletionProtection() {
        // The developer guide's point-in-time recovery: encryption settings are restored; tags
        // and the rest are to be set up on the restored table again.
        String source = "RestoreSettings";
        db.createTable(b -> b.tableName(source).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attr("pk", ScalarAttributeType.S)).keySchema(key("pk", KeyType.HASH))
                .sseSpecification(s -> s.enabled(true).kmsMasterKeyId("alias/orders"))
                .deletionProtectionEnabled(true)
                .tags(t -> t.key("team").value("orders")));
        TestNode.waiter(db).waitUntilTableExists(b -> b.tableName(source));
        db.updateContinuousBackups(b -> b.tableName(source)
                .pointInTimeRecoverySpecification(s -> s.pointInTimeRecoveryEnabled(true)));

        db.restoreTableToPointInTime(b -> b.sourceTableName(source).targetTableName(source + "-copy")
                .useLatestRestorableTime(true));
        TestNode.waiter(db).waitUntilTableExists(b -> b.tableName(source + "-copy"));

        TableDescription restored = db.describeTable(b -> b.tableName(source + "-copy")).table();
        assertThat(restored.sseDescription().kmsMasterKeyArn()).isEqualTo("arn:aws:kms:us-east-1:000000000000:alias/orders");
        assertThat(restored.deletionProtectionEnabled()).isFalse();
        assertThat(db.listTagsOfResource(b -> b.resourceArn(restored.tableArn())).tags()).isEmpty();
    }

    @Test
    void aCutNeverSplitsATransactionAcrossPartitions() throws Exception {
        String source = "RestoreTxCut";
        createSimpleTable(source);
        // Two partition keys in different partitions of the log.
        String a = keyInPartition(0, 0);
        String b = keyInPartition(1, 0);
        // An item in each partition first, and a digest of it there, for the replay to be checked against.
        String earlierA = keyInPartition(0, 1);
        String earlierB = keyInPartition(1, 1);
        db.putItem(r -> r.tableName(source).item(Map.of("pk", s(earlierA))));
        db.putItem(r -> r.tableName(source).item(Map.of("pk", s(earlierB))));
        Thread.sleep(800);
        Map<Integer, Long> before = logEnds();
        db.transactWriteItems(r -> r.transactItems(
                TransactWriteItem.builder().put(Put.builder().tableName(source).item(Map.of("pk", s(a))).build()).build(),
                TransactWriteItem.builder().put(Put.builder().tableName(source).item(Map.of("pk", s(b))).build()).build()));
        TransactionSteps steps = transactionSteps(before);
        assertThat(steps.decision()).as("the coordinator's decision").isNotNull();
        assertThat(steps.completions()).as("the other participants' completions").isNotEmpty();
        Map<Integer, Long> now = logEnds();

        Map<Integer, Long> decidedNotCompleted = new TreeMap<>(now);
        decidedNotCompleted.put((int) steps.decision()[0], steps.decision()[1] + 1);
        steps.completions().forEach(c -> decidedNotCompleted.put((int) c[0], c[1]));
        assertThat(restoreAtOffsets(source, source + "-decided", decidedNotCompleted).keySet())
                .as("decided inside the cut: the whole transaction").containsExactlyInAnyOrder(a, b, earlierA, earlierB);

        Map<Integer, Long> preparedOnly = new TreeMap<>(now);
        preparedOnly.put((int) steps.decision()[0], steps.decision()[1]);
        steps.completions().forEach(c -> preparedOnly.put((int) c[0], c[1]));
        assertThat(restoreAtOffsets(source, source + "-prepared", preparedOnly).keySet())
                .as("undecided at the cut: none of it").containsExactlyInAnyOrder(earlierA, earlierB);
    }

    @Test
    void aDrillRestoresVerifiesReportsAndCleansUp() throws Exception {
        String source = "DrillOrders";
        createSimpleTable(source);
        for (int i = 0; i < 200; i++) {
            int k = i;
            db.putItem(r -> r.tableName(source).item(Map.of("pk", s("d" + k), "v", n(k))));
        }
        Thread.sleep(700);
        Path reports = Files.createTempDirectory("dynalog-drill-");
        Cli drill = cli("drill", "--table", source, "--to-time", Instant.now().toString(),
                "--report-dir", reports.toString());
        assertThat(drill.exitCode()).as(drill.err()).isZero();
        Path markdown = single(reports, ".md");
        String report = Files.readString(markdown);
        assertThat(report).contains("MATCH").contains(source).doesNotContain("MISMATCH");
        JsonNode json = RawDynamoDb.JSON.readTree(single(reports, ".json").toFile());
        assertThat(json.path("outcome").asText()).isEqualTo("MATCH");
        assertThat(json.path("restoreStatus").path("Table").path("ItemCount").asLong()).isEqualTo(200);
        String scratch = json.path("scratchTable").path("name").asText();
        assertThat(scratch).startsWith(source + "-drill-");
        TestNode.waiter(db).waitUntilTableNotExists(r -> r.tableName(scratch));
    }

    @Test
    void aDamagedDigestInTheLogFailsTheDrillLoudly() throws Exception {
        String source = "DrillForged";
        createSimpleTable(source);
        for (int i = 0; i < 50; i++) {
            int k = i;
            db.putItem(r -> r.tableName(source).item(Map.of("pk", s("f" + k))));
        }
        Thread.sleep(1000);
        String tableId = db.describeTable(r -> r.tableName(source)).table().tableId().replace("-", "");
        forgeLatestDigest(tableId);
        Path reports = Files.createTempDirectory("dynalog-drill-");
        Cli drill = cli("drill", "--table", source, "--latest", "--report-dir", reports.toString());
        assertThat(drill.exitCode()).isEqualTo(2);
        assertThat(drill.err()).contains("MISMATCH");
        String report = Files.readString(single(reports, ".md"));
        assertThat(report.lines().limit(5).toList()).anySatisfy(line -> assertThat(line).contains("MISMATCH"));
        assertThat(report).contains("the log's digest says");
    }

    @Test
    void aRestoredTableChangedAfterwardsNoLongerVerifies() throws Exception {
        String source = "RestoreDamage";
        createSimpleTable(source);
        for (int i = 0; i < 40; i++) {
            int k = i;
            db.putItem(r -> r.tableName(source).item(Map.of("pk", s("x" + k))));
        }
        Cli restore = cli("restore", "--table", source, "--latest", "--into", source + "-copy");
        assertThat(restore.exitCode()).as(restore.err()).isZero();
        assertThat(verifyRestore(source + "-copy").path("Verification").path("Result").asText()).isEqualTo("MATCH");

        db.deleteItem(r -> r.tableName(source + "-copy").key(Map.of("pk", s("x7"))));
        JsonNode damaged = verifyRestore(source + "-copy");
        assertThat(damaged.path("Verification").path("Result").asText()).isEqualTo("MISMATCH");
        int partition = Partitioner.partition(KeyCodec.encodeValue(new dev.dynalog.core.model.AttributeValue.S("x7")), 4);
        assertThat(damaged.path("Verification").path("Problems")).singleElement()
                .satisfies(p -> assertThat(p.asText()).startsWith("partition " + partition + ": the restored table holds"));
    }

    @Test
    void anExportImportsIntoDynamoDbLocalAndIntoDynalogAsTheSourceWas() throws Exception {
        String source = "ExportOrders";
        db.createTable(r -> r.tableName(source).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attr("pk", ScalarAttributeType.S), attr("sk", ScalarAttributeType.N))
                .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE)));
        TestNode.waiter(db).waitUntilTableExists(r -> r.tableName(source));
        for (int i = 0; i < 300; i++) {
            int k = i;
            db.putItem(r -> r.tableName(source).item(Map.of("pk", s("e" + (k % 13)), "sk", n(k),
                    "tags", AttributeValue.fromSs(List.of("a", "b" + k)), "doc",
                    AttributeValue.fromM(Map.of("n", n(k), "l", AttributeValue.fromL(List.of(s("x"),
                            AttributeValue.fromBool(k % 2 == 0))))))));
        }
        Map<String, Map<String, AttributeValue>> expected = scan(source, null);
        Path directory = Files.createTempDirectory("dynalog-export-");
        Cli export = cli("export", "--table", source, "--to", directory.toString());
        assertThat(export.exitCode()).as(export.err()).isZero();

        Cli imported = cli("import", "--from", directory.toString(), "--into", source + "-imported");
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(scan(source + "-imported", null)).isEqualTo(expected);

        try (DynamoDbClient local = Clients.dynamoDb(ReferenceDynamoDb.endpoint());
             DynamoDbExportReader reader = DynamoDbExportReader.open(directory)) {
            String table = source + "-" + System.nanoTime();
            local.createTable(r -> r.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(attr("pk", ScalarAttributeType.S), attr("sk", ScalarAttributeType.N))
                    .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE)));
            List<WriteRequest> batch = new ArrayList<>();
            while (reader.hasNext()) {
                Map<String, AttributeValue> item = SdkItems.toSdk(reader.next());
                batch.add(WriteRequest.builder().putRequest(p -> p.item(item)).build());
                if (batch.size() == 25 || !reader.hasNext()) {
                    List<WriteRequest> page = List.copyOf(batch);
                    assertThat(local.batchWriteItem(r -> r.requestItems(Map.of(table, page))).unprocessedItems()).isEmpty();
                    batch.clear();
                }
            }
            Map<String, Map<String, AttributeValue>> inLocal = new TreeMap<>();
            local.scanPaginator(r -> r.tableName(table)).items().forEach(item -> inLocal.put(keyText(item), item));
            assertThat(inLocal).isEqualTo(expected);
        }
    }


    /** Runs last: it removes the command log's first commands, as retention would. */
    @Test
    @Order(Integer.MAX_VALUE)
    void onceRetentionHasRemovedOldCommandsARestoreStartsFromASnapshot() throws Exception {
        String source = "SnapshotOrders";
        createSimpleTable(source);
        for (int i = 0; i < 100; i++) {
            int k = i;
            db.putItem(r -> r.tableName(source).item(Map.of("pk", s("s" + k), "v", n(k))));
        }
        JsonNode snapshot = admin.post("TakeSnapshot", AdminClient.newRequest()).path("Snapshot");
        Instant afterSnapshot = Instant.now();
        for (int i = 0; i < 100; i += 3) {
            int k = i;
            db.deleteItem(r -> r.tableName(source).key(Map.of("pk", s("s" + k))));
        }
        for (int i = 100; i < 150; i++) {
            int k = i;
            db.putItem(r -> r.tableName(source).item(Map.of("pk", s("s" + k), "v", n(k))));
        }
        Map<String, Map<String, AttributeValue>> expected = scan(source, null);
        Instant beforeSnapshot = Instant.ofEpochMilli(new BigDecimal(snapshot.path("LogTime").asText())
                .movePointRight(3).longValue() - 1);

        Map<TopicPartition, RecordsToDelete> trim = new HashMap<>();
        for (JsonNode part : snapshot.path("Partitions")) {
            trim.put(new TopicPartition("dynalog.commands", part.path("Partition").asInt()),
                    RecordsToDelete.beforeOffset(part.path("EndOffset").asLong()));
        }
        try (Admin kafka = Admin.create(Map.of("bootstrap.servers", node.bootstrapServers()))) {
            kafka.deleteRecords(trim).all().get();
        }

        Cli restore = cli("restore", "--table", source, "--latest", "--into", source + "-restored");
        assertThat(restore.exitCode()).as(restore.err()).isZero();
        assertThat(scan(source + "-restored", null)).isEqualTo(expected);
        JsonNode status = describeRestore(source + "-restored");
        assertThat(status.path("BaseSnapshot").asText()).isEqualTo(snapshot.path("SnapshotId").asText());
        assertThat(status.path("Verification").path("Result").asText()).isEqualTo("MATCH");

        assertThatThrownBy(() -> db.restoreTableToPointInTime(b -> b.sourceTableName(source)
                .targetTableName(source + "-too-early").restoreDateTime(beforeSnapshot)))
                .isInstanceOf(InvalidRestoreTimeException.class);
        Instant earliest = db.describeContinuousBackups(b -> b.tableName(source)).continuousBackupsDescription()
                .pointInTimeRecoveryDescription().earliestRestorableDateTime();
        assertThat(earliest).isAfter(beforeSnapshot).isBeforeOrEqualTo(afterSnapshot);
    }

    // ---- helpers ----

    private record Cli(int exitCode, String out, String err) {
    }

    /** Runs the dynalog command line in this JVM against the test node. */
    private static Cli cli(String... args) {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        CommandLine line = new CommandLine(new Main());
        line.setOut(new java.io.PrintWriter(out, true));
        line.setErr(new java.io.PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--endpoint");
        all.add(node.endpoint().toString());
        int code = line.execute(all.toArray(String[]::new));
        return new Cli(code, out.toString(), err.toString());
    }

    private static Path single(Path directory, String suffix) throws java.io.IOException {
        try (var files = Files.list(directory)) {
            List<Path> found = files.filter(p -> p.toString().endsWith(suffix)).toList();
            assertThat(found).hasSize(1);
            return found.get(0);
        }
    }

    private static void createSimpleTable(String name) {
        db.createTable(r -> r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attr("pk", ScalarAttributeType.S)).keySchema(key("pk", KeyType.HASH)));
        TestNode.waiter(db).waitUntilTableExists(r -> r.tableName(name));
        db.updateContinuousBackups(r -> r.tableName(name)
                .pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(true)));
    }

    /** The {@code n}th string partition key (k0, k1, ...) that dynalog's partitioner puts in the partition. */
    private static String keyInPartition(int partition, int n) {
        int found = 0;
        for (int i = 0; ; i++) {
            String key = "k" + i;
            if (Partitioner.partition(KeyCodec.encodeValue(new dev.dynalog.core.model.AttributeValue.S(key)), 4)
                    == partition && found++ == n) {
                return key;
            }
        }
    }

    private static java.util.Properties consumerProperties() {
        java.util.Properties props = new java.util.Properties();
        props.put("bootstrap.servers", node.bootstrapServers());
        props.put("isolation.level", "read_committed");
        props.put("key.deserializer", ByteArrayDeserializer.class.getName());
        props.put("value.deserializer", ByteArrayDeserializer.class.getName());
        return props;
    }

    private static List<TopicPartition> partitions(String topic) {
        List<TopicPartition> tps = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            tps.add(new TopicPartition(topic, p));
        }
        return tps;
    }

    private static Map<Integer, Long> logEnds() {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties())) {
            Map<Integer, Long> ends = new TreeMap<>();
            consumer.endOffsets(partitions("dynalog.commands")).forEach((tp, o) -> ends.put(tp.partition(), o));
            return ends;
        }
    }

    /** Where the transaction written after {@code from} was decided and where completed: partition and offset. */
    private record TransactionSteps(long[] decision, List<long[]> completions) {
    }

    /**
     * The steps of the one transaction written after {@code from}: its decision in the coordinator's
     * partition and a completion in every other participant (the coordinator may be a partition of
     * none of its items, that of its ClientRequestToken, which the AWS SDK always sends).
     */
    private static TransactionSteps transactionSteps(Map<Integer, Long> from) {
        long[] decision = null;
        List<long[]> completions = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties())) {
            List<TopicPartition> tps = partitions("dynalog.commands");
            // The client is answered once every completion is durable: they are all below the ends now.
            Map<TopicPartition, Long> ends = consumer.endOffsets(tps);
            consumer.assign(tps);
            tps.forEach(tp -> consumer.seek(tp, from.get(tp.partition())));
            while (tps.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    Object body = CommandCodec.decode(r.value()).getBody();
                    if (body instanceof DecideTransaction d && d.getCommit()) {
                        decision = new long[] {r.partition(), r.offset()};
                    } else if (body instanceof CompleteTransaction c && c.getCommit()) {
                        completions.add(new long[] {r.partition(), r.offset()});
                    }
                }
            }
        }
        return new TransactionSteps(decision, completions);
    }

    /** The table restored at the offsets into {@code target}, by partition key. */
    private static Map<String, Map<String, AttributeValue>> restoreAtOffsets(String source, String target,
                                                                           Map<Integer, Long> offsets) {
        StringBuilder cut = new StringBuilder();
        offsets.forEach((p, o) -> cut.append(cut.length() == 0 ? "" : ",").append(p).append(':').append(o));
        Cli restore = cli("restore", "--table", source, "--to-offsets", cut.toString(), "--into", target);
        assertThat(restore.exitCode()).as(restore.err()).isZero();
        return scan(target, null);
    }

    /** Appends to the digests topic a copy of the table's latest digest with a wrong checksum. */
    private static void forgeLatestDigest(String tableId) {
        TableDigest latest = null;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties())) {
            List<TopicPartition> tps = partitions("dynalog.digests");
            Map<TopicPartition, Long> ends = consumer.endOffsets(tps);
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            while (tps.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    TableDigest d = TableDigestCodec.decode(r.value());
                    if (d.getTableId().equals(tableId) && d.getTable().getItemCount() > 0) {
                        latest = d;
                    }
                }
            }
        }
        assertThat(latest).as("a digest of the table").isNotNull();
        latest.getTable().setChecksum(latest.getTable().getChecksum() + 1);
        java.util.Properties props = new java.util.Properties();
        props.put("bootstrap.servers", node.bootstrapServers());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>("dynalog.digests", latest.getPartition(), tableId.getBytes(),
                    TableDigestCodec.encode(latest)));
        }
    }

    private static JsonNode verifyRestore(String target) throws Exception {
        ObjectNode request = AdminClient.newRequest();
        request.put("TargetTableName", target);
        admin.post("VerifyRestore", request);
        for (int i = 0; i < 300; i++) {
            JsonNode status = describeRestore(target);
            if (status.path("Status").asText().equals("COMPLETED") || status.path("Status").asText().equals("FAILED")) {
                return status;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the verification of " + target + " did not end");
    }

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
            String pk = item.get("pk").s();
            // The busy writer's keys are w<sequence>: the sequence, for the prefix check.
            return pk.startsWith("w") ? pk.substring(1) : pk;
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
