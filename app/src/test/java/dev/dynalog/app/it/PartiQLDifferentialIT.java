package dev.dynalog.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * PartiQL (ExecuteStatement, BatchExecuteStatement, ExecuteTransaction) against DynamoDB Local,
 * statement for statement: the corpus in {@code partiql/corpus.txt} runs in order on both, and
 * every answer is compared (status, error type and message, items; a read's further pages by
 * NextToken). Then the tables hold the same items, and each PartiQL write is shown to leave the
 * same items, index entries and change records as its JSON API twin.
 *
 * <p>Deliberate differences, tagged in the corpus, where only the status is compared:
 * <ul>
 *   <li>{@code duplicate-item-type}: an INSERT of an existing item is DuplicateItemException, as
 *       DynamoDB names it (and the SDKs' exception class); DynamoDB Local says DuplicateItem;</li>
 *   <li>{@code parser-message}: DynamoDB Local's PartiQL parser words some malformed statements
 *       its own way ("Unexpected path component at 1:8:5" for {@code count(*)}, "Unsupported
 *       operation: CreateTable", "Invalid operation..." for a lone word in a batch); dynalog says
 *       "Statement wasn't well formed, can't be processed";</li>
 *   <li>{@code idempotency-message}: a reused ClientRequestToken gets TransactWriteItems' message
 *       (see TransactionsDifferentialIT);</li>
 *   <li>{@code scan-order}: a page of a Scan holds the items of the implementation's scan order;</li>
 *   <li>{@code in-order}: the partition key values of an {@code IN} are read in an order of the
 *       implementation's (dynalog's is the statement's), which a Limit makes visible;</li>
 *   <li>{@code index-order}: so is the order of index entries with equal index keys.</li>
 * </ul>
 * Left out of the corpus, where DynamoDB Local is wrong and dynalog follows DynamoDB: an UPDATE
 * that stores a number in an index's string key attribute (DynamoDB Local takes it); a sort key
 * condition with the value on the left ({@code 's2' < sk}, which DynamoDB Local reads the other
 * way round); ORDER BY ... DESC with a Limit (DynamoDB Local's page is in ascending order); ORDER BY
 * with {@code IN} (DynamoDB Local fails with InternalFailure).
 */
class PartiQLDifferentialIT {
    private static final Duration EVENTUALLY = Duration.ofSeconds(10);

    private static RawDynamoDb dynalog;
    private static RawDynamoDb reference;
    private static Differential both;

    @BeforeAll
    static void tables() {
        dynalog = new RawDynamoDb(TestNode.shared().endpoint());
        reference = new RawDynamoDb(ReferenceDynamoDb.endpoint());
        both = new Differential(dynalog, reference);
        both.createTable(tracks("pq_tracks", ""));
        both.createTable("""
                {"TableName":"pq_kv","BillingMode":"PAY_PER_REQUEST",
                 "KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],
                 "AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}]}""");
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 3; j++) {
                String cat = j == 2 ? "" : "\"cat\":{\"S\":\"c" + (j % 2) + "\"},";
                both.same("PutItem", "{\"TableName\":\"pq_tracks\",\"Item\":{\"pk\":{\"S\":\"p" + i + "\"},\"sk\":{\"N\":\""
                        + j + "\"}," + cat + "\"n\":{\"N\":\"" + (i * 10 + j) + "\"},\"s\":{\"S\":\"str" + j + "\"},"
                        + "\"m\":{\"M\":{\"a\":{\"N\":\"" + j + "\"},\"l\":{\"L\":[{\"S\":\"x\"},{\"N\":\"" + i + "\"}]}}},"
                        + "\"tags\":{\"SS\":[\"t" + j + "\",\"all\"]}}}");
            }
        }
        for (int i = 0; i < 4; i++) {
            both.same("PutItem", "{\"TableName\":\"pq_kv\",\"Item\":{\"id\":{\"S\":\"k" + i + "\"},\"v\":{\"N\":\"" + i
                    + "\"},\"b\":{\"BOOL\":" + (i % 2 == 0) + "}}}");
        }
        both.createTable("""
                {"TableName":"pq_lsi","BillingMode":"PAY_PER_REQUEST",
                 "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],
                 "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"S"},
                   {"AttributeName":"lv","AttributeType":"N"}],
                 "LocalSecondaryIndexes":[{"IndexName":"byLv","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},
                   {"AttributeName":"lv","KeyType":"RANGE"}],"Projection":{"ProjectionType":"KEYS_ONLY"}}]}""");
        for (int i = 0; i < 8; i++) {
            both.same("PutItem", "{\"TableName\":\"pq_lsi\",\"Item\":{\"pk\":{\"S\":\"" + (i < 5 ? "a" : "b")
                    + "\"},\"sk\":{\"S\":\"s" + i + "\"},\"lv\":{\"N\":\"" + (10 - i) + "\"},\"x\":{\"S\":\"it's " + i
                    + "\"},\"bin\":{\"B\":\"AAE=\"}}}");
        }
    }

    private static String tracks(String name, String more) {
        return """
                {"TableName":"%s","BillingMode":"PAY_PER_REQUEST",
                 "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],
                 "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"N"},
                   {"AttributeName":"cat","AttributeType":"S"}],
                 "GlobalSecondaryIndexes":[{"IndexName":"byCat","KeySchema":[{"AttributeName":"cat","KeyType":"HASH"},
                   {"AttributeName":"sk","KeyType":"RANGE"}],"Projection":{"ProjectionType":"ALL"}}]%s}"""
                .formatted(name, more);
    }

    /** One corpus line: the request, and how its answers are compared. */
    private record Entry(int line, String operation, String body, boolean eventually, String deliberate,
                         boolean ordered) {
    }

    @Test
    void everyCorpusStatementIsAnsweredAsDynamoDbLocalAnswersIt() throws IOException {
        List<Entry> corpus = corpus();
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(150);
        List<String> mismatches = new ArrayList<>();
        int matched = 0;
        int deliberate = 0;
        for (Entry e : corpus) {
            RawDynamoDb.Response expected = reference.call(e.operation(), e.body());
            RawDynamoDb.Response actual = dynalog.call(e.operation(), e.body());
            if (e.deliberate() != null) {
                deliberate++;
                if (actual.status() != expected.status()) {
                    mismatches.add(describe(e, expected, actual));
                }
                continue;
            }
            long deadline = System.nanoTime() + (e.eventually() ? EVENTUALLY.toNanos() : 0);
            while (!view(e, actual).equals(view(e, expected)) && System.nanoTime() < deadline) {
                sleep();
                actual = dynalog.call(e.operation(), e.body());
            }
            if (!view(e, actual).equals(view(e, expected))) {
                mismatches.add(describe(e, expected, actual));
                continue;
            }
            if (samePages(e, expected, actual, mismatches)) {
                matched++;
            }
        }
        System.out.printf("PartiQL corpus: %d statements, %d match, %d deliberate differences, %d mismatches%n",
                corpus.size(), matched, deliberate, mismatches.size());
        assertThat(mismatches).isEmpty();

        both.sameScan("pq_tracks", 5);
        both.sameScan("pq_kv", 5);
        both.sameScan("pq_lsi", 5);
        both.sameIndexScanEventually("pq_tracks", "byCat", 5);
    }

    /** Follows NextToken on both sides while both give one, comparing every page. */
    private boolean samePages(Entry e, RawDynamoDb.Response expected, RawDynamoDb.Response actual,
                              List<String> mismatches) {
        for (int page = 0; page < 20 && expected.body().has("NextToken") && actual.body().has("NextToken"); page++) {
            Entry next = new Entry(e.line(), e.operation(), withToken(e.body(), expected), e.eventually(), null,
                    e.ordered());
            expected = reference.call(e.operation(), next.body());
            actual = dynalog.call(e.operation(), withToken(e.body(), actual));
            if (!view(next, actual).equals(view(next, expected))) {
                mismatches.add(describe(next, expected, actual));
                return false;
            }
        }
        return true;
    }

    private static String withToken(String body, RawDynamoDb.Response previous) {
        ObjectNode next = (ObjectNode) read(body);
        next.set("NextToken", previous.body().get("NextToken"));
        return next.toString();
    }

    /**
     * What a client may rely on: the status and, for an error, its type and message; else the body
     * with sets and members in any order, NextToken only as present or not, and the Items of a
     * read in any order unless the statement has ORDER BY.
     */
    private static JsonNode view(Entry e, RawDynamoDb.Response r) {
        ObjectNode v = RawDynamoDb.JSON.createObjectNode().put("status", r.status());
        if (r.status() != 200) {
            return v.put("type", r.errorType()).put("message", r.message());
        }
        ObjectNode body = (ObjectNode) Differential.normalize(r.body());
        if (body.has("NextToken")) {
            body.put("NextToken", "present");
        }
        if (body.has("Items") && !e.ordered()) {
            List<JsonNode> items = new ArrayList<>();
            body.get("Items").forEach(items::add);
            items.sort(Comparator.comparing(JsonNode::toString));
            ArrayNode sorted = body.putArray("Items");
            items.forEach(sorted::add);
        }
        return v.set("body", body);
    }

    private static String describe(Entry e, RawDynamoDb.Response expected, RawDynamoDb.Response actual) {
        return "line " + e.line() + ": " + e.operation() + " " + e.body() + "\n  DynamoDB Local: " + expected.status()
                + " " + expected.body() + "\n  dynalog:        " + actual.status() + " " + actual.body();
    }

    private static List<Entry> corpus() throws IOException {
        String text;
        try (InputStream in = PartiQLDifferentialIT.class.getResourceAsStream("/partiql/corpus.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Entry> entries = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String deliberate = null;
            if (line.startsWith("!")) {
                deliberate = line.substring(1, line.indexOf(' '));
                line = line.substring(line.indexOf(' ') + 1);
            }
            boolean eventually = line.startsWith("~");
            if (eventually) {
                line = line.substring(1);
            }
            String operation = "ExecuteStatement";
            String body;
            if (line.startsWith("@")) {
                operation = line.substring(1, line.indexOf(' '));
                body = read(line.substring(line.indexOf(' ') + 1)).toString();
            } else {
                String[] parts = line.split("\\|\\|\\|", -1);
                ObjectNode request = RawDynamoDb.JSON.createObjectNode().put("Statement", parts[0].strip());
                if (parts.length > 1 && !parts[1].isBlank()) {
                    request.set("Parameters", read(parts[1]));
                }
                if (parts.length > 2) {
                    request.setAll((ObjectNode) read(parts[2]));
                }
                body = request.toString();
            }
            entries.add(new Entry(i + 1, operation, body, eventually, deliberate, line.contains("ORDER BY")));
        }
        return entries;
    }

    @Test
    void eachPartiQLWriteLeavesTheItemsIndexEntriesAndChangeRecordsOfItsJsonApiTwin() {
        String stream = ",\"StreamSpecification\":{\"StreamEnabled\":true,\"StreamViewType\":\"NEW_AND_OLD_IMAGES\"}";
        Differential.awaitActive(dynalog, dynalog.call("CreateTable", tracks("pq_twin_statements", stream)));
        Differential.awaitActive(dynalog, dynalog.call("CreateTable", tracks("pq_twin_json", stream)));
        // Each PartiQL request, and the JSON API request that does the same; T is the table.
        String[][] twins = {
            {"ExecuteStatement", "{\"Statement\":\"INSERT INTO $T VALUE {'pk':'a','sk':1,'cat':'x','n':1,'l':[1,'b']}\"}",
             "PutItem", "{\"TableName\":\"$T\",\"Item\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"},\"cat\":{\"S\":\"x\"},"
                    + "\"n\":{\"N\":\"1\"},\"l\":{\"L\":[{\"N\":\"1\"},{\"S\":\"b\"}]}},"
                    + "\"ConditionExpression\":\"attribute_not_exists(pk)\"}"},
            {"ExecuteStatement", "{\"Statement\":\"INSERT INTO $T VALUE {'pk':'a','sk':1}\"}",
             "PutItem", "{\"TableName\":\"$T\",\"Item\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"}},"
                    + "\"ConditionExpression\":\"attribute_not_exists(pk)\"}"},
            {"ExecuteStatement", "{\"Statement\":\"UPDATE $T SET n = n + 1, cat = 'y' WHERE pk='a' AND sk=1\"}",
             "UpdateItem", "{\"TableName\":\"$T\",\"Key\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"}},"
                    + "\"UpdateExpression\":\"SET n = n + :one, cat = :y\",\"ConditionExpression\":\"attribute_exists(pk)\","
                    + "\"ExpressionAttributeValues\":{\":one\":{\"N\":\"1\"},\":y\":{\"S\":\"y\"}}}"},
            {"ExecuteStatement", "{\"Statement\":\"UPDATE $T SET n = 5 WHERE pk='a' AND sk=1 AND n = 99\"}",
             "UpdateItem", "{\"TableName\":\"$T\",\"Key\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"}},"
                    + "\"UpdateExpression\":\"SET n = :five\",\"ConditionExpression\":\"attribute_exists(pk) AND n = :n\","
                    + "\"ExpressionAttributeValues\":{\":five\":{\"N\":\"5\"},\":n\":{\"N\":\"99\"}}}"},
            {"ExecuteStatement", "{\"Statement\":\"UPDATE $T REMOVE l[0] SET m = {'k': <<1, 2>>} WHERE pk='a' AND sk=1 AND n = 2\"}",
             "UpdateItem", "{\"TableName\":\"$T\",\"Key\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"}},"
                    + "\"UpdateExpression\":\"REMOVE l[0] SET m = :m\",\"ConditionExpression\":\"attribute_exists(pk) AND n = :n\","
                    + "\"ExpressionAttributeValues\":{\":m\":{\"M\":{\"k\":{\"NS\":[\"1\",\"2\"]}}},\":n\":{\"N\":\"2\"}}}"},
            {"ExecuteStatement", "{\"Statement\":\"UPDATE $T SET n = 1 WHERE pk='none' AND sk=1\"}",
             "UpdateItem", "{\"TableName\":\"$T\",\"Key\":{\"pk\":{\"S\":\"none\"},\"sk\":{\"N\":\"1\"}},"
                    + "\"UpdateExpression\":\"SET n = :one\",\"ConditionExpression\":\"attribute_exists(pk)\","
                    + "\"ExpressionAttributeValues\":{\":one\":{\"N\":\"1\"}}}"},
            {"BatchExecuteStatement", "{\"Statements\":[{\"Statement\":\"INSERT INTO $T VALUE {'pk':'b','sk':2,'cat':'x'}\"},"
                    + "{\"Statement\":\"INSERT INTO $T VALUE {'pk':'c','sk':3,'cat':'z'}\"}]}",
             "BatchWriteItem", "{\"RequestItems\":{\"$T\":[{\"PutRequest\":{\"Item\":{\"pk\":{\"S\":\"b\"},\"sk\":{\"N\":\"2\"},"
                    + "\"cat\":{\"S\":\"x\"}}}},{\"PutRequest\":{\"Item\":{\"pk\":{\"S\":\"c\"},\"sk\":{\"N\":\"3\"},"
                    + "\"cat\":{\"S\":\"z\"}}}}]}}"},
            {"ExecuteTransaction", "{\"TransactStatements\":[{\"Statement\":\"DELETE FROM $T WHERE pk='b' AND sk=2\"},"
                    + "{\"Statement\":\"UPDATE $T SET cat = 'x' WHERE pk='c' AND sk=3\"},"
                    + "{\"Statement\":\"EXISTS(SELECT * FROM $T WHERE pk='a' AND sk=1 AND n = 2)\"}]}",
             "TransactWriteItems", "{\"TransactItems\":[{\"Delete\":{\"TableName\":\"$T\",\"Key\":{\"pk\":{\"S\":\"b\"},\"sk\":{\"N\":\"2\"}}}},"
                    + "{\"Update\":{\"TableName\":\"$T\",\"Key\":{\"pk\":{\"S\":\"c\"},\"sk\":{\"N\":\"3\"}},"
                    + "\"UpdateExpression\":\"SET cat = :x\",\"ConditionExpression\":\"attribute_exists(pk)\","
                    + "\"ExpressionAttributeValues\":{\":x\":{\"S\":\"x\"}}}},"
                    + "{\"ConditionCheck\":{\"TableName\":\"$T\",\"Key\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"}},"
                    + "\"ConditionExpression\":\"attribute_exists(pk) AND n = :n\",\"ExpressionAttributeValues\":{\":n\":{\"N\":\"2\"}}}}]}"},
            {"ExecuteStatement", "{\"Statement\":\"DELETE FROM $T WHERE pk='a' AND sk=1 AND cat = 'y'\"}",
             "DeleteItem", "{\"TableName\":\"$T\",\"Key\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"}},"
                    + "\"ConditionExpression\":\"cat = :y\",\"ExpressionAttributeValues\":{\":y\":{\"S\":\"y\"}}}"},
        };
        for (String[] twin : twins) {
            RawDynamoDb.Response statement = dynalog.call(twin[0], twin[1].replace("$T", "pq_twin_statements"));
            RawDynamoDb.Response json = dynalog.call(twin[2], twin[3].replace("$T", "pq_twin_json"));
            assertThat(statement.status()).as("%s and %s: %s / %s", twin[1], twin[3], statement.body(), json.body())
                    .isEqualTo(json.status());
        }
        assertThat(scan("pq_twin_statements", null)).isNotEmpty().isEqualTo(scan("pq_twin_json", null));
        long deadline = System.nanoTime() + EVENTUALLY.toNanos();
        while (!scan("pq_twin_statements", "byCat").equals(scan("pq_twin_json", "byCat")) && System.nanoTime() < deadline) {
            sleep();
        }
        assertThat(scan("pq_twin_statements", "byCat")).isNotEmpty().isEqualTo(scan("pq_twin_json", "byCat"));
        try (DynamoDbStreamsClient streams = Clients.streams(TestNode.shared().endpoint())) {
            Map<String, List<String>> expected = changes(streams, "pq_twin_json", 8);
            assertThat(changes(streams, "pq_twin_statements", 8)).isEqualTo(expected);
        }
    }

    @Test
    void consumedCapacityIsWhatTheItemOperationsOfTheStatementsConsumed() {
        Differential.awaitActive(dynalog, dynalog.call("CreateTable", """
                {"TableName":"pq_capacity","BillingMode":"PAY_PER_REQUEST",
                 "KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],
                 "AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}]}"""));
        RawDynamoDb.Response insert = dynalog.call("ExecuteStatement", """
                {"Statement":"INSERT INTO pq_capacity VALUE {'id':'a','v':1}","ReturnConsumedCapacity":"TOTAL"}""");
        RawDynamoDb.Response put = dynalog.call("PutItem", """
                {"TableName":"pq_capacity","Item":{"id":{"S":"b"},"v":{"N":"1"}},"ReturnConsumedCapacity":"TOTAL"}""");
        assertThat(insert.body().get("ConsumedCapacity")).isNotNull().isEqualTo(put.body().get("ConsumedCapacity"));

        RawDynamoDb.Response select = dynalog.call("ExecuteStatement", """
                {"Statement":"SELECT * FROM pq_capacity WHERE id = 'a'","ReturnConsumedCapacity":"INDEXES"}""");
        RawDynamoDb.Response get = dynalog.call("GetItem", """
                {"TableName":"pq_capacity","Key":{"id":{"S":"a"}},"ReturnConsumedCapacity":"INDEXES"}""");
        assertThat(select.body().get("ConsumedCapacity")).isNotNull().isEqualTo(get.body().get("ConsumedCapacity"));

        RawDynamoDb.Response batch = dynalog.call("BatchExecuteStatement", """
                {"Statements":[{"Statement":"SELECT * FROM pq_capacity WHERE id = 'a'"},
                               {"Statement":"SELECT * FROM pq_capacity WHERE id = 'b'","ConsistentRead":true}],
                 "ReturnConsumedCapacity":"TOTAL"}""");
        assertThat(batch.body().get("ConsumedCapacity").toString())
                .isEqualTo("[{\"TableName\":\"pq_capacity\",\"CapacityUnits\":1.5}]");
    }

    private static List<String> scan(String table, String index) {
        ObjectNode request = RawDynamoDb.JSON.createObjectNode().put("TableName", table);
        if (index != null) {
            request.put("IndexName", index);
        }
        RawDynamoDb.Response r = dynalog.call("Scan", request.toString());
        assertThat(r.status()).as("Scan %s", r.body()).isEqualTo(200);
        List<String> items = new ArrayList<>();
        r.body().path("Items").forEach(i -> items.add(Differential.normalize(i).toString()));
        items.sort(Comparator.naturalOrder());
        return items;
    }

    /** Each item's change records (event name, keys, old and new image), in stream order, by key. */
    private static Map<String, List<String>> changes(DynamoDbStreamsClient streams, String table, int atLeast) {
        String arn = streams.listStreams(b -> b.tableName(table)).streams().get(0).streamArn();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            Map<String, List<String>> byKey = new TreeMap<>();
            int count = 0;
            for (Shard shard : streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards()) {
                String iterator = streams.getShardIterator(b -> b.streamArn(arn).shardId(shard.shardId())
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
                while (iterator != null) {
                    String it = iterator;
                    GetRecordsResponse r = streams.getRecords(b -> b.shardIterator(it));
                    for (Record record : r.records()) {
                        byKey.computeIfAbsent(record.dynamodb().keys().toString(), k -> new ArrayList<>())
                                .add(record.eventName() + " old=" + new TreeMap<>(record.dynamodb().oldImage())
                                        + " new=" + new TreeMap<>(record.dynamodb().newImage()));
                        count++;
                    }
                    iterator = r.records().isEmpty() ? null : r.nextShardIterator();
                }
            }
            if (count >= atLeast || System.nanoTime() > deadline) {
                return byKey;
            }
            sleep();
        }
    }

    private static JsonNode read(String json) {
        try {
            return RawDynamoDb.JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + json, e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
