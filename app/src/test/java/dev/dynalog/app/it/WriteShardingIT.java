package dev.dynalog.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Write sharding of a hot partition key, as a worked example. All of one day's events would go to
 * one partition key, {@code 2024-06-01}; instead each event goes to one of {@value #SHARDS} keys,
 * {@code 2024-06-01#0} .. {@code 2024-06-01#9}, chosen by a hash of the event's id, so that a
 * writer knows the shard and the writes spread over the partitions. A reader of the day asks every
 * shard, in parallel, and merges the answers.
 *
 * <p>A GSI on the sharded key with the event's score as range key gives the day's top scores the
 * same way: the top few of each shard, merged. The example runs against dynalog and against
 * DynamoDB Local.
 */
@ParameterizedClass(name = "on {0}")
@ValueSource(strings = {"dynalog", "DynamoDB Local"})
class WriteShardingIT {
    static final int SHARDS = 10;
    private static final String TABLE = "ws_events";
    private static final String DAY = "2024-06-01";
    private static final int EVENTS = 600;
    private static final Map<String, DynamoDbClient> LOADED = new ConcurrentHashMap<>();
    private static final ExecutorService READERS = Executors.newFixedThreadPool(SHARDS);

    private final DynamoDbClient db;

    WriteShardingIT(String server) {
        this.db = LOADED.computeIfAbsent(server, s -> load(Clients.dynamoDb(SingleTableDesignIT.endpoint(s))));
    }

    @AfterAll
    static void stopReaders() {
        READERS.shutdown();
    }

    /** The shard of an event: a hash of its id that every writer computes the same way. */
    static String shardKey(String day, String eventId) {
        return day + "#" + Math.floorMod(eventId.hashCode(), SHARDS);
    }

    private static String eventId(int i) {
        return "evt-" + i;
    }

    /** A score per event, with ties, so that the top-scores query meets equal range keys. */
    private static int score(int i) {
        return (i * 7919) % 1000;
    }

    private static DynamoDbClient load(DynamoDbClient db) {
        db.createTable(t -> t.tableName(TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName("dayShard").keyType(KeyType.HASH), k -> k.attributeName("id").keyType(KeyType.RANGE))
                .attributeDefinitions(a -> a.attributeName("dayShard").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("id").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("score").attributeType(ScalarAttributeType.N))
                .globalSecondaryIndexes(g -> g.indexName("byShardScore")
                        .keySchema(k -> k.attributeName("dayShard").keyType(KeyType.HASH), k -> k.attributeName("score").keyType(KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))));
        Clients.waiter(db).waitUntilTableExists(r -> r.tableName(TABLE));
        // writers in parallel, 25 events per BatchWriteItem, retrying what comes back unprocessed
        List<CompletableFuture<Void>> batches = new ArrayList<>();
        for (int from = 0; from < EVENTS; from += 25) {
            int start = from;
            batches.add(CompletableFuture.runAsync(() -> {
                List<WriteRequest> writes = IntStream.range(start, Math.min(start + 25, EVENTS)).mapToObj(i -> WriteRequest.builder()
                        .putRequest(PutRequest.builder().item(event(DAY, i)).build()).build()).toList();
                Map<String, List<WriteRequest>> pending = Map.of(TABLE, writes);
                while (!pending.isEmpty()) {
                    Map<String, List<WriteRequest>> request = pending;
                    pending = db.batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
                }
            }, READERS));
        }
        batches.forEach(CompletableFuture::join);
        // another day's events, which a reader of the hot day must not see
        for (int i = 0; i < 20; i++) {
            Map<String, AttributeValue> other = event("2024-06-02", i);
            db.putItem(p -> p.tableName(TABLE).item(other));
        }
        return db;
    }

    private static Map<String, AttributeValue> event(String day, int i) {
        return Map.of("dayShard", AttributeValue.fromS(shardKey(day, eventId(i))), "id", AttributeValue.fromS(eventId(i)),
                "score", AttributeValue.fromN(Integer.toString(score(i))), "payload", AttributeValue.fromS("event " + i + " of " + day));
    }

    /** Asks every shard of the day at once and merges what they return, page by page. */
    private <T> List<T> readAllShards(String day, Function<String, List<T>> readShard) {
        List<CompletableFuture<List<T>>> shards = IntStream.range(0, SHARDS)
                .mapToObj(s -> CompletableFuture.supplyAsync(() -> readShard.apply(day + "#" + s), READERS)).toList();
        List<T> merged = new ArrayList<>();
        shards.forEach(f -> merged.addAll(f.join()));
        return merged;
    }

    @Test
    void everyEventOfTheHotDayIsReadBackExactlyOnceFromItsShard() {
        List<Map<String, AttributeValue>> events = readAllShards(DAY, shard -> {
            List<Map<String, AttributeValue>> items = new ArrayList<>();
            db.queryPaginator(q -> q.tableName(TABLE).keyConditionExpression("dayShard = :s").limit(17)
                    .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(shard)))).items().forEach(items::add);
            return items;
        });
        List<String> ids = events.stream().map(e -> e.get("id").s()).toList();
        assertThat(ids).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, EVENTS).mapToObj(WriteShardingIT::eventId).toList());
        assertThat(events).allSatisfy(e -> {
            assertThat(e.get("dayShard").s()).isEqualTo(shardKey(DAY, e.get("id").s()));
            assertThat(e.get("payload").s()).endsWith(" of " + DAY);
        });
    }

    @Test
    void theWritesSpreadOverEveryShard() {
        List<Integer> counts = readAllShards(DAY, shard -> List.of(db.query(q -> q.tableName(TABLE).keyConditionExpression("dayShard = :s")
                .select("COUNT").expressionAttributeValues(Map.of(":s", AttributeValue.fromS(shard)))).count()));
        assertThat(counts).hasSize(SHARDS).allSatisfy(c -> assertThat(c).as("events in a shard").isBetween(EVENTS / SHARDS / 2, EVENTS / SHARDS * 2));
        assertThat(counts.stream().mapToInt(Integer::intValue).sum()).isEqualTo(EVENTS);
    }

    @Test
    void theDaysTopScoresAreTheMergedTopScoresOfEachShardThroughTheIndex() {
        int top = 5;
        List<Integer> expected = IntStream.range(0, EVENTS).map(WriteShardingIT::score).boxed()
                .sorted(Comparator.reverseOrder()).limit(top).toList();
        SingleTableDesignIT.assertEventually(() -> readAllShards(DAY, shard -> db.query(q -> q.tableName(TABLE).indexName("byShardScore")
                        .keyConditionExpression("dayShard = :s").scanIndexForward(false).limit(top)
                        .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(shard)))).items()
                        .stream().map(i -> Integer.parseInt(i.get("score").n())).toList())
                        .stream().sorted(Comparator.reverseOrder()).limit(top).toList(),
                expected);
    }

    @Test
    void everyEventIsInTheIndexUnderItsShard() {
        SingleTableDesignIT.assertEventually(() -> readAllShards(DAY, shard -> {
            List<String> ids = new ArrayList<>();
            db.queryPaginator(q -> q.tableName(TABLE).indexName("byShardScore").keyConditionExpression("dayShard = :s").limit(50)
                    .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(shard)))).items().forEach(i -> ids.add(i.get("id").s()));
            return ids;
        }).stream().sorted().toList(), IntStream.range(0, EVENTS).mapToObj(WriteShardingIT::eventId).sorted().toList());
    }
}
