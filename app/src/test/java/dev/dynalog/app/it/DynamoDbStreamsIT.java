package dev.dynalog.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamStatus;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** The DynamoDB Streams API on dynalog's endpoint, through the AWS SDK v2's DynamoDbStreamsClient. */
class DynamoDbStreamsIT {
    private static final String TABLE = "ds_music";
    private static DynamoDbClient db;
    private static DynamoDbStreamsClient streams;
    private static String streamArn;
    private static Instant before;

    @BeforeAll
    static void createTableAndWrite() {
        db = TestNode.shared().client();
        streams = Clients.streams(TestNode.shared().endpoint());
        db.createTable(b -> b.tableName(TABLE).billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(a -> a.attributeName("pk").attributeType("S"))
                .keySchema(k -> k.attributeName("pk").keyType("HASH"))
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
        TestNode.waiter(db).waitUntilTableExists(b -> b.tableName(TABLE));
        streamArn = db.describeTable(b -> b.tableName(TABLE)).table().latestStreamArn();
        before = Instant.now().minusSeconds(1);
        db.putItem(b -> b.tableName(TABLE).item(Map.of("pk", s("a"), "n", n("1"))));
        db.updateItem(b -> b.tableName(TABLE).key(Map.of("pk", s("a"))).updateExpression("SET n = :n")
                .expressionAttributeValues(Map.of(":n", n("2"))));
        db.deleteItem(b -> b.tableName(TABLE).key(Map.of("pk", s("a"))));
        db.putItem(b -> b.tableName(TABLE).item(Map.of("pk", s("b"))));
    }

    @Test
    void listStreamsNamesTheTablesLatestStream() {
        assertThat(streams.listStreams(b -> b.tableName(TABLE)).streams()).singleElement().satisfies(s -> {
            assertThat(s.streamArn()).isEqualTo(streamArn);
            assertThat(s.tableName()).isEqualTo(TABLE);
            assertThat(streamArn).endsWith("/stream/" + s.streamLabel());
        });
    }

    @Test
    void describeStreamHasOneShardPerPartition() {
        DescribeStreamResponse d = streams.describeStream(b -> b.streamArn(streamArn));
        assertThat(d.streamDescription().streamStatus()).isEqualTo(StreamStatus.ENABLED);
        assertThat(d.streamDescription().streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
        assertThat(d.streamDescription().keySchema()).singleElement().satisfies(k -> assertThat(k.attributeName()).isEqualTo("pk"));
        assertThat(d.streamDescription().shards()).hasSize(4).allSatisfy(shard ->
                assertThat(shard.sequenceNumberRange().startingSequenceNumber()).matches("\\d{21}"));
    }

    @Test
    void getRecordsFromTrimHorizonGivesEveryChangeOfAnItemInOrderWithItsImages() {
        List<Record> all = readAll(ShardIteratorType.TRIM_HORIZON, null, 4);

        List<Record> ofA = all.stream().filter(r -> r.dynamodb().keys().get("pk").s().equals("a")).toList();
        assertThat(ofA).extracting(Record::eventName)
                .containsExactly(OperationType.INSERT, OperationType.MODIFY, OperationType.REMOVE);
        assertThat(ofA.get(1).dynamodb().oldImage()).isEqualTo(Map.of("pk", s("a"), "n", n("1")));
        assertThat(ofA.get(1).dynamodb().newImage()).isEqualTo(Map.of("pk", s("a"), "n", n("2")));
        assertThat(ofA.get(2).dynamodb().newImage()).isEmpty();
        assertThat(all).allSatisfy(r -> {
            assertThat(r.eventSource()).isEqualTo("aws:dynamodb");
            assertThat(r.dynamodb().approximateCreationDateTime()).isBetween(before, Instant.now());
            assertThat(r.dynamodb().sizeBytes()).isPositive();
        });
        assertThat(all).extracting(Record::eventID).doesNotHaveDuplicates();
    }

    @Test
    void atAndAfterSequenceNumberStartAtThatRecordOrTheNextOne() {
        Shard shard = shardOf("a");
        Record modify = readShard(shard, ShardIteratorType.TRIM_HORIZON, null, 3).get(1);
        String seq = modify.dynamodb().sequenceNumber();

        assertThat(readShard(shard, ShardIteratorType.AT_SEQUENCE_NUMBER, seq, 1).get(0).eventName())
                .isEqualTo(OperationType.MODIFY);
        assertThat(readShard(shard, ShardIteratorType.AFTER_SEQUENCE_NUMBER, seq, 1).get(0).eventName())
                .isEqualTo(OperationType.REMOVE);
    }

    @Test
    void latestSeesOnlyWhatIsWrittenAfterIt() {
        Shard shard = shardOf("a");
        String iterator = streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shard.shardId())
                .shardIteratorType(ShardIteratorType.LATEST)).shardIterator();
        GetRecordsResponse nothing = streams.getRecords(b -> b.shardIterator(iterator));
        assertThat(nothing.records()).isEmpty();

        db.putItem(b -> b.tableName(TABLE).item(Map.of("pk", s("a"), "n", n("9"))));
        List<Record> seen = new ArrayList<>();
        String next = nothing.nextShardIterator();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (seen.isEmpty() && System.nanoTime() < deadline) {
            String it = next;
            GetRecordsResponse r = streams.getRecords(b -> b.shardIterator(it));
            seen.addAll(r.records());
            next = r.nextShardIterator();
        }
        assertThat(seen).singleElement().satisfies(r -> {
            assertThat(r.eventName()).isEqualTo(OperationType.INSERT);
            assertThat(r.dynamodb().newImage()).containsEntry("n", n("9"));
        });
    }

    @Test
    void limitBoundsAPageAndTheNextIteratorContinues() {
        Shard shard = shardOf("a");
        String iterator = streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shard.shardId())
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        GetRecordsResponse first = streams.getRecords(b -> b.shardIterator(iterator).limit(1));
        GetRecordsResponse second = streams.getRecords(b -> b.shardIterator(first.nextShardIterator()).limit(1));

        assertThat(first.records()).extracting(Record::eventName).containsExactly(OperationType.INSERT);
        assertThat(second.records()).extracting(Record::eventName).containsExactly(OperationType.MODIFY);
        assertThatThrownBy(() -> streams.getRecords(b -> b.shardIterator(iterator).limit(1001)))
                .hasMessageContaining("Member must have value less than or equal to 1000");
    }

    @Test
    void anUnknownStreamOrShardIsNotFound() {
        assertThatThrownBy(() -> streams.describeStream(b -> b.streamArn(streamArn.replace(TABLE, "ds_nothing"))))
                .isInstanceOf(software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException.class);
        assertThatThrownBy(() -> streams.getShardIterator(b -> b.streamArn(streamArn).shardId("shardId-nothing")
                .shardIteratorType(ShardIteratorType.LATEST)))
                .isInstanceOf(software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException.class);
    }

    private Shard shardOf(String pk) {
        for (Shard shard : streams.describeStream(b -> b.streamArn(streamArn)).streamDescription().shards()) {
            List<Record> records = readShard(shard, ShardIteratorType.TRIM_HORIZON, null, 0);
            if (records.stream().anyMatch(r -> r.dynamodb().keys().get("pk").s().equals(pk))) {
                return shard;
            }
        }
        throw new AssertionError("no shard has " + pk);
    }

    private List<Record> readAll(ShardIteratorType type, String seq, int atLeast) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            List<Record> all = new ArrayList<>();
            for (Shard shard : streams.describeStream(b -> b.streamArn(streamArn)).streamDescription().shards()) {
                all.addAll(readShard(shard, type, seq, 0));
            }
            if (all.size() >= atLeast || System.nanoTime() > deadline) {
                return all;
            }
        }
    }

    /** Reads a shard until a page comes back empty (and at least {@code atLeast} records arrived). */
    private List<Record> readShard(Shard shard, ShardIteratorType type, String seq, int atLeast) {
        String iterator = streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shard.shardId())
                .shardIteratorType(type).sequenceNumber(seq)).shardIterator();
        List<Record> records = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (iterator != null && System.nanoTime() < deadline) {
            String it = iterator;
            GetRecordsResponse r = streams.getRecords(b -> b.shardIterator(it));
            records.addAll(r.records());
            iterator = r.nextShardIterator();
            if (r.records().isEmpty() && records.size() >= atLeast) {
                break;
            }
        }
        return records;
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(String v) {
        return AttributeValue.fromN(v);
    }
}
