package dev.dynalog.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Random and mutated DynamoDB requests ({@link FuzzRequests}) sent to a running node, one at a
 * time. Every answer must be well formed (a JSON object; an error with a {@code __type} and a
 * status DynamoDB uses for client errors, 400 or 413), never a 500 and never a connection closed
 * without an answer. Afterwards the table must hold exactly what the successful writes wrote: a
 * failed request changes nothing.
 *
 * <p>The CI profile sends 1,000 requests (well under a minute); a long run on demand:
 * {@code -Dfuzz.requests=50000}. Every request comes from one seeded {@link FuzzRandom}: the seed
 * is printed at the start ({@code fuzz: seed ...}) and chosen at random unless {@code -Dfuzz.seed=...}
 * gives it, so that a failure, whose message names the request and the seed, is replayed by
 * running again with that seed. The counts are printed at the end as {@code fuzz: ...}.
 */
class FrontDoorFuzzIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final Set<Integer> CLIENT_ERROR_STATUSES = Set.of(400, 413);
    /** Requests sent in CI; {@code -Dfuzz.requests} overrides it. */
    private static final int CI_REQUESTS = 1000;

    private final URI endpoint = TestNode.shared().endpoint();
    /** Expected items by key, from successful writes only; a key whose write could not be modelled is dropped from the comparison. */
    private final Map<String, JsonNode> expected = new HashMap<>();
    /** The last successful write of each key, to name it when the key differs at the end. */
    private final Map<String, String> lastWrite = new HashMap<>();
    private final Set<String> unknown = new HashSet<>();
    private final Map<String, AtomicLong> errorKinds = new ConcurrentHashMap<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong serverErrors = new AtomicLong();
    private final AtomicLong closedConnections = new AtomicLong();
    /** The number of the request under way, from 1. */
    private long currentRequest;

    @Test
    void everyRequestGetsAWellFormedAnswerAndOnlySuccessfulWritesChangeTheTable() throws Exception {
        long seed = Long.getLong("fuzz.seed", new SecureRandom().nextLong());
        int requests = Integer.getInteger("fuzz.requests", CI_REQUESTS);
        System.out.printf("fuzz: seed %d, %d requests (replay with -Dfuzz.seed=%d)%n", seed, requests, seed);
        freshTable();
        FuzzRequests generator = new FuzzRequests(new FuzzRandom(seed));
        long started = System.nanoTime();
        try {
            for (currentRequest = 1; currentRequest <= requests; currentRequest++) {
                FuzzRequests.Request request = generator.next();
                try {
                    check(request);
                } catch (AssertionError | RuntimeException e) {
                    throw new AssertionError(String.format("request %d of %d, seed %d (replay with -Dfuzz.seed=%d): %s%n%s",
                            currentRequest, requests, seed, seed, request.describe(), e.getMessage()), e);
                }
            }
        } finally {
            printCounts(System.nanoTime() - started);
        }
        theTableHoldsExactlyTheSuccessfulWrites(seed);
    }

    private void freshTable() {
        var db = TestNode.shared().client();
        if (db.listTables().tableNames().contains(FuzzRequests.TABLE)) {
            db.deleteTable(b -> b.tableName(FuzzRequests.TABLE));
            Clients.waiter(db).waitUntilTableNotExists(b -> b.tableName(FuzzRequests.TABLE));
        }
        db.createTable(b -> b.tableName(FuzzRequests.TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH), k -> k.attributeName("sk").keyType(KeyType.RANGE))
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("sk").attributeType(ScalarAttributeType.N)));
        Clients.waiter(db).waitUntilTableExists(b -> b.tableName(FuzzRequests.TABLE));
    }

    /** Sends one request and checks its answer; a successful write goes into the expected state. */
    private void check(FuzzRequests.Request request) throws InterruptedException {
        sent.incrementAndGet();
        HttpResponse<String> response;
        try {
            HttpRequest.Builder http = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/x-amz-json-1.0")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
            if (!request.target().isEmpty()) {
                http.header("X-Amz-Target", request.target());
            }
            if (request.claimsGzip()) {
                http.header("Content-Encoding", "gzip");
            }
            response = HTTP.send(http.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            closedConnections.incrementAndGet();
            throw new AssertionError("no answer (" + e + ") to " + request.describe(), e);
        }
        JsonNode body = parse(response.body(), request);
        if (response.statusCode() == 200) {
            succeeded.incrementAndGet();
            assertThat(body.isObject()).as("a JSON object answers %s", request.describe()).isTrue();
            recordWrite(request, body);
            return;
        }
        String type = body.path("__type").asText("");
        errorKinds.computeIfAbsent(type.substring(type.indexOf('#') + 1) + " " + response.statusCode(),
                k -> new AtomicLong()).incrementAndGet();
        if (response.statusCode() >= 500) {
            serverErrors.incrementAndGet();
        }
        assertThat(response.statusCode()).as("status of %s, answered %s", request.describe(), response.body())
                .isIn(CLIENT_ERROR_STATUSES);
        assertThat(type).as("__type answering %s", request.describe()).isNotEmpty();
        assertThat(body.path("message").isMissingNode() || body.path("message").isTextual())
                .as("message of %s", response.body()).isTrue();
    }

    private void printCounts(long nanos) {
        System.out.printf(Locale.ROOT, "fuzz: %d requests sent, %d succeeded, %d distinct error kinds, %d answered 5xx, "
                        + "%d connections closed without an answer, in %.1f s%n"
                        + "fuzz error kinds: %s%n", sent.get(), succeeded.get(), errorKinds.size(), serverErrors.get(),
                closedConnections.get(), nanos / 1e9, new TreeMap<>(errorKinds));
    }

    private void theTableHoldsExactlyTheSuccessfulWrites(long seed) {
        Map<String, JsonNode> actual = new TreeMap<>();
        RawDynamoDb raw = new RawDynamoDb(endpoint);
        JsonNode start = null;
        do {
            ObjectNode scan = JsonNodeFactory.instance.objectNode().put("TableName", FuzzRequests.TABLE)
                    .put("ConsistentRead", true);
            if (start != null) {
                scan.set("ExclusiveStartKey", start);
            }
            RawDynamoDb.Response page = raw.call("Scan", scan.toString());
            assertThat(page.status()).isEqualTo(200);
            for (JsonNode item : page.body().path("Items")) {
                actual.put(key(item), normalized(item));
            }
            start = page.body().get("LastEvaluatedKey");
        } while (start != null);
        Map<String, JsonNode> wanted = new TreeMap<>();
        expected.forEach((k, v) -> wanted.put(k, normalized(v)));
        unknown.forEach(k -> {
            actual.remove(k);
            wanted.remove(k);
        });
        System.out.printf("fuzz: %d items at the end (%d keys not modelled)%n", actual.size(), unknown.size());
        StringBuilder differences = new StringBuilder();
        Set<String> keys = new TreeSet<>(actual.keySet());
        keys.addAll(wanted.keySet());
        for (String k : keys) {
            JsonNode stored = actual.get(k);
            JsonNode written = wanted.get(k);
            if (stored == null || written == null) {
                differences.append("\n  ").append(k).append(": stored ").append(shortened(stored))
                        .append(", expected ").append(shortened(written)).append(lastWriteOf(k));
            } else if (!stored.equals(written)) {
                differences.append("\n  ").append(k).append(lastWriteOf(k)).append(':');
                Set<String> names = new TreeSet<>();
                stored.fieldNames().forEachRemaining(names::add);
                written.fieldNames().forEachRemaining(names::add);
                for (String name : names) {
                    if (!java.util.Objects.equals(stored.get(name), written.get(name))) {
                        differences.append("\n    attribute ").append(shortened(name.length() > 40
                                        ? name.substring(0, 40) + "...(" + name.length() + ")" : name))
                                .append(": stored ").append(shortened(stored.get(name)))
                                .append(", expected ").append(shortened(written.get(name)));
                    }
                }
            }
        }
        assertThat(differences).as("items that differ from the successful writes (seed %d, replay with -Dfuzz.seed=%d)",
                seed, seed).isEmpty();
    }

    private String lastWriteOf(String key) {
        String write = lastWrite.get(key);
        return write == null ? " (no successful write)" : " (last successful write: " + write + ")";
    }

    private static String shortened(Object item) {
        String text = String.valueOf(item);
        return text.length() > 400 ? text.substring(0, 400) + "..." : text;
    }

    /** Applies a successful write to the expected state, as DynamoDB applies it. */
    private void recordWrite(FuzzRequests.Request request, JsonNode answer) {
        String operation = request.target().substring(request.target().indexOf('.') + 1);
        JsonNode sentBody = parse(new String(request.body(), java.nio.charset.StandardCharsets.UTF_8), request);
        String writer = "request " + currentRequest + ", " + request.origin();
        for (String key : writtenKeys(operation, sentBody)) {
            lastWrite.put(key, writer);
        }
        switch (operation) {
            case "PutItem" -> expected.put(key(sentBody.get("Item")), sentBody.get("Item"));
            case "DeleteItem" -> expected.remove(key(sentBody.get("Key")));
            case "UpdateItem" -> {
                if (sentBody.path("ReturnValues").asText().equals("ALL_NEW") && answer.has("Attributes")) {
                    expected.put(key(sentBody.get("Key")), answer.get("Attributes"));
                } else {
                    unknown.add(key(sentBody.get("Key")));
                }
            }
            case "BatchWriteItem" -> {
                for (JsonNode write : sentBody.path("RequestItems").path(FuzzRequests.TABLE)) {
                    if (write.has("PutRequest")) {
                        JsonNode item = write.get("PutRequest").get("Item");
                        expected.put(key(item), item);
                    } else if (write.has("DeleteRequest")) {
                        expected.remove(key(write.get("DeleteRequest").get("Key")));
                    }
                }
                for (JsonNode write : answer.path("UnprocessedItems").path(FuzzRequests.TABLE)) {
                    JsonNode item = write.has("PutRequest") ? write.get("PutRequest").get("Item")
                            : write.get("DeleteRequest").get("Key");
                    unknown.add(key(item));
                }
            }
            case "TransactWriteItems" -> {
                for (JsonNode action : sentBody.path("TransactItems")) {
                    if (action.has("Put")) {
                        expected.put(key(action.get("Put").get("Item")), action.get("Put").get("Item"));
                    } else if (action.has("Delete")) {
                        expected.remove(key(action.get("Delete").get("Key")));
                    } else if (action.has("Update")) {
                        unknown.add(key(action.get("Update").get("Key")));
                    }
                }
            }
            default -> {
            }
        }
    }

    /** The keys a successful write of {@code operation} wrote. */
    private static Set<String> writtenKeys(String operation, JsonNode sentBody) {
        Set<String> keys = new TreeSet<>();
        switch (operation) {
            case "PutItem" -> keys.add(key(sentBody.get("Item")));
            case "DeleteItem", "UpdateItem" -> keys.add(key(sentBody.get("Key")));
            case "BatchWriteItem" -> sentBody.path("RequestItems").path(FuzzRequests.TABLE).forEach(write -> keys.add(
                    key(write.has("PutRequest") ? write.path("PutRequest").path("Item") : write.path("DeleteRequest").path("Key"))));
            case "TransactWriteItems" -> sentBody.path("TransactItems").forEach(action -> {
                for (String kind : new String[] {"Put", "Delete", "Update"}) {
                    if (action.has(kind)) {
                        keys.add(key(action.get(kind).has("Item") ? action.get(kind).get("Item") : action.get(kind).path("Key")));
                    }
                }
            });
            default -> {
            }
        }
        return keys;
    }

    /** The item's key as text, numbers compared by value. */
    private static String key(JsonNode item) {
        return normalized(item.path("pk")) + "|" + normalized(item.path("sk"));
    }

    /**
     * A value in the form DynamoDB stores it: numbers by value ({@code 1E+2} is {@code 100}),
     * sets without order.
     */
    static JsonNode normalized(JsonNode value) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (value.isObject() && value.size() == 1) {
            String type = value.fieldNames().next();
            JsonNode content = value.get(type);
            switch (type) {
                case "N":
                    return nodes.objectNode().put("N", new BigDecimal(content.asText()).stripTrailingZeros().toPlainString());
                case "NS", "SS", "BS": {
                    TreeSet<String> members = new TreeSet<>();
                    content.forEach(m -> members.add(type.equals("NS")
                            ? new BigDecimal(m.asText()).stripTrailingZeros().toPlainString() : m.asText()));
                    ObjectNode set = nodes.objectNode();
                    ArrayNode a = set.putArray(type);
                    members.forEach(a::add);
                    return set;
                }
                case "L": {
                    ObjectNode l = nodes.objectNode();
                    ArrayNode a = l.putArray("L");
                    content.forEach(e -> a.add(normalized(e)));
                    return l;
                }
                case "M": {
                    ObjectNode m = nodes.objectNode();
                    m.set("M", normalizedItem(content));
                    return m;
                }
                default:
                    return value;
            }
        }
        return value.isObject() ? normalizedItem(value) : value;
    }

    private static ObjectNode normalizedItem(JsonNode item) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        new TreeMap<String, JsonNode>() {
            {
                item.fields().forEachRemaining(e -> put(e.getKey(), normalized(e.getValue())));
            }
        }.forEach(out::set);
        return out;
    }

    private static JsonNode parse(String text, FuzzRequests.Request request) {
        try {
            return RawDynamoDb.JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text + " answering " + request.describe(), e);
        }
    }
}
