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
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
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
 * <p>The CI profile sends {@code jqwik.tries.default} requests (src/test/resources/
 * junit-platform.properties: a few seconds); a long run on demand: {@code -Djqwik.tries.default=50000}.
 * The counts are printed at the end as {@code fuzz: ...}.
 */
class FrontDoorFuzzIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final Set<Integer> CLIENT_ERROR_STATUSES = Set.of(400, 413);

    private final URI endpoint = TestNode.shared().endpoint();
    /** Expected items by key, from successful writes only; a key whose write could not be modelled is dropped from the comparison. */
    private final Map<String, JsonNode> expected = new HashMap<>();
    private final Set<String> unknown = new HashSet<>();
    private final Map<String, AtomicLong> errorKinds = new ConcurrentHashMap<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong serverErrors = new AtomicLong();
    private final AtomicLong closedConnections = new AtomicLong();

    @BeforeProperty
    void freshTable() {
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

    @Provide
    Arbitrary<FuzzRequests.Request> requests() {
        return FuzzRequests.requests();
    }

    @Property(shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void everyRequestGetsAWellFormedAnswerAndOnlySuccessfulWritesChangeTheTable(
            @ForAll("requests") FuzzRequests.Request request) throws Exception {
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

    @AfterProperty
    void theTableHoldsExactlyTheSuccessfulWrites() {
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
        System.out.printf("fuzz: %d requests sent, %d succeeded, %d distinct error kinds, %d answered 5xx, "
                        + "%d connections closed without an answer; %d items at the end (%d keys not modelled)%n"
                        + "fuzz error kinds: %s%n", sent.get(), succeeded.get(), errorKinds.size(), serverErrors.get(),
                closedConnections.get(), actual.size(), unknown.size(), new TreeMap<>(errorKinds));
        StringBuilder differences = new StringBuilder();
        Set<String> keys = new TreeSet<>(actual.keySet());
        keys.addAll(wanted.keySet());
        for (String k : keys) {
            JsonNode stored = actual.get(k);
            JsonNode written = wanted.get(k);
            if (stored == null || written == null) {
                differences.append("\n  ").append(k).append(": stored ").append(shortened(stored))
                        .append(", expected ").append(shortened(written));
            } else if (!stored.equals(written)) {
                Set<String> names = new TreeSet<>();
                stored.fieldNames().forEachRemaining(names::add);
                written.fieldNames().forEachRemaining(names::add);
                for (String name : names) {
                    if (!java.util.Objects.equals(stored.get(name), written.get(name))) {
                        differences.append("\n  ").append(k).append(" attribute ").append(shortened(name.length() > 40
                                        ? name.substring(0, 40) + "...(" + name.length() + ")" : name))
                                .append(": stored ").append(shortened(stored.get(name)))
                                .append(", expected ").append(shortened(written.get(name)));
                    }
                }
            }
        }
        assertThat(differences).as("items that differ from the successful writes").isEmpty();
    }

    private static String shortened(Object item) {
        String text = String.valueOf(item);
        return text.length() > 400 ? text.substring(0, 400) + "..." : text;
    }

    /** Applies a successful write to the expected state, as DynamoDB applies it. */
    private void recordWrite(FuzzRequests.Request request, JsonNode answer) {
        String operation = request.target().substring(request.target().indexOf('.') + 1);
        JsonNode sentBody = parse(new String(request.body(), java.nio.charset.StandardCharsets.UTF_8), request);
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
