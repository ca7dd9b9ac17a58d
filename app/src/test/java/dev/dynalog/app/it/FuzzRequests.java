package dev.dynalog.app.it;

import static dev.dynalog.app.it.FuzzRandom.weight;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dynalog.app.it.FuzzRandom.Alphabet;
import dev.dynalog.app.it.FuzzRandom.Weighted;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The fuzz test's requests: well-formed DynamoDB calls of every kind on one table (random keys
 * from a small space so that writes meet each other, values of every type with odd Unicode, huge
 * and deeply nested ones, expressions from a token soup), most of them then mutated (truncated,
 * bytes flipped or inserted, a node of the JSON replaced by something of another type, invalid
 * UTF-8, headers that lie about the encoding). Every choice comes from one {@link FuzzRandom}, so
 * a seed gives the same requests in the same order.
 */
final class FuzzRequests {
    static final String TABLE = "fuzz";
    private static final ObjectMapper JSON = RawDynamoDb.JSON;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String PREFIX = "DynamoDB_20120810.";

    /** One request as sent: target header, body bytes, whether it claims gzip, and what it was before mutation. */
    record Request(String target, byte[] body, boolean claimsGzip, String origin) {
        String describe() {
            String text = new String(body, StandardCharsets.UTF_8);
            return target + (claimsGzip ? " (Content-Encoding: gzip)" : "") + " from " + origin + ": "
                    + (text.length() > 600 ? text.substring(0, 600) + "... (" + body.length + " bytes)" : text);
        }
    }

    record Call(String operation, JsonNode body) {
    }

    private final FuzzRandom random;
    private final List<Weighted<Supplier<Call>>> calls = List.of(
            weight(6, this::putItem), weight(5, this::updateItem), weight(3, this::deleteItem), weight(3, this::getItem),
            weight(2, this::query), weight(2, this::scan), weight(2, this::batchWrite), weight(2, this::batchGet),
            weight(2, this::transactWrite), weight(1, this::transactGet), weight(1, this::controlPlane));

    private final List<Weighted<Supplier<Mutation>>> mutations;

    FuzzRequests(FuzzRandom random) {
        this.random = random;
        this.mutations = mutationKinds();
    }

    /** The next request: a call, mutated or not, with its target header now and then wrong. */
    Request next() {
        Call call = random.weighted(calls).get();
        Mutation mutation = mutation();
        int headerDice = random.between(0, 99);
        String otherTarget = random.oneOf("", "DynamoDB_20120810", PREFIX + "NoSuchOperation",
                "DynamoDBStreams_20120810.GetRecords", "dynamodb.PutItem");
        byte[] body = mutation.apply(call.body());
        String target = headerDice < 3 ? otherTarget : PREFIX + call.operation();
        return new Request(target, body, headerDice == 3, call.operation() + "/" + mutation.name());
    }

    // ---- keys, names and values

    private String partitionKey() {
        return random.oneOf("a", "b", "é", "\uD834\uDD1E", "\u0000x", "日本", "a b", "");
    }

    private String sortKey() {
        return random.oneOf("1", "2", "10", "-1.5", "1E+2", "abc");
    }

    private ObjectNode key() {
        String pk = partitionKey();
        String sk = sortKey();
        int dice = random.between(0, 19);
        ObjectNode key = NODES.objectNode();
        key.set("pk", typed(dice == 0 ? "N" : "S", pk));
        if (dice != 1) {
            key.set("sk", typed(dice == 2 ? "S" : "N", sk));
        }
        if (dice == 3) {
            key.set("extra", typed("S", "x"));
        }
        return key;
    }

    private List<ObjectNode> keys(int maxSize) {
        return random.list(0, maxSize, this::key);
    }

    private String oddString() {
        return switch (random.between(0, 3)) {
            case 0 -> random.string(Alphabet.UNICODE, 0, 12);
            case 1 -> random.string(Alphabet.ANY_CHAR, 0, 20);
            case 2 -> random.oneOf("", " ", "\u200B", "\u202Egnp.exe", "\uFEFF", "\uD800", "\uDFFF\uD800", "\\", "\"",
                    "null", "{\"S\":\"x\"}", "\u0000", "e\u0301", "\uD83D\uDE00".repeat(10));
            default -> {
                int n = random.between(1, 4);
                yield "x".repeat(n == 4 ? 450_000 : n * 1000);
            }
        };
    }

    private String attributeName() {
        return switch (random.between(0, 2)) {
            case 0 -> random.oneOf("a", "b", "c", "n", "s", "list", "map", "set", "#", ":", "a.b", "Ü", "\uD834\uDD1E");
            case 1 -> random.string(Alphabet.ALPHA, 1, 8);
            default -> random.oneOf("", "y".repeat(65_535), "z".repeat(65_536));
        };
    }

    private String number() {
        return switch (random.between(0, 2)) {
            case 0 -> String.valueOf(random.anyInt());
            case 1 -> random.decimal(5).toPlainString();
            default -> random.oneOf("0", "-0", "1e3", "1E-130", "1e126", "1e200", "9".repeat(38), "9".repeat(39), "abc",
                    "", " 1", "0x10", "NaN", "Infinity", "1.", ".5", "+1", "--1");
        };
    }

    static ObjectNode typed(String type, String value) {
        ObjectNode v = NODES.objectNode();
        v.put(type, value);
        return v;
    }

    /**
     * An attribute value of any type, nested up to {@code depth} more levels: strings and numbers
     * four times as often as each other kind.
     */
    private JsonNode value(int depth) {
        List<Weighted<Supplier<JsonNode>>> kinds = new ArrayList<>(List.of(
                weight(4, () -> typed("S", oddString())),
                weight(4, () -> typed("N", number())),
                weight(1, () -> typed("B", random.oneOf("AAEC", "", "not base64!", "AA=="))),
                weight(1, () -> NODES.objectNode().put("BOOL", random.chance(0.5))),
                weight(1, () -> NODES.objectNode().put("NULL", random.chance(0.5))),
                weight(1, () -> set("SS", random.list(0, 4, this::oddString))),
                weight(1, () -> set("NS", random.list(0, 4, this::number))),
                weight(1, () -> set("BS", random.oneOf(List.of("AQ=="), List.of("AQ==", "AQ=="), List.<String>of()))),
                weight(1, () -> deeplyNested(random.between(30, 40))),
                weight(1, () -> random.oneOf((JsonNode) NODES.objectNode(), NODES.objectNode().put("S", "x").put("N", "1"),
                        NODES.textNode("bare"), NODES.objectNode().put("X", "1")))));
        if (depth > 0) {
            kinds.add(weight(1, () -> {
                ObjectNode v = NODES.objectNode();
                v.putArray("L").addAll(random.list(0, 3, () -> value(depth - 1)));
                return v;
            }));
            kinds.add(weight(1, () -> {
                ObjectNode m = NODES.objectNode();
                ObjectNode inner = m.putObject("M");
                for (String name : random.list(0, 3, this::attributeName)) {
                    inner.set(name.length() > 100 ? "m" : name, value(depth - 1));
                }
                return m;
            }));
        }
        return random.weighted(kinds).get();
    }

    private static JsonNode set(String type, List<String> members) {
        ObjectNode v = NODES.objectNode();
        ArrayNode a = v.putArray(type);
        members.forEach(a::add);
        return v;
    }

    private static JsonNode deeplyNested(int levels) {
        JsonNode v = typed("S", "leaf");
        for (int i = 0; i < levels; i++) {
            ObjectNode m = NODES.objectNode();
            m.putObject("M").set("m", v);
            v = m;
        }
        return v;
    }

    private ObjectNode item() {
        ObjectNode item = key().deepCopy();
        for (String name : random.list(0, 3, this::attributeName)) {
            item.set(name, value(2));
        }
        return item;
    }

    private List<ObjectNode> items(int maxSize) {
        return random.list(0, maxSize, this::item);
    }

    // ---- expressions

    private static final List<String> TOKENS = List.of("(", ")", "AND", "OR", "NOT", "=", "<>", "<", ">=", "BETWEEN",
            "IN", ",", "attribute_exists", "attribute_not_exists", "attribute_type", "begins_with", "contains", "size",
            "if_not_exists", "list_append", "#n", ":v", ":w", ":missing", "a", "b", "a.b", "list[0]", "map.x", "SET",
            "REMOVE", "ADD", "DELETE", "+", "-", "pk", "sk", "path", "[", "]", ".", "=", "\u00e9");

    private String tokenSoup() {
        return String.join(" ", random.list(1, 12, () -> random.oneOf(TOKENS)));
    }

    private String condition() {
        return random.chance(0.5)
                ? random.oneOf("attribute_exists(pk)", "attribute_not_exists(pk)", "attribute_type(a, :t)",
                        "a = :v", "#n <> :v", "size(a) > :w", "begins_with(a, :v) OR contains(a, :v)",
                        "a BETWEEN :w AND :w", "a IN (:v, :w)", "NOT attribute_exists(a.b[1])",
                        "(".repeat(4096), "(".repeat(2000) + "a = :v" + ")".repeat(2000), "NOT ".repeat(400) + "a = :v",
                        "a = :v" + " ".repeat(4100))
                : tokenSoup();
    }

    private String update() {
        return random.chance(0.5)
                ? random.oneOf("SET a = :v", "SET #n = if_not_exists(#n, :w) + :w", "REMOVE a, b", "ADD n :w",
                        "ADD s :v", "DELETE set :v", "SET list = list_append(if_not_exists(list, :l), :l)",
                        "SET a = :v REMOVE b", "SET a = :v, a = :w", "SET pk = :v", "SET map.x = :v",
                        "SET a = " + "(".repeat(3000), "SET a = :missing")
                : "SET " + tokenSoup();
    }

    private ObjectNode attributeValues() {
        JsonNode v = value(1);
        ObjectNode w = random.oneOf(typed("N", "1"), typed("N", "abc"), typed("S", "S"), typed("S", "N"), typed("SS", "x"));
        int dice = random.between(0, 9);
        ObjectNode eav = NODES.objectNode();
        eav.set(":v", v);
        eav.set(":w", w);
        eav.set(":t", typed("S", dice < 5 ? "S" : "Q"));
        ObjectNode l = NODES.objectNode();
        l.putArray("L").add(typed("S", "e"));
        eav.set(":l", l);
        if (dice == 9) {
            eav.set(":unused", typed("S", "u"));
        }
        return eav;
    }

    private static ObjectNode names() {
        ObjectNode names = NODES.objectNode();
        names.put("#n", "n");
        return names;
    }

    // ---- calls

    private static ObjectNode table() {
        return NODES.objectNode().put("TableName", TABLE);
    }

    private Call putItem() {
        ObjectNode r = table();
        r.set("Item", item());
        String condition = random.orNull(0.6, this::condition);
        ObjectNode eav = attributeValues();
        if (condition != null) {
            r.put("ConditionExpression", condition);
            r.set("ExpressionAttributeNames", names());
            r.set("ExpressionAttributeValues", eav);
        }
        r.put("ReturnValues", random.oneOf("NONE", "ALL_OLD", "ALL_NEW", "bogus"));
        return new Call("PutItem", r);
    }

    private Call updateItem() {
        ObjectNode r = table();
        r.set("Key", key());
        r.put("UpdateExpression", update());
        String condition = random.orNull(0.6, this::condition);
        if (condition != null) {
            r.put("ConditionExpression", condition);
        }
        r.set("ExpressionAttributeNames", names());
        r.set("ExpressionAttributeValues", attributeValues());
        r.put("ReturnValues", "ALL_NEW");
        return new Call("UpdateItem", r);
    }

    private Call deleteItem() {
        ObjectNode r = table();
        r.set("Key", key());
        String condition = random.orNull(0.7, this::condition);
        if (condition != null) {
            r.put("ConditionExpression", condition);
            r.set("ExpressionAttributeNames", names());
            r.set("ExpressionAttributeValues", attributeValues());
        }
        return new Call("DeleteItem", r);
    }

    private Call getItem() {
        ObjectNode r = table();
        r.set("Key", key());
        r.put("ConsistentRead", true);
        String projection = random.orNull(0.5, () -> random.oneOf("a", "a, b", "list[0]", "#n", "a..b",
                "(".repeat(4000), String.join(".", Collections.nCopies(40, "m"))));
        if (projection != null) {
            r.put("ProjectionExpression", projection);
            if (projection.contains("#n")) {
                r.set("ExpressionAttributeNames", names());
            }
        }
        return new Call("GetItem", r);
    }

    private Call query() {
        ObjectNode r = table();
        String keyCondition = random.orNull(0.1, () -> random.oneOf("pk = :v", "pk = :v AND sk > :w",
                "pk = :v AND begins_with(sk, :v)", "sk = :w", "(".repeat(4096)));
        if (keyCondition != null) {
            r.put("KeyConditionExpression", keyCondition);
        }
        ObjectNode eav = attributeValues();
        eav.set(":v", typed("S", "a"));
        r.set("ExpressionAttributeValues", eav);
        String filter = random.orNull(0.6, this::condition);
        if (filter != null) {
            r.put("FilterExpression", filter);
            r.set("ExpressionAttributeNames", names());
        }
        Integer limit = random.orNull(0.5, () -> random.between(-1, 5));
        if (limit != null) {
            r.put("Limit", limit);
        }
        return new Call("Query", r);
    }

    private Call scan() {
        ObjectNode r = table();
        String filter = random.orNull(0.5, this::condition);
        if (filter != null) {
            r.put("FilterExpression", filter);
            r.set("ExpressionAttributeNames", names());
            r.set("ExpressionAttributeValues", attributeValues());
        }
        Integer segments = random.orNull(0.5, () -> random.between(-1, 3));
        if (segments != null) {
            r.put("Segment", 0).put("TotalSegments", segments);
        }
        return new Call("Scan", r);
    }

    private Call batchWrite() {
        ObjectNode r = NODES.objectNode();
        ArrayNode writes = r.putObject("RequestItems").putArray(TABLE);
        items(3).forEach(item -> writes.addObject().putObject("PutRequest").set("Item", item));
        keys(2).forEach(key -> writes.addObject().putObject("DeleteRequest").set("Key", key));
        return new Call("BatchWriteItem", r);
    }

    private Call batchGet() {
        ObjectNode r = NODES.objectNode();
        ArrayNode a = r.putObject("RequestItems").putObject(TABLE).putArray("Keys");
        keys(4).forEach(a::add);
        return new Call("BatchGetItem", r);
    }

    private Call transactWrite() {
        ObjectNode r = NODES.objectNode();
        ArrayNode actions = r.putArray("TransactItems");
        items(2).forEach(item -> actions.addObject().putObject("Put").put("TableName", TABLE).set("Item", item));
        keys(2).forEach(key -> actions.addObject().putObject("Delete").put("TableName", TABLE).set("Key", key));
        ObjectNode checked = random.orNull(0.5, this::key);
        if (checked != null) {
            ObjectNode check = actions.addObject().putObject("ConditionCheck").put("TableName", TABLE);
            check.set("Key", checked);
            check.put("ConditionExpression", condition());
            check.set("ExpressionAttributeNames", names());
            check.set("ExpressionAttributeValues", attributeValues());
        }
        return new Call("TransactWriteItems", r);
    }

    private Call transactGet() {
        ObjectNode r = NODES.objectNode();
        ArrayNode gets = r.putArray("TransactItems");
        keys(3).forEach(key -> gets.addObject().putObject("Get").put("TableName", TABLE).set("Key", key));
        return new Call("TransactGetItems", r);
    }

    /** Reads and refused control-plane calls; none may change or drop the fuzz table. */
    private Call controlPlane() {
        return random.oneOf(
                new Call("DescribeTable", table()),
                new Call("DescribeTable", NODES.objectNode().put("TableName", "no-such-table")),
                new Call("ListTables", NODES.objectNode().put("Limit", 0)),
                new Call("ListTables", NODES.objectNode()),
                new Call("CreateTable", table()),
                new Call("CreateTable", NODES.objectNode().put("TableName", "x")),
                new Call("DeleteTable", NODES.objectNode().put("TableName", "no-such-table")),
                new Call("DescribeTimeToLive", table()),
                new Call("DescribeLimits", NODES.objectNode()));
    }

    // ---- mutations

    record Mutation(String name, UnaryOperator<byte[]> bytes) {
        byte[] apply(JsonNode body) {
            try {
                return bytes.apply(JSON.writeValueAsBytes(body));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The mutations, each as often as its weight says: most requests are sent as made. */
    private List<Weighted<Supplier<Mutation>>> mutationKinds() {
        return List.of(
                weight(70, () -> new Mutation("none", b -> b)),
                weight(8, () -> {
                    double f = random.fraction();
                    return new Mutation("truncated", b -> Arrays.copyOf(b, (int) (b.length * f)));
                }),
                weight(8, () -> {
                    double f = random.fraction();
                    byte x = random.anyByte();
                    return new Mutation("byte flipped", b -> {
                        byte[] c = b.clone();
                        if (c.length > 0) {
                            c[Math.min(c.length - 1, (int) (c.length * f))] ^= (byte) (x == 0 ? 1 : x);
                        }
                        return c;
                    });
                }),
                weight(6, () -> {
                    double f = random.fraction();
                    String junk = random.oneOf("\"", "{", "}", "[", ",", ":", "\\", "\u0000", "\"\":", "1e99999",
                            "\"\\ud800\"", "null", "[[[[[[[[", "{\"S\":\"x\"}");
                    return new Mutation("inserted " + junk,
                            b -> insert(b, (int) (b.length * f), junk.getBytes(StandardCharsets.UTF_8)));
                }),
                weight(3, () -> {
                    double f = random.fraction();
                    return new Mutation("invalid UTF-8",
                            b -> insert(b, (int) (b.length * f), new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF}));
                }),
                weight(14, () -> {
                    double f = random.fraction();
                    JsonNode replacement = random.oneOf(NODES.nullNode(), NODES.numberNode(7), NODES.textNode("x"),
                            NODES.booleanNode(true), NODES.arrayNode(), NODES.objectNode(), NODES.numberNode(-1),
                            NODES.textNode("\uD83D\uDE00".repeat(3)), NODES.numberNode(new BigDecimal("1e400")));
                    return new Mutation("a node replaced by " + replacement, b -> replaceNode(b, f, replacement));
                }),
                weight(3, () -> new Mutation("wrapped 2000 arrays deep", b -> {
                    String s = new String(b, StandardCharsets.UTF_8);
                    return ("{\"x\":" + "[".repeat(2000) + "]".repeat(2000) + "," + s.substring(Math.min(1, s.length())))
                            .getBytes(StandardCharsets.UTF_8);
                })),
                weight(2, () -> {
                    String text = random.oneOf("", "[]", "null", "\"str\"", "{", "{}", "{\"TableName\":1}", "\u00ef\u00bb\u00bf{}");
                    return new Mutation("body replaced by " + text, b -> text.getBytes(StandardCharsets.UTF_8));
                }));
    }

    private Mutation mutation() {
        return random.weighted(mutations).get();
    }

    private static byte[] insert(byte[] b, int at, byte[] junk) {
        byte[] out = new byte[b.length + junk.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(junk, 0, out, at, junk.length);
        System.arraycopy(b, at, out, at + junk.length, b.length - at);
        return out;
    }

    /** Replaces the node at a fraction of a depth-first walk of the document. */
    private static byte[] replaceNode(byte[] body, double fraction, JsonNode replacement) {
        try {
            JsonNode root = JSON.readTree(body);
            List<JsonNode> containers = new ArrayList<>();
            List<String> fields = new ArrayList<>();
            List<Integer> indexes = new ArrayList<>();
            walk(root, containers, fields, indexes);
            if (containers.isEmpty()) {
                return body;
            }
            int i = Math.min(containers.size() - 1, (int) (containers.size() * fraction));
            JsonNode parent = containers.get(i);
            if (parent instanceof ObjectNode o) {
                o.set(fields.get(i), replacement);
            } else {
                ((ArrayNode) parent).set(indexes.get(i), replacement);
            }
            return JSON.writeValueAsBytes(root);
        } catch (java.io.IOException e) {
            return body;
        }
    }

    private static void walk(JsonNode node, List<JsonNode> containers, List<String> fields, List<Integer> indexes) {
        if (node.isObject()) {
            for (var it = node.fields(); it.hasNext(); ) {
                var e = it.next();
                containers.add(node);
                fields.add(e.getKey());
                indexes.add(-1);
                walk(e.getValue(), containers, fields, indexes);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                containers.add(node);
                fields.add(null);
                indexes.add(i);
                walk(node.get(i), containers, fields, indexes);
            }
        }
    }
}
