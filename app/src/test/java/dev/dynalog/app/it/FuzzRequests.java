package dev.dynalog.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * The fuzz test's requests: well-formed DynamoDB calls of every kind on one table (random keys
 * from a small space so that writes meet each other, values of every type with odd Unicode, huge
 * and deeply nested ones, expressions from a token soup), most of them then mutated (truncated,
 * bytes flipped or inserted, a node of the JSON replaced by something of another type, invalid
 * UTF-8, headers that lie about the encoding).
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

    private FuzzRequests() {
    }

    static Arbitrary<Request> requests() {
        return Combinators.combine(calls(), mutations(), Arbitraries.integers().between(0, 99),
                        Arbitraries.of("", "DynamoDB_20120810", PREFIX + "NoSuchOperation",
                                "DynamoDBStreams_20120810.GetRecords", "dynamodb.PutItem"))
                .as((call, mutation, headerDice, otherTarget) -> {
                    byte[] body = mutation.apply(call.body());
                    String target = headerDice < 3 ? otherTarget : PREFIX + call.operation();
                    return new Request(target, body, headerDice == 3, call.operation() + "/" + mutation.name());
                });
    }

    record Call(String operation, JsonNode body) {
    }

    private static Arbitrary<Call> calls() {
        return Arbitraries.frequencyOf(
                Tuple(6, putItem()), Tuple(5, updateItem()), Tuple(3, deleteItem()), Tuple(3, getItem()),
                Tuple(2, query()), Tuple(2, scan()), Tuple(2, batchWrite()), Tuple(2, batchGet()),
                Tuple(2, transactWrite()), Tuple(1, transactGet()), Tuple(1, controlPlane()));
    }

    @SuppressWarnings("unchecked")
    private static net.jqwik.api.Tuple.Tuple2<Integer, Arbitrary<? extends Call>> Tuple(int weight, Arbitrary<? extends Call> a) {
        return net.jqwik.api.Tuple.of(weight, a);
    }

    // ---- keys, names and values

    static Arbitrary<String> partitionKeys() {
        return Arbitraries.of("a", "b", "é", "\uD834\uDD1E", "\u0000x", "日本", "a b", "");
    }

    static Arbitrary<String> sortKeys() {
        return Arbitraries.of("1", "2", "10", "-1.5", "1E+2", "abc");
    }

    private static Arbitrary<ObjectNode> keys() {
        return Combinators.combine(partitionKeys(), sortKeys(), Arbitraries.integers().between(0, 19)).as((pk, sk, dice) -> {
            ObjectNode key = NODES.objectNode();
            key.set("pk", typed(dice == 0 ? "N" : "S", pk));
            if (dice != 1) {
                key.set("sk", typed(dice == 2 ? "S" : "N", sk));
            }
            if (dice == 3) {
                key.set("extra", typed("S", "x"));
            }
            return key;
        });
    }

    static Arbitrary<String> oddStrings() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(12),
                Arbitraries.strings().all().ofMaxLength(20),
                Arbitraries.of("", " ", "\u200B", "\u202Egnp.exe", "\uFEFF", "\uD800", "\uDFFF\uD800", "\\", "\"",
                        "null", "{\"S\":\"x\"}", "\u0000", "e\u0301", "\uD83D\uDE00".repeat(10)),
                Arbitraries.integers().between(1, 4).map(n -> "x".repeat(n == 4 ? 450_000 : n * 1000)));
    }

    private static Arbitrary<String> attributeNames() {
        return Arbitraries.oneOf(
                Arbitraries.of("a", "b", "c", "n", "s", "list", "map", "set", "#", ":", "a.b", "Ü", "\uD834\uDD1E"),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8),
                Arbitraries.of("", "y".repeat(65_535), "z".repeat(65_536)));
    }

    private static Arbitrary<String> numbers() {
        return Arbitraries.oneOf(
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.bigDecimals().ofScale(5).map(java.math.BigDecimal::toPlainString),
                Arbitraries.of("0", "-0", "1e3", "1E-130", "1e126", "1e200", "9".repeat(38), "9".repeat(39), "abc", "",
                        " 1", "0x10", "NaN", "Infinity", "1.", ".5", "+1", "--1"));
    }

    static ObjectNode typed(String type, String value) {
        ObjectNode v = NODES.objectNode();
        v.put(type, value);
        return v;
    }

    /** Attribute values of every type, nested up to {@code depth} more levels. */
    static Arbitrary<JsonNode> values(int depth) {
        List<Arbitrary<JsonNode>> kinds = new ArrayList<>(List.of(
                oddStrings().map(s -> typed("S", s)),
                numbers().map(n -> typed("N", n)),
                Arbitraries.of("AAEC", "", "not base64!", "AA==").map(b -> typed("B", b)),
                Arbitraries.of(true, false).map(b -> (JsonNode) NODES.objectNode().put("BOOL", b)),
                Arbitraries.of(true, false).map(b -> (JsonNode) NODES.objectNode().put("NULL", b)),
                oddStrings().list().ofMaxSize(4).map(l -> set("SS", l)),
                numbers().list().ofMaxSize(4).map(l -> set("NS", l)),
                Arbitraries.of(List.of("AQ=="), List.of("AQ==", "AQ=="), List.<String>of()).map(l -> set("BS", l)),
                Arbitraries.integers().between(30, 40).map(FuzzRequests::deeplyNested),
                Arbitraries.of((JsonNode) NODES.objectNode(), NODES.objectNode().put("S", "x").put("N", "1"),
                        NODES.textNode("bare"), NODES.objectNode().put("X", "1"))));
        if (depth > 0) {
            kinds.add(values(depth - 1).list().ofMaxSize(3).map(l -> {
                ObjectNode v = NODES.objectNode();
                v.putArray("L").addAll(l);
                return (JsonNode) v;
            }));
            kinds.add(attributeNames().map(n -> n.length() > 100 ? "m" : n).list().ofMaxSize(3).flatMap(names -> values(depth - 1).list().ofSize(names.size()).map(vs -> {
                        ObjectNode m = NODES.objectNode();
                        ObjectNode inner = m.putObject("M");
                        for (int i = 0; i < names.size(); i++) {
                            inner.set(names.get(i), vs.get(i));
                        }
                        return (JsonNode) m;
                    })));
        }
        return Arbitraries.frequencyOf(kinds.stream()
                .map(a -> net.jqwik.api.Tuple.of(a == kinds.get(0) || a == kinds.get(1) ? 4 : 1, a))
                .toArray(net.jqwik.api.Tuple.Tuple2[]::new));
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

    private static Arbitrary<ObjectNode> items() {
        return Combinators.combine(keys(), attributeNames().list().ofMaxSize(3), values(2).list().ofSize(3))
                .as((key, names, values) -> {
                    ObjectNode item = key.deepCopy();
                    for (int i = 0; i < names.size(); i++) {
                        item.set(names.get(i), values.get(i));
                    }
                    return item;
                });
    }

    // ---- expressions

    private static final List<String> TOKENS = List.of("(", ")", "AND", "OR", "NOT", "=", "<>", "<", ">=", "BETWEEN",
            "IN", ",", "attribute_exists", "attribute_not_exists", "attribute_type", "begins_with", "contains", "size",
            "if_not_exists", "list_append", "#n", ":v", ":w", ":missing", "a", "b", "a.b", "list[0]", "map.x", "SET",
            "REMOVE", "ADD", "DELETE", "+", "-", "pk", "sk", "path", "[", "]", ".", "=", "\u00e9");

    private static Arbitrary<String> tokenSoup() {
        return Arbitraries.of(TOKENS).list().ofMinSize(1).ofMaxSize(12).map(l -> String.join(" ", l));
    }

    private static Arbitrary<String> conditions() {
        return Arbitraries.oneOf(
                Arbitraries.of("attribute_exists(pk)", "attribute_not_exists(pk)", "attribute_type(a, :t)",
                        "a = :v", "#n <> :v", "size(a) > :w", "begins_with(a, :v) OR contains(a, :v)",
                        "a BETWEEN :w AND :w", "a IN (:v, :w)", "NOT attribute_exists(a.b[1])",
                        "(".repeat(4096), "(".repeat(2000) + "a = :v" + ")".repeat(2000), "NOT ".repeat(400) + "a = :v",
                        "a = :v" + " ".repeat(4100)),
                tokenSoup());
    }

    private static Arbitrary<String> updates() {
        return Arbitraries.oneOf(
                Arbitraries.of("SET a = :v", "SET #n = if_not_exists(#n, :w) + :w", "REMOVE a, b", "ADD n :w",
                        "ADD s :v", "DELETE set :v", "SET list = list_append(if_not_exists(list, :l), :l)",
                        "SET a = :v REMOVE b", "SET a = :v, a = :w", "SET pk = :v", "SET map.x = :v",
                        "SET a = " + "(".repeat(3000), "SET a = :missing"),
                tokenSoup().map(s -> "SET " + s));
    }

    private static Arbitrary<ObjectNode> attributeValues() {
        return Combinators.combine(values(1), Arbitraries.of(typed("N", "1"), typed("N", "abc"), typed("S", "S"),
                typed("S", "N"), typed("SS", "x")), Arbitraries.integers().between(0, 9)).as((v, w, dice) -> {
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
                });
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

    private static Arbitrary<Call> putItem() {
        return Combinators.combine(items(), conditions().injectNull(0.6), attributeValues(),
                Arbitraries.of("NONE", "ALL_OLD", "ALL_NEW", "bogus")).as((item, condition, eav, rv) -> {
                    ObjectNode r = table();
                    r.set("Item", item);
                    if (condition != null) {
                        r.put("ConditionExpression", condition);
                        r.set("ExpressionAttributeNames", names());
                        r.set("ExpressionAttributeValues", eav);
                    }
                    r.put("ReturnValues", rv);
                    return new Call("PutItem", r);
                });
    }

    private static Arbitrary<Call> updateItem() {
        return Combinators.combine(keys(), updates(), conditions().injectNull(0.6), attributeValues())
                .as((key, update, condition, eav) -> {
                    ObjectNode r = table();
                    r.set("Key", key);
                    r.put("UpdateExpression", update);
                    if (condition != null) {
                        r.put("ConditionExpression", condition);
                    }
                    r.set("ExpressionAttributeNames", names());
                    r.set("ExpressionAttributeValues", eav);
                    r.put("ReturnValues", "ALL_NEW");
                    return new Call("UpdateItem", r);
                });
    }

    private static Arbitrary<Call> deleteItem() {
        return Combinators.combine(keys(), conditions().injectNull(0.7), attributeValues()).as((key, condition, eav) -> {
            ObjectNode r = table();
            r.set("Key", key);
            if (condition != null) {
                r.put("ConditionExpression", condition);
                r.set("ExpressionAttributeNames", names());
                r.set("ExpressionAttributeValues", eav);
            }
            return new Call("DeleteItem", r);
        });
    }

    private static Arbitrary<Call> getItem() {
        return Combinators.combine(keys(), Arbitraries.of("a", "a, b", "list[0]", "#n", "a..b", "(".repeat(4000),
                String.join(".", java.util.Collections.nCopies(40, "m"))).injectNull(0.5)).as((key, projection) -> {
                    ObjectNode r = table();
                    r.set("Key", key);
                    r.put("ConsistentRead", true);
                    if (projection != null) {
                        r.put("ProjectionExpression", projection);
                        if (projection.contains("#n")) {
                            r.set("ExpressionAttributeNames", names());
                        }
                    }
                    return new Call("GetItem", r);
                });
    }

    private static Arbitrary<Call> query() {
        return Combinators.combine(Arbitraries.of("pk = :v", "pk = :v AND sk > :w", "pk = :v AND begins_with(sk, :v)",
                        "sk = :w", "(".repeat(4096)).injectNull(0.1), attributeValues(), conditions().injectNull(0.6),
                Arbitraries.integers().between(-1, 5).injectNull(0.5)).as((kce, eav, filter, limit) -> {
                    ObjectNode r = table();
                    if (kce != null) {
                        r.put("KeyConditionExpression", kce);
                    }
                    eav.set(":v", typed("S", "a"));
                    r.set("ExpressionAttributeValues", eav);
                    if (filter != null) {
                        r.put("FilterExpression", filter);
                        r.set("ExpressionAttributeNames", names());
                    }
                    if (limit != null) {
                        r.put("Limit", limit);
                    }
                    return new Call("Query", r);
                });
    }

    private static Arbitrary<Call> scan() {
        return Combinators.combine(conditions().injectNull(0.5), attributeValues(),
                Arbitraries.integers().between(-1, 3).injectNull(0.5)).as((filter, eav, segments) -> {
                    ObjectNode r = table();
                    if (filter != null) {
                        r.put("FilterExpression", filter);
                        r.set("ExpressionAttributeNames", names());
                        r.set("ExpressionAttributeValues", eav);
                    }
                    if (segments != null) {
                        r.put("Segment", 0).put("TotalSegments", segments);
                    }
                    return new Call("Scan", r);
                });
    }

    private static Arbitrary<Call> batchWrite() {
        return Combinators.combine(items().list().ofMaxSize(3), keys().list().ofMaxSize(2)).as((puts, deletes) -> {
            ObjectNode r = NODES.objectNode();
            ArrayNode writes = r.putObject("RequestItems").putArray(TABLE);
            puts.forEach(item -> writes.addObject().putObject("PutRequest").set("Item", item));
            deletes.forEach(key -> writes.addObject().putObject("DeleteRequest").set("Key", key));
            return new Call("BatchWriteItem", r);
        });
    }

    private static Arbitrary<Call> batchGet() {
        return keys().list().ofMaxSize(4).map(keys -> {
            ObjectNode r = NODES.objectNode();
            ObjectNode spec = r.putObject("RequestItems").putObject(TABLE);
            ArrayNode a = spec.putArray("Keys");
            keys.forEach(a::add);
            return new Call("BatchGetItem", r);
        });
    }

    private static Arbitrary<Call> transactWrite() {
        return Combinators.combine(items().list().ofMaxSize(2), keys().list().ofMaxSize(2), keys().injectNull(0.5),
                conditions(), attributeValues()).as((puts, deletes, checked, condition, eav) -> {
                    ObjectNode r = NODES.objectNode();
                    ArrayNode actions = r.putArray("TransactItems");
                    puts.forEach(item -> actions.addObject().putObject("Put").put("TableName", TABLE).set("Item", item));
                    deletes.forEach(key -> actions.addObject().putObject("Delete").put("TableName", TABLE).set("Key", key));
                    if (checked != null) {
                        ObjectNode check = actions.addObject().putObject("ConditionCheck").put("TableName", TABLE);
                        check.set("Key", checked);
                        check.put("ConditionExpression", condition);
                        check.set("ExpressionAttributeNames", names());
                        check.set("ExpressionAttributeValues", eav);
                    }
                    return new Call("TransactWriteItems", r);
                });
    }

    private static Arbitrary<Call> transactGet() {
        return keys().list().ofMaxSize(3).map(keys -> {
            ObjectNode r = NODES.objectNode();
            ArrayNode gets = r.putArray("TransactItems");
            keys.forEach(key -> gets.addObject().putObject("Get").put("TableName", TABLE).set("Key", key));
            return new Call("TransactGetItems", r);
        });
    }

    /** Reads and refused control-plane calls; none may change or drop the fuzz table. */
    private static Arbitrary<Call> controlPlane() {
        return Arbitraries.of(
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

    record Mutation(String name, java.util.function.UnaryOperator<byte[]> bytes) {
        byte[] apply(JsonNode body) {
            try {
                return bytes.apply(JSON.writeValueAsBytes(body));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static Arbitrary<Mutation> mutations() {
        Arbitrary<Double> where = Arbitraries.doubles().between(0, 1);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(70, Arbitraries.just(new Mutation("none", b -> b))),
                net.jqwik.api.Tuple.of(8, where.map(f -> new Mutation("truncated", b -> Arrays.copyOf(b, (int) (b.length * f))))),
                net.jqwik.api.Tuple.of(8, Combinators.combine(where, Arbitraries.bytes()).as((f, x) -> new Mutation("byte flipped",
                        b -> {
                            byte[] c = b.clone();
                            if (c.length > 0) {
                                c[Math.min(c.length - 1, (int) (c.length * f))] ^= (byte) (x == 0 ? 1 : x);
                            }
                            return c;
                        }))),
                net.jqwik.api.Tuple.of(6, Combinators.combine(where, Arbitraries.of("\"", "{", "}", "[", ",", ":", "\\", "\u0000",
                        "\"\":", "1e99999", "\"\\ud800\"", "null", "[[[[[[[[", "{\"S\":\"x\"}")).as((f, junk) ->
                        new Mutation("inserted " + junk, b -> insert(b, (int) (b.length * f), junk.getBytes(StandardCharsets.UTF_8))))),
                net.jqwik.api.Tuple.of(3, where.map(f -> new Mutation("invalid UTF-8",
                        b -> insert(b, (int) (b.length * f), new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF}))))
                ,
                net.jqwik.api.Tuple.of(14, Combinators.combine(where, Arbitraries.of(NODES.nullNode(), NODES.numberNode(7),
                        NODES.textNode("x"), NODES.booleanNode(true), NODES.arrayNode(), NODES.objectNode(),
                        NODES.numberNode(-1), NODES.textNode("\uD83D\uDE00".repeat(3)),
                        NODES.numberNode(new java.math.BigDecimal("1e400")))).as((f, replacement) ->
                        new Mutation("a node replaced by " + replacement, b -> replaceNode(b, f, replacement)))),
                net.jqwik.api.Tuple.of(3, Arbitraries.just(new Mutation("wrapped 2000 arrays deep", b -> {
                    String s = new String(b, StandardCharsets.UTF_8);
                    return ("{\"x\":" + "[".repeat(2000) + "]".repeat(2000) + "," + s.substring(Math.min(1, s.length())))
                            .getBytes(StandardCharsets.UTF_8);
                }))),
                net.jqwik.api.Tuple.of(2, Arbitraries.of("", "[]", "null", "\"str\"", "{", "{}", "{\"TableName\":1}",
                        "\u00ef\u00bb\u00bf{}").map(text -> new Mutation("body replaced by " + text,
                        b -> text.getBytes(StandardCharsets.UTF_8)))));
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
