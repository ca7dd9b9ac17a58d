package dev.dynalog.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Time to Live end to end on a real node: UpdateTimeToLive and DescribeTimeToLive through the AWS
 * SDK, items deleted by the node's sweeper through the log, their REMOVE records on the DynamoDB
 * Streams API with the TTL service's identity, their global index entries gone, and a restart in
 * the middle of the sweeps deleting nothing wrongly or twice. The sweep interval is
 * {@code -Dttl.sweep.interval.ms} (500 ms unless given), so that the delay it measures can be
 * taken at the default interval too.
 */
class TimeToLiveIT {
    private static final Duration SWEEP = Duration.ofMillis(Long.getLong("ttl.sweep.interval.ms", 500));
    /** How long after its expiry an item may take to go: a sweep, the log, and room for a slow machine. */
    private static final Duration PATIENCE = SWEEP.multipliedBy(2).plusSeconds(30);
    private static final String SERVICE = "Service";
    private static final String PRINCIPAL = "dynamodb.amazonaws.com";

    private static Path dataDir;
    private static TestNode node;

    @BeforeAll
    static void startNode() throws Exception {
        dataDir = Files.createTempDirectory("dynalog-ttl-it-");
        node = start();
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    private static TestNode start() throws Exception {
        return TestNode.start(dataDir, config -> config.withTtlSweepInterval(SWEEP));
    }

    @Test
    void describeTimeToLiveFollowsUpdateTimeToLiveThroughEnablingToEnabled() {
        DynamoDbClient db = node.client();
        createTable(db, "ttl_settings", false, false);
        assertThat(db.describeTimeToLive(b -> b.tableName("ttl_settings")).timeToLiveDescription().timeToLiveStatus())
                .isEqualTo(TimeToLiveStatus.DISABLED);

        var spec = db.updateTimeToLive(b -> b.tableName("ttl_settings")
                .timeToLiveSpecification(s -> s.enabled(true).attributeName("expiresAt"))).timeToLiveSpecification();

        assertThat(spec.enabled()).isTrue();
        assertThat(spec.attributeName()).isEqualTo("expiresAt");
        var described = db.describeTimeToLive(b -> b.tableName("ttl_settings")).timeToLiveDescription();
        assertThat(described.timeToLiveStatus()).isIn(TimeToLiveStatus.ENABLING, TimeToLiveStatus.ENABLED);
        assertThat(described.attributeName()).isEqualTo("expiresAt");
        await("TTL ENABLED", SWEEP.multipliedBy(2).plusSeconds(5), () -> db.describeTimeToLive(b -> b.tableName("ttl_settings"))
                .timeToLiveDescription().timeToLiveStatus() == TimeToLiveStatus.ENABLED);

        assertThatThrownBy(() -> db.updateTimeToLive(b -> b.tableName("ttl_settings")
                .timeToLiveSpecification(s -> s.enabled(true).attributeName("expiresAt"))))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("TimeToLive is already enabled");
                });
        assertThatThrownBy(() -> db.updateTimeToLive(b -> b.tableName("ttl_settings")
                .timeToLiveSpecification(s -> s.enabled(false).attributeName("expiresAt"))))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("Time to live has been modified multiple times within a fixed interval"));
        assertThatThrownBy(() -> db.describeTimeToLive(b -> b.tableName("ttl_nothing")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void expiredItemsGoWithRemoveRecordsOfTheTimeToLiveServiceAndLeaveTheirGlobalIndex() {
        DynamoDbClient db = node.client();
        String table = "ttl_sessions";
        createTable(db, table, true, true);
        enable(db, table);
        long now = Instant.now().getEpochSecond();
        List<String> expired = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            expired.add("past-" + i);
            put(db, table, "past-" + i, Map.of("expiresAt", n(now - 60 - i)));
        }
        put(db, table, "future", Map.of("expiresAt", n(now + 3600)));
        put(db, table, "text", Map.of("expiresAt", AttributeValue.fromS(String.valueOf(now - 60))));
        put(db, table, "set", Map.of("expiresAt", AttributeValue.fromNs(List.of(String.valueOf(now - 60)))));
        put(db, table, "none", Map.of());
        put(db, table, "ancient", Map.of("expiresAt", n(now - 6L * 366 * 24 * 3600)));
        List<String> kept = List.of("future", "text", "set", "none", "ancient");

        await("expired items deleted", PATIENCE, () -> expired.stream().noneMatch(id -> exists(db, table, id)));

        assertThat(kept).allSatisfy(id -> assertThat(exists(db, table, id)).as(id).isTrue());
        StreamReader reader = new StreamReader(node, table);
        List<Record> removes = new ArrayList<>();
        await("REMOVE records", PATIENCE, () -> {
            reader.poll().stream().filter(r -> r.eventName() == OperationType.REMOVE).forEach(removes::add);
            return removes.size() >= expired.size();
        });
        assertThat(removes).extracting(TimeToLiveIT::id).containsExactlyInAnyOrderElementsOf(expired);
        assertThat(removes).allSatisfy(r -> {
            assertThat(r.userIdentity()).isNotNull();
            assertThat(r.userIdentity().type()).isEqualTo(SERVICE);
            assertThat(r.userIdentity().principalId()).isEqualTo(PRINCIPAL);
            assertThat(r.dynamodb().oldImage()).containsKey("expiresAt");
        });
        await("global index without the expired items", PATIENCE, () -> db.query(b -> b.tableName(table)
                        .indexName("byUser").keyConditionExpression("#u = :u")
                        .expressionAttributeNames(Map.of("#u", "user")).expressionAttributeValues(Map.of(":u", s("u"))))
                .items().stream().map(i -> i.get("id").s()).sorted().toList()
                .equals(kept.stream().sorted().toList()));
    }

    @Test
    void itemsOfATableWithoutTimeToLiveNeverExpire() {
        DynamoDbClient db = node.client();
        createTable(db, "ttl_off", false, false);
        put(db, "ttl_off", "past", Map.of("expiresAt", n(Instant.now().getEpochSecond() - 60)));

        sleep(SWEEP.multipliedBy(3));

        assertThat(exists(db, "ttl_off", "past")).isTrue();
    }

    @Test
    void aRestartInTheMiddleOfTheSweepsDeletesNothingWronglyOrTwice() throws Exception {
        String table = "ttl_restart";
        createTable(node.client(), table, true, false);
        enable(node.client(), table);
        long expiresAt = Instant.now().getEpochSecond() + 4;
        // More than a sweep may have in flight: deleting them all takes several sweeps.
        int expiring = 2_500;
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int i = 0; i < expiring; i++) {
            items.add(item("e-" + i, Map.of("expiresAt", n(expiresAt))));
        }
        for (int i = 0; i < 100; i++) {
            items.add(item("r-" + i, Map.of("expiresAt", n(expiresAt))));
            items.add(item("f-" + i, Map.of("expiresAt", n(expiresAt + 3600))));
        }
        batchWrite(node.client(), table, items);
        awaitEpochSecond(expiresAt);
        // Renewed as the sweeps run: an expiry appended before a renewal is decided after it, and must keep the item.
        for (int i = 0; i < 100; i++) {
            put(node.client(), table, "r-" + i, Map.of("expiresAt", n(expiresAt + 3600)));
        }
        await("the first expiries", PATIENCE, () -> !exists(node.client(), table, "e-0")
                || node.client().scan(b -> b.tableName(table).select("COUNT")).count() < items.size());

        int left = node.client().scan(b -> b.tableName(table).select("COUNT")).count() - 200;
        node.close();
        System.out.printf("TTL restart: the node stopped with %d of %d expired items not yet deleted%n", left, expiring);
        node = start();

        DynamoDbClient db = node.client();
        await("every expired item deleted", PATIENCE.multipliedBy(2),
                () -> db.scan(b -> b.tableName(table).select("COUNT")).count() == 200);
        Map<String, List<Record>> byItem = new HashMap<>();
        StreamReader reader = new StreamReader(node, table);
        await("every REMOVE record", PATIENCE, () -> {
            reader.poll().forEach(r -> byItem.computeIfAbsent(id(r), k -> new ArrayList<>()).add(r));
            return byItem.values().stream().filter(rs -> rs.get(rs.size() - 1).eventName() == OperationType.REMOVE)
                    .count() >= expiring;
        });
        sleep(SWEEP.multipliedBy(4));
        reader.poll().forEach(r -> byItem.computeIfAbsent(id(r), k -> new ArrayList<>()).add(r));

        for (int i = 0; i < expiring; i++) {
            assertThat(byItem.get("e-" + i)).as("records of e-%d", i).extracting(Record::eventName)
                    .containsExactly(OperationType.INSERT, OperationType.REMOVE);
        }
        for (int i = 0; i < 100; i++) {
            List<Record> renewed = byItem.get("r-" + i);
            // Deleted before its renewal, or not at all: never after it.
            assertThat(renewed.get(renewed.size() - 1).eventName()).as("last record of r-%d", i)
                    .isNotEqualTo(OperationType.REMOVE);
            assertThat(exists(db, table, "r-" + i)).isTrue();
            assertThat(byItem.get("f-" + i)).extracting(Record::eventName).containsExactly(OperationType.INSERT);
        }
        assertThat(byItem.values().stream().flatMap(List::stream).filter(r -> r.eventName() == OperationType.REMOVE))
                .allSatisfy(r -> assertThat(r.userIdentity().principalId()).isEqualTo(PRINCIPAL));
    }

    @Test
    void aRestoreFromTheLogDecidesEveryExpiryAsTheTableDid() {
        DynamoDbClient db = node.client();
        String table = "ttl_restored";
        createTable(db, table, false, true);
        db.updateContinuousBackups(b -> b.tableName(table)
                .pointInTimeRecoverySpecification(s -> s.pointInTimeRecoveryEnabled(true)));
        enable(db, table);
        long now = Instant.now().getEpochSecond();
        for (int i = 0; i < 20; i++) {
            put(db, table, "past-" + i, Map.of("expiresAt", n(now - 60)));
            put(db, table, "kept-" + i, Map.of("expiresAt", n(now + 3600)));
        }
        // Renewed right away: deleted in between or not, the restore must tell the same story.
        for (int i = 0; i < 20; i++) {
            put(db, table, "renewed-" + i, Map.of("expiresAt", n(now - 60)));
            put(db, table, "renewed-" + i, Map.of("expiresAt", n(now + 3600)));
        }
        await("expired items deleted", PATIENCE, () -> db.scan(b -> b.tableName(table).select("COUNT")).count() == 40);

        db.restoreTableToPointInTime(b -> b.sourceTableName(table).targetTableName(table + "-copy")
                .useLatestRestorableTime(true));
        TestNode.waiter(db).waitUntilTableExists(b -> b.tableName(table + "-copy"));

        assertThat(items(db, table + "-copy")).isEqualTo(items(db, table));
        assertThat(items(db, table + "-copy")).doesNotContainKeys("past-0", "past-19").containsKeys("kept-0", "renewed-0");
        // As in DynamoDB, a restored table's TTL is not carried over.
        assertThat(db.describeTimeToLive(b -> b.tableName(table + "-copy")).timeToLiveDescription().timeToLiveStatus())
                .isEqualTo(TimeToLiveStatus.DISABLED);
    }

    private static Map<String, Map<String, AttributeValue>> items(DynamoDbClient db, String table) {
        Map<String, Map<String, AttributeValue>> items = new HashMap<>();
        db.scanPaginator(b -> b.tableName(table).consistentRead(true)).items()
                .forEach(i -> items.put(i.get("id").s(), i));
        return items;
    }

    /**
     * The delay a Streams API reader sees from an item's expiry time to its REMOVE record, over 200
     * items expiring over a few seconds; printed, and bounded by the sweep interval and the log.
     */
    @Test
    void theRemoveRecordOfAnExpiredItemFollowsItsExpiryWithinASweepInterval() {
        DynamoDbClient db = node.client();
        String table = "ttl_delay";
        createTable(db, table, true, false);
        enable(db, table);
        StreamReader reader = new StreamReader(node, table);
        long first = Instant.now().getEpochSecond() + 3;
        Map<String, Long> expiry = new LinkedHashMap<>();
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            long at = first + i % 8;
            expiry.put("d-" + i, at);
            items.add(item("d-" + i, Map.of("expiresAt", n(at))));
        }
        batchWrite(db, table, items);
        Map<String, Long> seenAt = new HashMap<>();
        await("200 REMOVE records", Duration.ofSeconds(8).plus(PATIENCE), () -> {
            List<Record> records = reader.poll();
            long now = System.currentTimeMillis();
            records.stream().filter(r -> r.eventName() == OperationType.REMOVE).forEach(r -> seenAt.put(id(r), now));
            sleep(Duration.ofMillis(20));
            return seenAt.size() == 200;
        });

        List<Long> delays = expiry.entrySet().stream().map(e -> seenAt.get(e.getKey()) - e.getValue() * 1000)
                .sorted().toList();
        long p50 = delays.get(delays.size() / 2);
        long p99 = delays.get((int) Math.ceil(delays.size() * 0.99) - 1);
        System.out.printf("TTL delay from an item's expiry to its REMOVE record at a Streams API reader, 200 items, "
                + "sweep interval %d ms: min %d ms, p50 %d ms, p99 %d ms, max %d ms%n", SWEEP.toMillis(), delays.get(0),
                p50, p99, delays.get(delays.size() - 1));
        assertThat(delays.get(0)).as("no item deleted before its expiry").isGreaterThanOrEqualTo(0);
        assertThat(p99).isLessThan(SWEEP.multipliedBy(2).plusSeconds(5).toMillis());
    }

    private static void createTable(DynamoDbClient db, String table, boolean stream, boolean globalIndex) {
        db.createTable(b -> {
            b.tableName(table).billingMode("PAY_PER_REQUEST")
                    .keySchema(k -> k.attributeName("id").keyType("HASH"));
            if (globalIndex) {
                b.attributeDefinitions(a -> a.attributeName("id").attributeType("S"),
                                a -> a.attributeName("user").attributeType("S"))
                        .globalSecondaryIndexes(g -> g.indexName("byUser")
                                .keySchema(k -> k.attributeName("user").keyType("HASH"))
                                .projection(p -> p.projectionType(ProjectionType.ALL)));
            } else {
                b.attributeDefinitions(a -> a.attributeName("id").attributeType("S"));
            }
            if (stream) {
                b.streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES));
            }
        });
        TestNode.waiter(db).waitUntilTableExists(b -> b.tableName(table));
    }

    private static void enable(DynamoDbClient db, String table) {
        db.updateTimeToLive(b -> b.tableName(table).timeToLiveSpecification(s -> s.enabled(true).attributeName("expiresAt")));
    }

    private static Map<String, AttributeValue> item(String id, Map<String, AttributeValue> attributes) {
        Map<String, AttributeValue> item = new HashMap<>(attributes);
        item.put("id", s(id));
        item.put("user", s("u"));
        return item;
    }

    private static void put(DynamoDbClient db, String table, String id, Map<String, AttributeValue> attributes) {
        db.putItem(b -> b.tableName(table).item(item(id, attributes)));
    }

    private static void batchWrite(DynamoDbClient db, String table, List<Map<String, AttributeValue>> items) {
        for (int from = 0; from < items.size(); from += 25) {
            List<WriteRequest> requests = items.subList(from, Math.min(items.size(), from + 25)).stream()
                    .map(i -> WriteRequest.builder().putRequest(PutRequest.builder().item(i).build()).build())
                    .collect(Collectors.toList());
            Map<String, List<WriteRequest>> pending = Map.of(table, requests);
            while (!pending.isEmpty()) {
                Map<String, List<WriteRequest>> batch = pending;
                BatchWriteItemResponse r = db.batchWriteItem(b -> b.requestItems(batch));
                pending = r.unprocessedItems();
            }
        }
    }

    private static boolean exists(DynamoDbClient db, String table, String id) {
        return db.getItem(b -> b.tableName(table).key(Map.of("id", s(id))).consistentRead(true)).hasItem();
    }

    private static String id(Record r) {
        return r.dynamodb().keys().get("id").s();
    }

    private static void awaitEpochSecond(long second) {
        long wait = second * 1000 - System.currentTimeMillis();
        if (wait > 0) {
            sleep(Duration.ofMillis(wait));
        }
    }

    private static void await(String what, Duration patience, BooleanSupplier done) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as("%s within %s", what, patience).isLessThan(deadline);
            sleep(Duration.ofMillis(50));
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(long v) {
        return AttributeValue.fromN(String.valueOf(v));
    }

    /** Follows every shard of a table's stream from its start, as a DynamoDB Streams reader does. */
    private static final class StreamReader {
        private final DynamoDbStreamsClient streams;
        private final Map<String, String> iterators = new LinkedHashMap<>();

        StreamReader(TestNode node, String table) {
            this.streams = Clients.streams(node.endpoint());
            String arn = node.client().describeTable(b -> b.tableName(table)).table().latestStreamArn();
            for (Shard shard : streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards()) {
                iterators.put(shard.shardId(), streams.getShardIterator(b -> b.streamArn(arn).shardId(shard.shardId())
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator());
            }
        }

        /** The records that arrived since the last poll, shard by shard. */
        List<Record> poll() {
            List<Record> records = new ArrayList<>();
            for (Map.Entry<String, String> shard : iterators.entrySet()) {
                if (shard.getValue() == null) {
                    continue;
                }
                GetRecordsResponse r = streams.getRecords(b -> b.shardIterator(shard.getValue()));
                records.addAll(r.records());
                shard.setValue(r.nextShardIterator());
            }
            return records;
        }
    }
}
