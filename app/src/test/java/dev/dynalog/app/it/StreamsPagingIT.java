package dev.dynalog.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamRequest;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.ListStreamsRequest;
import software.amazon.awssdk.services.dynamodb.model.ListStreamsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Paging of DescribeStream's shards (Limit, ExclusiveStartShardId, LastEvaluatedShardId) and of
 * ListStreams' streams (Limit, ExclusiveStartStreamArn, LastEvaluatedStreamArn), as the DynamoDB
 * Streams API reference describes them: a client resumes after the last id of the previous page,
 * and the last page is the one without a LastEvaluated id. The node runs with
 * {@value #PARTITIONS} partitions per table, so that a stream has more shards than a page holds.
 */
class StreamsPagingIT {
    private static final int PARTITIONS = 16;
    private static final int ITEMS = 64;
    private static final String EVENTS = "sp_events";
    private static final List<String> LISTED = List.of("sp_list_a", "sp_list_b", "sp_list_c");
    /** A shard id of the ShardId shape (28 to 65 characters) after every shard id of dynalog and DynamoDB Local. */
    private static final String AFTER_EVERY_SHARD = "shardId-99999999999999999999-ffffffff";

    @TempDir
    static Path dataDir;
    private static TestNode node;
    private static DynamoDbStreamsClient streams;
    private static String eventsStream;

    @BeforeAll
    static void startNodeAndWrite() throws Exception {
        node = TestNode.start(dataDir, config -> config.withPartitions(PARTITIONS));
        streams = Clients.streams(node.endpoint());
        DynamoDbClient db = node.client();
        eventsStream = createTableWithStream(db, EVENTS);
        for (String table : LISTED) {
            createTableWithStream(db, table);
        }
        for (int i = 0; i < ITEMS; i++) {
            String key = "item-" + i;
            db.putItem(b -> b.tableName(EVENTS).item(Map.of("pk", AttributeValue.fromS(key))));
        }
    }

    @AfterAll
    static void stopNode() {
        if (streams != null) {
            streams.close();
        }
        if (node != null) {
            node.close();
        }
    }

    @ParameterizedTest(name = "Limit {0}")
    @ValueSource(ints = {1, 3, PARTITIONS})
    void describeStreamPagesGiveEveryShardOnceInShardIdOrder(int limit) {
        List<StreamDescription> pages = describePages(streams, eventsStream, limit);

        List<String> paged = pages.stream().flatMap(p -> p.shards().stream()).map(Shard::shardId).toList();
        List<String> unpaged = shardIds(streams.describeStream(b -> b.streamArn(eventsStream)).streamDescription());
        assertThat(unpaged).hasSize(PARTITIONS).isSorted();
        assertThat(paged).containsExactlyElementsOf(unpaged);
        assertThat(pages).hasSize((PARTITIONS + limit - 1) / limit);
        for (StreamDescription page : pages.subList(0, pages.size() - 1)) {
            assertThat(page.shards()).hasSize(limit);
            assertThat(page.lastEvaluatedShardId()).isEqualTo(page.shards().get(limit - 1).shardId());
        }
        assertThat(pages.get(pages.size() - 1).lastEvaluatedShardId()).isNull();
    }

    @Test
    void aStartShardIdAtOrAfterTheLastShardGivesAnEmptyLastPage() {
        List<String> all = shardIds(streams.describeStream(b -> b.streamArn(eventsStream)).streamDescription());
        for (String start : List.of(all.get(all.size() - 1), AFTER_EVERY_SHARD)) {
            StreamDescription page = streams.describeStream(b -> b.streamArn(eventsStream).exclusiveStartShardId(start))
                    .streamDescription();
            assertThat(page.shards()).isEmpty();
            assertThat(page.lastEvaluatedShardId()).isNull();
            assertThat(page.streamArn()).isEqualTo(eventsStream);
        }
    }

    @Test
    void aStartShardIdThatNamesNoShardStartsAfterItInShardIdOrder() {
        List<String> all = shardIds(streams.describeStream(b -> b.streamArn(eventsStream)).streamDescription());
        // The first shard's id as a prefix: sorts right after it, before the second.
        String between = all.get(0) + "0";
        StreamDescription page = streams.describeStream(b -> b.streamArn(eventsStream).exclusiveStartShardId(between)
                .limit(2)).streamDescription();
        assertThat(shardIds(page)).containsExactly(all.get(1), all.get(2));
        assertThat(page.lastEvaluatedShardId()).isEqualTo(all.get(2));
    }

    @Test
    void anUnknownStreamIsNotFoundWhateverThePage() {
        String unknown = eventsStream.replace(EVENTS, "sp_nothing");
        assertThatThrownBy(() -> streams.describeStream(b -> b.streamArn(unknown).limit(1)
                .exclusiveStartShardId(AFTER_EVERY_SHARD)))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void listStreamsPagesGiveEveryStreamOnce() {
        List<ListStreamsResponse> pages = listPages(streams, b -> b.limit(1));

        List<String> paged = pages.stream().flatMap(p -> p.streams().stream()).map(s -> s.streamArn()).toList();
        List<String> unpaged = streams.listStreams(b -> { }).streams().stream().map(s -> s.streamArn()).toList();
        assertThat(paged).hasSize(1 + LISTED.size()).doesNotHaveDuplicates().containsExactlyElementsOf(unpaged);
        assertThat(pages).allSatisfy(p -> assertThat(p.streams()).hasSize(1));
        for (ListStreamsResponse page : pages.subList(0, pages.size() - 1)) {
            assertThat(page.lastEvaluatedStreamArn()).isEqualTo(page.streams().get(0).streamArn());
        }
        assertThat(pages.get(pages.size() - 1).lastEvaluatedStreamArn()).isNull();
        assertThat(streams.listStreams(b -> b.exclusiveStartStreamArn(paged.get(paged.size() - 1))).streams()).isEmpty();
    }

    @Test
    void aPagingReaderReadsEveryRecordExactlyOnce() {
        List<Shard> shards = describePages(streams, eventsStream, 3).stream().flatMap(p -> p.shards().stream()).toList();
        Map<String, String> iterators = new LinkedHashMap<>();
        for (Shard shard : shards) {
            iterators.put(shard.shardId(), streams.getShardIterator(b -> b.streamArn(eventsStream)
                    .shardId(shard.shardId()).shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator());
        }
        Map<String, Integer> timesSeen = new HashMap<>();
        Map<String, Integer> recordsPerShard = new HashMap<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int read = 0;
        while (read < ITEMS && System.nanoTime() < deadline) {
            read += readOneRecordOfEachShard(iterators, timesSeen, recordsPerShard);
        }
        // A further pass to each shard's end finds nothing that was not read already.
        boolean more = true;
        while (more && System.nanoTime() < deadline) {
            more = readOneRecordOfEachShard(iterators, timesSeen, recordsPerShard) > 0;
        }

        assertThat(timesSeen).hasSize(ITEMS).allSatisfy((key, times) -> assertThat(times).as(key).isEqualTo(1));
        assertThat(timesSeen.keySet()).containsExactlyInAnyOrderElementsOf(
                IntStream.range(0, ITEMS).mapToObj(i -> "item-" + i).toList());
        assertThat(recordsPerShard).as("records spread over the shards").hasSizeGreaterThan(PARTITIONS / 2);
    }

    /**
     * The same requests to dynalog and to DynamoDB Local, where their answers are comparable.
     * DynamoDB Local gives a table one shard, so a first page with Limit 1 ends the listing there
     * and has no LastEvaluatedShardId, while dynalog's {@value #PARTITIONS} shards need more
     * pages: the order of shards and LastEvaluatedShardId on a page that is not the last cannot be
     * compared. What can: a Limit that covers every shard gives one page without
     * LastEvaluatedShardId; a start id at or after the last shard gives an empty page without it;
     * out-of-range values give the same errors. ListStreams is compared for one table (DynamoDB
     * Local is shared by every test of the run, so its account holds other tables' streams).
     */
    @Test
    void pagingAnswersAsDynamoDbLocalDoes() {
        DynamoDbClient referenceDb = Clients.dynamoDb(ReferenceDynamoDb.endpoint());
        try (DynamoDbStreamsClient referenceStreams = Clients.streams(ReferenceDynamoDb.endpoint())) {
            Server dynalog = new Server(streams, eventsStream);
            Server reference = new Server(referenceStreams, createTableWithStream(referenceDb, EVENTS));
            referenceDb.putItem(b -> b.tableName(EVENTS).item(Map.of("pk", AttributeValue.fromS("item-0"))));

            same(dynalog, reference, server -> {
                int count = shardIds(server.describe(b -> { })).size();
                StreamDescription all = server.describe(b -> b.limit(count));
                return List.of(all.shards().size() == count, all.lastEvaluatedShardId() == null);
            });
            same(dynalog, reference, server -> {
                List<String> ids = shardIds(server.describe(b -> { }));
                List<Object> shape = new ArrayList<>();
                for (String start : List.of(ids.get(ids.size() - 1), AFTER_EVERY_SHARD)) {
                    StreamDescription page = server.describe(b -> b.exclusiveStartShardId(start).limit(1));
                    shape.add(page.shards());
                    shape.add(page.lastEvaluatedShardId());
                }
                return shape;
            });
            List<Consumer<DescribeStreamRequest.Builder>> invalidDescribes = List.of(
                    b -> b.limit(0),
                    b -> b.limit(101),
                    b -> b.limit(101).exclusiveStartShardId("shardId-short"),
                    b -> b.exclusiveStartShardId("shardId-short"),
                    b -> b.exclusiveStartShardId(AFTER_EVERY_SHARD.repeat(2)));
            for (Consumer<DescribeStreamRequest.Builder> invalid : invalidDescribes) {
                same(dynalog, reference, server -> error(() -> server.describe(invalid)));
            }
            // The message names the ARN, whose region and account differ.
            same(dynalog, reference, server -> error(() -> server.client().describeStream(b -> b.limit(1)
                    .streamArn(server.streamArn().replace(EVENTS, "sp_nothing")))).get(0));

            same(dynalog, reference, server -> {
                ListStreamsResponse only = server.client().listStreams(b -> b.tableName(EVENTS).limit(1));
                ListStreamsResponse after = server.client().listStreams(b -> b.tableName(EVENTS)
                        .exclusiveStartStreamArn(server.streamArn()));
                return List.of(only.streams().size(), only.lastEvaluatedStreamArn() == null,
                        after.streams(), after.lastEvaluatedStreamArn() == null);
            });
            for (int limit : new int[] {0, 101}) {
                same(dynalog, reference, server -> error(() -> server.client().listStreams(b -> b.limit(limit))));
            }
        } finally {
            referenceDb.deleteTable(b -> b.tableName(EVENTS));
            referenceDb.close();
        }
    }

    /** A server's streams client and the stream of its {@value #EVENTS} table. */
    private record Server(DynamoDbStreamsClient client, String streamArn) {
        StreamDescription describe(Consumer<DescribeStreamRequest.Builder> request) {
            return client.describeStream(b -> request.accept(b.streamArn(streamArn))).streamDescription();
        }
    }

    private static void same(Server dynalog, Server reference, Function<Server, Object> shape) {
        assertThat(shape.apply(dynalog)).isEqualTo(shape.apply(reference));
    }

    /** The error's code and message, or null if the call succeeded. */
    private static List<String> error(Runnable call) {
        AwsServiceException e = catchThrowableOfType(AwsServiceException.class, call::run);
        return e == null ? null : List.of(e.awsErrorDetails().errorCode(), e.awsErrorDetails().errorMessage());
    }

    private static String createTableWithStream(DynamoDbClient db, String table) {
        db.createTable(b -> b.tableName(table).billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(a -> a.attributeName("pk").attributeType("S"))
                .keySchema(k -> k.attributeName("pk").keyType("HASH"))
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
        TestNode.waiter(db).waitUntilTableExists(b -> b.tableName(table));
        return db.describeTable(b -> b.tableName(table)).table().latestStreamArn();
    }

    /** DescribeStream from the first page to the one without LastEvaluatedShardId, as a paging client reads it. */
    private static List<StreamDescription> describePages(DynamoDbStreamsClient client, String arn, int limit) {
        List<StreamDescription> pages = new ArrayList<>();
        String start = null;
        do {
            String from = start;
            StreamDescription page = client.describeStream(b -> b.streamArn(arn).limit(limit).exclusiveStartShardId(from))
                    .streamDescription();
            pages.add(page);
            start = page.lastEvaluatedShardId();
            // A page that starts over would loop forever: a stream has no more pages than shards.
            assertThat(pages).as("pages of %s shards", PARTITIONS).hasSizeLessThanOrEqualTo(PARTITIONS);
        } while (start != null);
        return pages;
    }

    /** ListStreams from the first page to the one without LastEvaluatedStreamArn. */
    private static List<ListStreamsResponse> listPages(DynamoDbStreamsClient client,
                                                       Function<ListStreamsRequest.Builder, ListStreamsRequest.Builder> request) {
        List<ListStreamsResponse> pages = new ArrayList<>();
        String start = null;
        do {
            String from = start;
            ListStreamsResponse page = client.listStreams(request.apply(ListStreamsRequest.builder()
                    .exclusiveStartStreamArn(from)).build());
            pages.add(page);
            start = page.lastEvaluatedStreamArn();
            assertThat(pages).as("pages of %s streams", 1 + LISTED.size()).hasSizeLessThanOrEqualTo(1 + LISTED.size());
        } while (start != null);
        return pages;
    }

    /** One GetRecords with Limit 1 on each open shard, moving its iterator on; returns the records read. */
    private static int readOneRecordOfEachShard(Map<String, String> iterators, Map<String, Integer> timesSeen,
                                                Map<String, Integer> recordsPerShard) {
        int read = 0;
        for (Map.Entry<String, String> shard : iterators.entrySet()) {
            if (shard.getValue() == null) {
                continue;
            }
            GetRecordsResponse r = streams.getRecords(b -> b.shardIterator(shard.getValue()).limit(1));
            for (Record record : r.records()) {
                timesSeen.merge(record.dynamodb().keys().get("pk").s(), 1, Integer::sum);
                recordsPerShard.merge(shard.getKey(), 1, Integer::sum);
            }
            read += r.records().size();
            shard.setValue(r.nextShardIterator());
        }
        return read;
    }

    private static List<String> shardIds(StreamDescription description) {
        return description.shards().stream().map(Shard::shardId).toList();
    }
}
