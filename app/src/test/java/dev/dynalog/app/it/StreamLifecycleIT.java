package dev.dynalog.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
import software.amazon.awssdk.services.dynamodb.model.StreamStatus;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * A stream disabled and enabled again, as DynamoDB documents it: the disabled stream stays
 * readable (for 24 hours) under its own ARN with its shards closed, each with an
 * EndingSequenceNumber, and a reader of it reaches the end of every shard (no next iterator);
 * enabling again starts a new stream with a new ARN, whose shards hold only what was written since.
 * ListStreams lists both. Deleting a table disables its stream, which stays readable for 24 hours,
 * also once a new table has taken the name.
 */
class StreamLifecycleIT {
    private static final String TABLE = "stream_lifecycle";
    private static final int ITEMS = 8;

    private static DynamoDbClient db;
    private static DynamoDbStreamsClient streams;
    private static String firstArn;
    private static String secondArn;

    @BeforeAll
    static void writeDisableEnableAgainAndWrite() {
        db = TestNode.shared().client();
        streams = Clients.streams(TestNode.shared().endpoint());
        db.createTable(b -> b.tableName(TABLE).billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(a -> a.attributeName("pk").attributeType("S"))
                .keySchema(k -> k.attributeName("pk").keyType("HASH"))
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE)));
        TestNode.waiter(db).waitUntilTableExists(b -> b.tableName(TABLE));
        firstArn = db.describeTable(b -> b.tableName(TABLE)).table().latestStreamArn();
        put("first");

        db.updateTable(b -> b.tableName(TABLE).streamSpecification(s -> s.streamEnabled(false)));
        TestNode.waiter(db).waitUntilTableExists(b -> b.tableName(TABLE));
        db.updateTable(b -> b.tableName(TABLE)
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.KEYS_ONLY)));
        TestNode.waiter(db).waitUntilTableExists(b -> b.tableName(TABLE));
        secondArn = db.describeTable(b -> b.tableName(TABLE)).table().latestStreamArn();
        put("second");
    }

    @Test
    void enablingAgainStartsAStreamWithANewArnAndListStreamsListsBoth() {
        assertThat(secondArn).isNotEqualTo(firstArn);
        assertThat(streams.listStreams(b -> b.tableName(TABLE)).streams())
                .extracting(s -> s.streamArn())
                .containsExactlyInAnyOrder(firstArn, secondArn);
    }

    @Test
    void theDisabledStreamIsDescribedDisabledWithEveryShardClosed() {
        StreamDescription d = streams.describeStream(b -> b.streamArn(firstArn)).streamDescription();

        assertThat(d.streamStatus()).isEqualTo(StreamStatus.DISABLED);
        assertThat(d.streamViewType()).isEqualTo(StreamViewType.NEW_IMAGE);
        assertThat(d.shards()).isNotEmpty().allSatisfy(shard -> {
            assertThat(shard.sequenceNumberRange().endingSequenceNumber()).matches("\\d{21,40}");
            assertThat(new java.math.BigInteger(shard.sequenceNumberRange().endingSequenceNumber()))
                    .isGreaterThanOrEqualTo(new java.math.BigInteger(shard.sequenceNumberRange().startingSequenceNumber()));
        });
    }

    @Test
    void theDisabledStreamGivesWhatWasWrittenWhileItWasEnabledAndEndsEveryShard() {
        List<Record> records = new ArrayList<>();
        for (Shard shard : streams.describeStream(b -> b.streamArn(firstArn)).streamDescription().shards()) {
            records.addAll(readToTheEnd(firstArn, shard));
        }

        assertThat(records).extracting(r -> r.dynamodb().keys().get("pk").s())
                .containsExactlyInAnyOrderElementsOf(keys("first"));
        assertThat(records).allSatisfy(r -> assertThat(r.dynamodb().newImage()).containsKey("pk"));
        List<String> endings = streams.describeStream(b -> b.streamArn(firstArn)).streamDescription().shards().stream()
                .map(s -> s.sequenceNumberRange().endingSequenceNumber()).toList();
        assertThat(records).allSatisfy(r -> assertThat(endings.stream().anyMatch(e ->
                new java.math.BigInteger(e).compareTo(new java.math.BigInteger(r.dynamodb().sequenceNumber())) >= 0))
                .isTrue());
    }

    @Test
    void theNewStreamHasOpenShardsAndOnlyWhatWasWrittenSinceItWasEnabled() {
        StreamDescription d = streams.describeStream(b -> b.streamArn(secondArn)).streamDescription();
        assertThat(d.streamStatus()).isEqualTo(StreamStatus.ENABLED);
        assertThat(d.streamViewType()).isEqualTo(StreamViewType.KEYS_ONLY);
        assertThat(d.shards()).allSatisfy(s -> assertThat(s.sequenceNumberRange().endingSequenceNumber()).isNull());

        List<Record> records = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (records.size() < ITEMS && System.nanoTime() < deadline) {
            records.clear();
            for (Shard shard : d.shards()) {
                records.addAll(readUntilEmpty(secondArn, shard));
            }
        }
        assertThat(records).extracting(r -> r.dynamodb().keys().get("pk").s())
                .containsExactlyInAnyOrderElementsOf(keys("second"));
        assertThat(records).allSatisfy(r -> assertThat(r.dynamodb().newImage()).isEmpty());
    }

    @Test
    void aDeletedTablesStreamStaysReadableDisabledAlsoOnceANewTableTakesItsName() {
        String table = "stream_of_deleted";
        createWithStream(table);
        String deletedArn = db.describeTable(b -> b.tableName(table)).table().latestStreamArn();
        put(table, "old");
        db.deleteTable(b -> b.tableName(table));
        TestNode.waiter(db).waitUntilTableNotExists(b -> b.tableName(table));

        StreamDescription d = streams.describeStream(b -> b.streamArn(deletedArn)).streamDescription();
        assertThat(d.streamStatus()).isEqualTo(StreamStatus.DISABLED);
        assertThat(d.tableName()).isEqualTo(table);
        assertThat(d.shards()).isNotEmpty()
                .allSatisfy(shard -> assertThat(shard.sequenceNumberRange().endingSequenceNumber()).isNotNull());

        createWithStream(table);
        String newArn = db.describeTable(b -> b.tableName(table)).table().latestStreamArn();
        put(table, "new");

        assertThat(streams.listStreams(b -> b.tableName(table)).streams()).extracting(s -> s.streamArn())
                .containsExactlyInAnyOrder(deletedArn, newArn);
        List<Record> records = new ArrayList<>();
        for (Shard shard : streams.describeStream(b -> b.streamArn(deletedArn)).streamDescription().shards()) {
            records.addAll(readToTheEnd(deletedArn, shard));
        }
        assertThat(records).extracting(r -> r.dynamodb().keys().get("pk").s())
                .containsExactlyInAnyOrderElementsOf(keys("old"));
        db.deleteTable(b -> b.tableName(table));
    }

    private static void createWithStream(String table) {
        db.createTable(b -> b.tableName(table).billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(a -> a.attributeName("pk").attributeType("S"))
                .keySchema(k -> k.attributeName("pk").keyType("HASH"))
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE)));
        TestNode.waiter(db).waitUntilTableExists(b -> b.tableName(table));
    }

    private static void put(String table, String prefix) {
        for (String key : keys(prefix)) {
            db.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS(key))));
        }
    }

    private static void put(String prefix) {
        for (String key : keys(prefix)) {
            db.putItem(b -> b.tableName(TABLE).item(Map.of("pk", AttributeValue.fromS(key))));
        }
    }

    private static List<String> keys(String prefix) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) {
            keys.add(prefix + "-" + i);
        }
        return keys;
    }

    /** Reads a closed shard from its start until GetRecords gives no next iterator. */
    private static List<Record> readToTheEnd(String arn, Shard shard) {
        String iterator = streams.getShardIterator(b -> b.streamArn(arn).shardId(shard.shardId())
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        List<Record> records = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (iterator != null) {
            assertThat(System.nanoTime()).as("shard %s of the disabled stream ends", shard.shardId()).isLessThan(deadline);
            String it = iterator;
            GetRecordsResponse r = streams.getRecords(b -> b.shardIterator(it));
            records.addAll(r.records());
            iterator = r.nextShardIterator();
        }
        return records;
    }

    private static List<Record> readUntilEmpty(String arn, Shard shard) {
        String iterator = streams.getShardIterator(b -> b.streamArn(arn).shardId(shard.shardId())
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        List<Record> records = new ArrayList<>();
        while (iterator != null) {
            String it = iterator;
            GetRecordsResponse r = streams.getRecords(b -> b.shardIterator(it));
            records.addAll(r.records());
            iterator = r.records().isEmpty() ? null : r.nextShardIterator();
        }
        return records;
    }
}
