package dev.dynalog.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Runs the same DynamoDB requests against dynalog and against DynamoDB Local (the reference
 * implementation) and asserts that a client would see the same thing: the same status, the same
 * error type and message, the same items. Set members are compared without order, as DynamoDB
 * does not promise one.
 */
final class Differential {
    /** How long a read of a global secondary index may lag behind the writes before it. */
    static final Duration EVENTUALLY = Duration.ofSeconds(10);

    private final RawDynamoDb dynalog;
    private final RawDynamoDb reference;

    Differential(RawDynamoDb dynalog, RawDynamoDb reference) {
        this.dynalog = dynalog;
        this.reference = reference;
    }

    /** Creates the table on both sides and waits until dynalog's copy is ACTIVE. */
    void createTable(String body) {
        assertThat(reference.call("CreateTable", body).status()).isEqualTo(200);
        awaitActive(dynalog, dynalog.call("CreateTable", body));
    }

    /** Asserts that CreateTable succeeded on {@code server} and waits until the table is ACTIVE. */
    static void awaitActive(RawDynamoDb server, RawDynamoDb.Response created) {
        assertThat(created.status()).as("CreateTable: %s", created.body()).isEqualTo(200);
        String name = created.body().path("TableDescription").path("TableName").asText();
        long deadline = System.currentTimeMillis() + 60_000;
        while (!server.call("DescribeTable", "{\"TableName\":\"" + name + "\"}").body()
                .path("Table").path("TableStatus").asText().equals("ACTIVE")) {
            assertThat(System.currentTimeMillis()).as("table %s ACTIVE in time", name).isLessThan(deadline);
            sleep(50);
        }
    }

    /** Sends the request to both and asserts equal responses; returns dynalog's. */
    RawDynamoDb.Response same(String operation, String body) {
        return same(operation, body, (a, b) -> false);
    }

    /**
     * Like {@link #same(String, String)}, but error messages also count as equal where
     * {@code equivalentMessages} says so (for cases where DynamoDB Local's choice among several
     * valid messages is documented as not reproduced).
     */
    RawDynamoDb.Response same(String operation, String body, BiPredicate<String, String> equivalentMessages) {
        RawDynamoDb.Response expected = reference.call(operation, body);
        RawDynamoDb.Response actual = dynalog.call(operation, body);
        assertSame(operation, body, expected, actual, equivalentMessages);
        return actual;
    }

    /**
     * Like {@link #same(String, String)}, and the ConsumedCapacity members must be equal too
     * (BatchGetItem's and BatchWriteItem's lists in table-name order); {@link #normalize} leaves
     * them out of the rest of the comparison.
     */
    RawDynamoDb.Response sameWithCapacity(String operation, String body) {
        return sameWithCapacity(operation, body, (a, b) -> false, reference -> false);
    }

    /**
     * Like {@link #sameWithCapacity(String, String)} with {@code equivalentMessages} as in
     * {@link #same(String, String, BiPredicate)}; ConsumedCapacity is not compared where
     * {@code knownCapacityDifference} accepts the reference's response (a documented departure).
     */
    RawDynamoDb.Response sameWithCapacity(String operation, String body, BiPredicate<String, String> equivalentMessages,
                                          Predicate<JsonNode> knownCapacityDifference) {
        RawDynamoDb.Response expected = reference.call(operation, body);
        RawDynamoDb.Response actual = dynalog.call(operation, body);
        assertSame(operation, body, inAnyOrder(operation, expected), inAnyOrder(operation, actual), equivalentMessages);
        if (!knownCapacityDifference.test(expected.body())) {
            assertThat(capacity(actual.body())).as("%s %s: ConsumedCapacity", operation, body)
                    .isEqualTo(capacity(expected.body()));
        }
        return actual;
    }

    /**
     * Like {@link #same(String, String)} for a Scan: the items may come in any order, as scan
     * order is an implementation's own.
     */
    RawDynamoDb.Response sameScanPage(String body) {
        RawDynamoDb.Response expected = reference.call("Scan", body);
        RawDynamoDb.Response actual = dynalog.call("Scan", body);
        assertSame("Scan", body, inAnyOrder("Scan", expected), inAnyOrder("Scan", actual), (a, b) -> false);
        return actual;
    }

    /**
     * The response with the item lists whose order DynamoDB leaves open sorted: a Scan's Items
     * (scan order is an implementation's own) and BatchGetItem's Responses ("the order of the
     * items is not guaranteed"). A Query's order is the sort key's and stays as it is.
     */
    private static RawDynamoDb.Response inAnyOrder(String operation, RawDynamoDb.Response r) {
        if (r.status() != 200 || !(r.body() instanceof ObjectNode body)) {
            return r;
        }
        ObjectNode copy = body.deepCopy();
        if (operation.equals("Scan") && copy.has("Items")) {
            copy.set("Items", sorted(copy.get("Items")));
        }
        if (operation.equals("BatchGetItem") && copy.get("Responses") instanceof ObjectNode responses) {
            List<String> tables = new ArrayList<>();
            responses.fieldNames().forEachRemaining(tables::add);
            tables.forEach(t -> responses.set(t, sorted(responses.get(t))));
        }
        return new RawDynamoDb.Response(r.status(), copy);
    }

    private static ArrayNode sorted(JsonNode items) {
        List<String> texts = new ArrayList<>();
        Map<String, JsonNode> byText = new TreeMap<>();
        items.forEach(i -> {
            String text = normalize(i).toString();
            texts.add(text);
            byText.put(text, i);
        });
        texts.sort(Comparator.naturalOrder());
        ArrayNode out = RawDynamoDb.JSON.createArrayNode();
        texts.forEach(t -> out.add(byText.get(t)));
        return out;
    }

    /** The ConsumedCapacity member, a list sorted by table name; null when there is none. */
    static JsonNode capacity(JsonNode body) {
        JsonNode c = body.get("ConsumedCapacity");
        if (c == null || !c.isArray()) {
            return c;
        }
        List<JsonNode> entries = new ArrayList<>();
        c.forEach(entries::add);
        entries.sort(Comparator.comparing(e -> e.path("TableName").asText()));
        ArrayNode sorted = RawDynamoDb.JSON.createArrayNode();
        entries.forEach(sorted::add);
        return sorted;
    }

    private static void assertSame(String operation, String body, RawDynamoDb.Response expected,
                                   RawDynamoDb.Response actual, BiPredicate<String, String> equivalentMessages) {
        assertThat(actual.status()).as("%s %s: status (dynalog %s, reference %s)", operation, body, actual.body(),
                expected.body()).isEqualTo(expected.status());
        if (expected.status() != 200) {
            assertThat(actual.errorType()).as("%s %s: error type", operation, body).isEqualTo(expected.errorType());
            if (!equivalentMessages.test(actual.message(), expected.message())) {
                assertThat(actual.message()).as("%s %s: message", operation, body).isEqualTo(expected.message());
            }
        } else {
            assertThat(normalize(actual.body())).as("%s %s", operation, body).isEqualTo(normalize(expected.body()));
        }
    }

    /**
     * Like {@link #same(String, String)} for a read of a global secondary index, which is
     * eventually consistent in DynamoDB and in dynalog (fed through Kafka): dynalog's side is
     * asked again, for up to {@link #EVENTUALLY}, until it answers what the reference answers;
     * then the last answers are compared. A Scan's items may come in any order.
     */
    RawDynamoDb.Response sameEventually(String operation, String body) {
        return sameUntil(operation, body, EVENTUALLY, r -> inAnyOrder(operation, r));
    }

    /**
     * Like {@link #sameEventually(String, String)}, and the Items of a Query too may come in any
     * order: for an index whose key does not order the items, such as a hash-only index or items
     * with equal index sort keys, whose order DynamoDB leaves open.
     */
    RawDynamoDb.Response sameEventuallyInAnyOrder(String operation, String body) {
        return sameUntil(operation, body, EVENTUALLY, Differential::itemsInAnyOrder);
    }

    /**
     * Like {@link #same(String, String)}, with the Items in any order: for a strongly consistent
     * read (a local secondary index) whose order among equal index keys DynamoDB leaves open; and
     * BatchGetItem's Responses, whose order DynamoDB does not guarantee.
     */
    RawDynamoDb.Response sameInAnyOrder(String operation, String body) {
        return sameUntil(operation, body, Duration.ZERO, r -> itemsInAnyOrder(inAnyOrder(operation, r)));
    }

    private RawDynamoDb.Response sameUntil(String operation, String body, Duration patience,
                                           UnaryOperator<RawDynamoDb.Response> view) {
        RawDynamoDb.Response expected = view.apply(reference.call(operation, body));
        long deadline = System.nanoTime() + patience.toNanos();
        RawDynamoDb.Response actual = view.apply(dynalog.call(operation, body));
        while (!equivalent(expected, actual) && System.nanoTime() < deadline) {
            sleep(50);
            actual = view.apply(dynalog.call(operation, body));
        }
        assertSame(operation, body, expected, actual, (a, b) -> false);
        return actual;
    }

    private static boolean equivalent(RawDynamoDb.Response expected, RawDynamoDb.Response actual) {
        return expected.status() == actual.status() && normalize(expected.body()).equals(normalize(actual.body()));
    }

    private static RawDynamoDb.Response itemsInAnyOrder(RawDynamoDb.Response r) {
        if (r.status() != 200 || !(r.body() instanceof ObjectNode body) || !body.has("Items")) {
            return r;
        }
        ObjectNode copy = body.deepCopy();
        copy.set("Items", sorted(copy.get("Items")));
        return new RawDynamoDb.Response(r.status(), copy);
    }

    /** Asserts the same outcome kind (status and error type) where the messages are known to differ. */
    RawDynamoDb.Response sameErrorType(String operation, String body) {
        RawDynamoDb.Response expected = reference.call(operation, body);
        RawDynamoDb.Response actual = dynalog.call(operation, body);
        assertThat(actual.status()).as("%s %s: status (dynalog %s, reference %s)", operation, body, actual.body(),
                expected.body()).isEqualTo(expected.status());
        assertThat(actual.errorType()).as("%s %s: error type", operation, body).isEqualTo(expected.errorType());
        return actual;
    }

    /**
     * Scans the whole table page by page on both sides and asserts the same items; scan order is
     * an implementation's own (DynamoDB's is by hash), so items are compared without order.
     */
    void sameScan(String tableName, int pageSize) {
        assertThat(scanAll(dynalog, tableName, pageSize)).isEqualTo(scanAll(reference, tableName, pageSize));
    }

    /**
     * Like {@link #sameScan(String, int)} for a global secondary index: dynalog's pages are read
     * again, for up to {@link #EVENTUALLY}, until together they hold the reference's items.
     */
    void sameIndexScanEventually(String tableName, String indexName, int pageSize) {
        List<String> expected = scanAll(reference, tableName, indexName, pageSize);
        long deadline = System.nanoTime() + EVENTUALLY.toNanos();
        List<String> actual = scanAll(dynalog, tableName, indexName, pageSize);
        while (!actual.equals(expected) && System.nanoTime() < deadline) {
            sleep(50);
            actual = scanAll(dynalog, tableName, indexName, pageSize);
        }
        assertThat(actual).as("Scan of %s.%s in pages of %d", tableName, indexName, pageSize).isEqualTo(expected);
    }

    private static List<String> scanAll(RawDynamoDb db, String table, int pageSize) {
        return scanAll(db, table, null, pageSize);
    }

    private static List<String> scanAll(RawDynamoDb db, String table, String index, int pageSize) {
        List<String> items = new ArrayList<>();
        JsonNode start = null;
        do {
            ObjectNode req = RawDynamoDb.JSON.createObjectNode().put("TableName", table).put("Limit", pageSize);
            if (index != null) {
                req.put("IndexName", index);
            }
            if (start != null) {
                req.set("ExclusiveStartKey", start);
            }
            RawDynamoDb.Response r = db.call("Scan", req.toString());
            assertThat(r.status()).as("Scan %s", r.body()).isEqualTo(200);
            assertThat(r.body().path("Items").size()).isLessThanOrEqualTo(pageSize);
            r.body().path("Items").forEach(i -> items.add(normalize(i).toString()));
            start = r.body().get("LastEvaluatedKey");
        } while (start != null);
        items.sort(Comparator.naturalOrder());
        return items;
    }

    /**
     * A copy with object members and set members sorted, so that equal items compare equal, and
     * without ConsumedCapacity, which DynamoDB Local sometimes returns unasked (capacity
     * accounting is compared by its own tests).
     */
    static JsonNode normalize(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = RawDynamoDb.JSON.createObjectNode();
            Map<String, JsonNode> sortedFields = new TreeMap<>();
            node.fields().forEachRemaining(e -> sortedFields.put(e.getKey(), e.getValue()));
            sortedFields.remove("ConsumedCapacity");
            for (Iterator<Map.Entry<String, JsonNode>> it = sortedFields.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = normalize(e.getValue());
                if (List.of("SS", "NS", "BS").contains(e.getKey()) && v.isArray()) {
                    List<String> members = new ArrayList<>();
                    v.forEach(m -> members.add(m.asText()));
                    members.sort(Comparator.naturalOrder());
                    ArrayNode sorted = out.putArray(e.getKey());
                    members.forEach(sorted::add);
                } else {
                    out.set(e.getKey(), v);
                }
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = RawDynamoDb.JSON.createArrayNode();
            node.forEach(n -> out.add(normalize(n)));
            return out;
        }
        return node;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
