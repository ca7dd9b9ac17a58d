package dev.dynalog.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;

/**
 * Random sequences of item operations (puts, updates, deletes with random conditions, gets with
 * projections, queries with filters, including invalid requests; now and then in the legacy
 * form: Expected, AttributeUpdates, AttributesToGet, KeyConditions and QueryFilter), each sent to
 * dynalog and to DynamoDB Local: every response must match, including ConsumedCapacity when the
 * request asks for it. A sequence is reproducible from its seed, printed with any mismatch.
 *
 * <p>{@code -Dsequences=N} (default 60) sets the number of sequences, {@code -Dseed=S} the first
 * seed; each sequence has {@value #OPERATIONS} operations on its own partition keys.
 */
class RandomOperationsDifferentialIT {
    static final int OPERATIONS = 25;
    private static final String TABLE = "rnd_items";
    private static final String[] NAMES = {"x", "y", "z", "l", "m", "s"};
    private static final String[] WORDS = {"", "a", "ab", "b", "hello", "é", "z"};

    @Test
    void randomSequencesGiveTheSameResponses() {
        RawDynamoDb dynalog = new RawDynamoDb(TestNode.shared().endpoint());
        RawDynamoDb reference = new RawDynamoDb(ReferenceDynamoDb.endpoint());
        Differential both = new Differential(dynalog, reference);
        both.createTable("""
                {"TableName":"rnd_items","BillingMode":"PAY_PER_REQUEST",
                 "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],
                 "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"N"}]}""");
        int sequences = Integer.getInteger("sequences", 60);
        long firstSeed = Long.getLong("seed", 1);
        int operations = 0;
        for (long seed = firstSeed; seed < firstSeed + sequences; seed++) {
            Sequence sequence = new Sequence(seed);
            for (int i = 0; i < OPERATIONS; i++) {
                String[] request = sequence.next();
                try {
                    if (request[0].equals("Query") && request[1].contains("\"Limit\"")) {
                        sameQueryPage(dynalog, reference, request[1]);
                        operations++;
                        continue;
                    }
                    boolean asked = request[1].contains("ReturnConsumedCapacity");
                    both.sameWithCapacity(request[0], request[1], RandomOperationsDifferentialIT::bothItemDependentUpdateErrors,
                            expected -> !asked || emptyQueryChargedNothing(expected));
                } catch (AssertionError e) {
                    throw new AssertionError("sequence seed " + seed + ", operation " + i + ": " + e.getMessage(), e);
                }
                operations++;
            }
        }
        assertThat(operations).isEqualTo(sequences * OPERATIONS);
    }

    /**
     * A Query page that stops at its Limit. DynamoDB's documentation: when the limit is reached,
     * the response carries LastEvaluatedKey; DynamoDB Local leaves it out when it can see that no
     * item follows. dynalog follows the documentation, so where only dynalog has the key, the
     * page it points to must be empty and final; the rest of the response must be equal.
     */
    private static void sameQueryPage(RawDynamoDb dynalog, RawDynamoDb reference, String body) {
        RawDynamoDb.Response expected = reference.call("Query", body);
        RawDynamoDb.Response actual = dynalog.call("Query", body);
        if (expected.status() == 200 && actual.status() == 200 && !expected.body().has("LastEvaluatedKey")
                && actual.body().has("LastEvaluatedKey")) {
            String next = body.substring(0, body.length() - 1) + ",\"ExclusiveStartKey\":"
                    + actual.body().get("LastEvaluatedKey") + "}";
            RawDynamoDb.Response following = dynalog.call("Query", next);
            assertThat(following.body().path("Count").asInt()).as("page after %s", body).isZero();
            assertThat(following.body().has("LastEvaluatedKey")).as("page after %s", body).isFalse();
            ((com.fasterxml.jackson.databind.node.ObjectNode) actual.body()).remove("LastEvaluatedKey");
        }
        assertThat(actual.status()).as("%s: %s vs %s", body, actual.body(), expected.body()).isEqualTo(expected.status());
        if (expected.status() == 200) {
            assertThat(Differential.normalize(actual.body())).as(body).isEqualTo(Differential.normalize(expected.body()));
            if (body.contains("ReturnConsumedCapacity") && !emptyQueryChargedNothing(expected.body())) {
                assertThat(Differential.capacity(actual.body())).as(body).isEqualTo(Differential.capacity(expected.body()));
            }
        } else {
            assertThat(actual.errorType()).as(body).isEqualTo(expected.errorType());
            assertThat(actual.message()).as(body).isEqualTo(expected.message());
        }
    }

    /**
     * DynamoDB's documentation: a Query that reads nothing consumes the minimum read capacity;
     * DynamoDB Local reports 0.0 (ConsumedCapacityDifferentialIT pins dynalog's answer).
     * ConsumedCapacity is compared only where the request asks for it: DynamoDB Local sometimes
     * returns it unasked (e.g. for a DeleteItem of an item that is not there).
     */
    private static boolean emptyQueryChargedNothing(JsonNode referenceBody) {
        return referenceBody.path("ScannedCount").asInt(-1) == 0
                && referenceBody.path("ConsumedCapacity").path("CapacityUnits").asDouble(-1) == 0.0;
    }

    /**
     * When several actions of one update fail against the item, DynamoDB Local picks the message
     * by an order of its own that depends on how the clauses are written (e.g. {@code REMOVE q.z
     * SET a = nope} and {@code SET a = nope REMOVE q.z} report different actions); dynalog follows
     * the simpler rule documented in UpdateApplier. Both answer ValidationException and change nothing, so the test
     * accepts either of these item-dependent messages for the other. A legacy ADD or DELETE on an
     * attribute of another type is one of them: DynamoDB says "Type mismatch for attribute to
     * update", dynalog, which applies it as the UpdateExpression it stands for, says what that
     * expression would.
     */
    private static boolean bothItemDependentUpdateErrors(String actual, String expected) {
        List<String> itemDependent = List.of(
                "The provided expression refers to an attribute that does not exist in the item",
                "The document path provided in the update expression is invalid for update",
                "An operand in the update expression has an incorrect data type",
                "Type mismatch for attribute to update");
        return itemDependent.contains(actual) && itemDependent.contains(expected);
    }

    /** One sequence's generator: its own keys, its own random source. */
    private static final class Sequence {
        private final Random random;
        private final String prefix;
        private final Map<String, String> values = new LinkedHashMap<>();

        Sequence(long seed) {
            this.random = new Random(seed);
            this.prefix = "q" + seed + "-";
        }

        String[] next() {
            values.clear();
            int kind = random.nextInt(100);
            if (kind < 25) {
                return new String[] {"PutItem", put()};
            }
            if (kind < 60) {
                return new String[] {"UpdateItem", update()};
            }
            if (kind < 68) {
                return new String[] {"DeleteItem", delete()};
            }
            if (kind < 83) {
                return new String[] {"GetItem", get()};
            }
            return new String[] {"Query", query()};
        }

        private String key() {
            return "\"pk\":{\"S\":\"" + prefix + (char) ('a' + random.nextInt(2)) + "\"},\"sk\":{\"N\":\"" + random.nextInt(3) + "\"}";
        }

        private String put() {
            StringJoiner item = new StringJoiner(",");
            item.add(key());
            for (String name : NAMES) {
                if (random.nextInt(3) == 0) {
                    item.add("\"" + name + "\":" + value(2));
                }
            }
            String condition = random.nextInt(3) == 0 ? conditionMembers() : "";
            return "{\"TableName\":\"" + TABLE + "\",\"Item\":{" + item + "}" + condition
                    + ",\"ReturnValues\":\"" + (random.nextBoolean() ? "ALL_OLD" : "NONE") + "\"" + tail() + "}";
        }

        private String delete() {
            String condition = random.nextInt(2) == 0 ? conditionMembers() : "";
            return "{\"TableName\":\"" + TABLE + "\",\"Key\":{" + key() + "}" + condition
                    + ",\"ReturnValues\":\"" + (random.nextBoolean() ? "ALL_OLD" : "NONE") + "\""
                    + (random.nextBoolean() ? ",\"ReturnValuesOnConditionCheckFailure\":\"ALL_OLD\"" : "") + tail() + "}";
        }

        private String update() {
            if (random.nextInt(5) == 0) {
                return legacyUpdate();
            }
            List<String> sets = new ArrayList<>();
            List<String> removes = new ArrayList<>();
            List<String> adds = new ArrayList<>();
            List<String> deletes = new ArrayList<>();
            List<String> used = new ArrayList<>();
            boolean nested = false;
            int actions = 1 + random.nextInt(3);
            for (int i = 0; i < actions; i++) {
                String name = NAMES[random.nextInt(NAMES.length)];
                if (used.contains(name)) {
                    continue;
                }
                used.add(name);
                String path = name;
                if (random.nextInt(4) == 0) {
                    path = name.equals("l") ? "l[" + random.nextInt(4) + "]" : name + ".k";
                    nested = true;
                }
                switch (random.nextInt(7)) {
                    case 0, 1 -> sets.add(path + " = " + placeholder(value(2)));
                    case 2 -> sets.add(path + " = " + path + (random.nextBoolean() ? " + " : " - ")
                            + placeholder("{\"N\":\"" + (random.nextInt(7) - 3) + "\"}"));
                    case 3 -> sets.add(path + " = if_not_exists(" + path + ", " + placeholder(value(1)) + ")");
                    case 4 -> sets.add(path + " = list_append(" + path + ", " + placeholder("{\"L\":[" + value(0) + "]}") + ")");
                    case 5 -> removes.add(path);
                    default -> {
                        if (random.nextBoolean()) {
                            adds.add(path + " " + placeholder(random.nextBoolean() ? "{\"N\":\"2\"}" : "{\"SS\":[\"a\",\"q\"]}"));
                        } else {
                            deletes.add(path + " " + placeholder("{\"SS\":[\"a\"]}"));
                        }
                    }
                }
            }
            StringJoiner expression = new StringJoiner(" ");
            clause(expression, "SET", sets);
            clause(expression, "REMOVE", removes);
            clause(expression, "ADD", adds);
            clause(expression, "DELETE", deletes);
            String condition = random.nextInt(3) == 0 ? condition() : null;
            String[] returnValues = nested ? new String[] {"NONE", "ALL_OLD", "ALL_NEW"}
                    : new String[] {"NONE", "ALL_OLD", "ALL_NEW", "UPDATED_OLD", "UPDATED_NEW"};
            return "{\"TableName\":\"" + TABLE + "\",\"Key\":{" + key() + "},\"UpdateExpression\":\"" + expression + "\""
                    + condition(condition) + ",\"ReturnValues\":\"" + returnValues[random.nextInt(returnValues.length)] + "\""
                    + tail() + "}";
        }

        private static void clause(StringJoiner expression, String keyword, List<String> actions) {
            if (!actions.isEmpty()) {
                expression.add(keyword + " " + String.join(", ", actions));
            }
        }

        private String get() {
            String projection = random.nextBoolean() ? ",\"ProjectionExpression\":\"" + projection() + "\""
                    : random.nextBoolean() ? ",\"AttributesToGet\":" + attributesToGet() : "";
            return "{\"TableName\":\"" + TABLE + "\",\"Key\":{" + key() + "}" + projection
                    + ",\"ConsistentRead\":" + random.nextBoolean() + "}";
        }

        private String query() {
            if (random.nextInt(4) == 0) {
                return legacyQuery();
            }
            String keyCondition = "pk = " + placeholder("{\"S\":\"" + prefix + (char) ('a' + random.nextInt(2)) + "\"}");
            if (random.nextBoolean()) {
                keyCondition += " AND sk " + new String[] {"=", "<", "<=", ">", ">="}[random.nextInt(5)] + " "
                        + placeholder("{\"N\":\"" + random.nextInt(3) + "\"}");
            }
            String filter = random.nextBoolean() ? ",\"FilterExpression\":\"" + condition() + "\"" : "";
            String select = random.nextInt(4) == 0 ? ",\"Select\":\"COUNT\""
                    : random.nextBoolean() ? ",\"ProjectionExpression\":\"" + projection() + "\"" : "";
            String limit = random.nextBoolean() ? ",\"Limit\":" + (1 + random.nextInt(3)) : "";
            return "{\"TableName\":\"" + TABLE + "\",\"KeyConditionExpression\":\"" + keyCondition + "\"" + filter + select
                    + limit + ",\"ScanIndexForward\":" + random.nextBoolean() + ",\"ConsistentRead\":true" + tail() + "}";
        }

        private String projection() {
            StringJoiner paths = new StringJoiner(", ");
            List<String> chosen = new ArrayList<>();
            for (String name : NAMES) {
                if (random.nextInt(3) == 0) {
                    chosen.add(name.equals("l") && random.nextBoolean() ? "l[1]" : name.equals("m") && random.nextBoolean() ? "m.k" : name);
                }
            }
            if (chosen.isEmpty()) {
                chosen.add("x");
            }
            chosen.forEach(paths::add);
            return paths.toString();
        }

        private String condition() {
            String c = simpleCondition();
            switch (random.nextInt(5)) {
                case 0 -> c = c + " AND " + simpleCondition();
                case 1 -> c = "(" + c + ") OR " + simpleCondition();
                case 2 -> c = "NOT " + c;
                default -> {
                }
            }
            if (random.nextInt(25) == 0) {
                c = c + " AND"; // a syntax error
            }
            return c;
        }

        private String simpleCondition() {
            String path = NAMES[random.nextInt(NAMES.length)];
            if (random.nextInt(5) == 0) {
                path = path.equals("l") ? "l[0]" : path + ".k";
            }
            return switch (random.nextInt(10)) {
                case 0 -> "attribute_exists(" + path + ")";
                case 1 -> "attribute_not_exists(" + path + ")";
                case 2 -> path + " " + new String[] {"=", "<>", "<", "<=", ">", ">="}[random.nextInt(6)] + " " + placeholder(value(1));
                case 3 -> path + " BETWEEN " + placeholder("{\"N\":\"-1\"}") + " AND " + placeholder("{\"N\":\"" + random.nextInt(5) + "\"}");
                case 4 -> path + " IN (" + placeholder(value(0)) + ", " + placeholder(value(0)) + ")";
                case 5 -> "begins_with(" + path + ", " + placeholder("{\"S\":\"" + WORDS[random.nextInt(WORDS.length - 1) + 1] + "\"}") + ")";
                case 6 -> "contains(" + path + ", " + placeholder(random.nextBoolean() ? "{\"S\":\"a\"}" : "{\"N\":\"1\"}") + ")";
                case 7 -> "size(" + path + ") " + (random.nextBoolean() ? ">" : "=") + " " + placeholder("{\"N\":\"" + random.nextInt(3) + "\"}");
                case 8 -> "attribute_type(" + path + ", " + placeholder("{\"S\":\"" + new String[] {"S", "N", "L", "M", "SS", "NULL"}[random.nextInt(6)] + "\"}") + ")";
                default -> path + " = " + path.replace("x", "y").replace("s", "z");
            };
        }

        private String value(int depth) {
            int kind = random.nextInt(depth > 0 ? 11 : 8);
            return switch (kind) {
                case 0, 1 -> "{\"S\":\"" + WORDS[random.nextInt(WORDS.length)] + "\"}";
                case 2, 3 -> "{\"N\":\"" + (random.nextInt(9) - 2) + (random.nextBoolean() ? "" : ".5") + "\"}";
                case 4 -> "{\"BOOL\":" + random.nextBoolean() + "}";
                case 5 -> "{\"NULL\":true}";
                case 6 -> random.nextBoolean() ? "{\"SS\":[\"a\",\"b\"]}" : "{\"SS\":[\"q\"]}";
                case 7 -> random.nextBoolean() ? "{\"NS\":[\"1\",\"2\"]}" : "{\"B\":\"AQI=\"}";
                case 8 -> {
                    StringJoiner l = new StringJoiner(",", "{\"L\":[", "]}");
                    for (int i = random.nextInt(4); i > 0; i--) {
                        l.add(value(depth - 1));
                    }
                    yield l.toString();
                }
                default -> {
                    StringJoiner m = new StringJoiner(",", "{\"M\":{", "}}");
                    for (String key : new String[] {"k", "j"}) {
                        if (random.nextBoolean()) {
                            m.add("\"" + key + "\":" + value(depth - 1));
                        }
                    }
                    yield m.toString();
                }
            };
        }

        private String placeholder(String value) {
            String name = ":v" + values.size();
            values.put(name, value);
            return name;
        }

        private static String condition(String condition) {
            return condition == null ? "" : ",\"ConditionExpression\":\"" + condition + "\"";
        }

        /** A write's condition: a ConditionExpression, or now and then Expected. */
        private String conditionMembers() {
            return random.nextInt(4) == 0 ? expected() : condition(condition());
        }

        /** Expected with one to three entries, joined by a random ConditionalOperator when there are two or more. */
        private String expected() {
            Map<String, String> entries = new LinkedHashMap<>();
            for (int i = 1 + random.nextInt(3); i > 0; i--) {
                entries.put(NAMES[random.nextInt(NAMES.length)], expectedEntry());
            }
            StringJoiner map = new StringJoiner(",", ",\"Expected\":{", "}");
            entries.forEach((name, entry) -> map.add("\"" + name + "\":" + entry));
            String operator = entries.size() > 1 && random.nextBoolean()
                    ? ",\"ConditionalOperator\":\"" + (random.nextBoolean() ? "OR" : "AND") + "\"" : "";
            return map + operator;
        }

        private String expectedEntry() {
            return switch (random.nextInt(4)) {
                case 0 -> "{\"Exists\":false}";
                case 1 -> "{\"Value\":" + value(1) + "}";
                case 2 -> "{\"Exists\":true,\"Value\":" + value(1) + "}";
                default -> filterCondition();
            };
        }

        /** One legacy {ComparisonOperator, AttributeValueList}, with values of the types the operator takes. */
        private String filterCondition() {
            String scalar = random.nextBoolean() ? "{\"N\":\"" + (random.nextInt(5) - 1) + "\"}"
                    : "{\"S\":\"" + WORDS[random.nextInt(WORDS.length - 1) + 1] + "\"}";
            String[] forms = {
                    "\"EQ\",\"AttributeValueList\":[" + value(1) + "]",
                    "\"NE\",\"AttributeValueList\":[" + value(1) + "]",
                    "\"" + new String[] {"LT", "LE", "GT", "GE"}[random.nextInt(4)] + "\",\"AttributeValueList\":[" + scalar + "]",
                    "\"" + (random.nextBoolean() ? "NULL" : "NOT_NULL") + "\"",
                    "\"" + (random.nextBoolean() ? "CONTAINS" : "NOT_CONTAINS") + "\",\"AttributeValueList\":["
                            + (random.nextBoolean() ? "{\"S\":\"a\"}" : "{\"N\":\"1\"}") + "]",
                    "\"BEGINS_WITH\",\"AttributeValueList\":[{\"S\":\"" + WORDS[random.nextInt(WORDS.length - 1) + 1] + "\"}]",
                    "\"IN\",\"AttributeValueList\":[{\"N\":\"1\"},{\"N\":\"" + random.nextInt(4) + "\"}]",
                    "\"BETWEEN\",\"AttributeValueList\":[{\"N\":\"-1\"},{\"N\":\"" + random.nextInt(5) + "\"}]",
            };
            return "{\"ComparisonOperator\":" + forms[random.nextInt(forms.length)] + "}";
        }

        /** UpdateItem with AttributeUpdates (PUT, ADD of numbers, sets and lists, DELETE) and sometimes Expected. */
        private String legacyUpdate() {
            Map<String, String> updates = new LinkedHashMap<>();
            for (int i = 1 + random.nextInt(3); i > 0; i--) {
                String update = switch (random.nextInt(6)) {
                    case 0, 1 -> "{\"Value\":" + value(2) + "}";
                    case 2 -> "{\"Action\":\"ADD\",\"Value\":" + (random.nextBoolean() ? "{\"N\":\"2\"}" : "{\"SS\":[\"a\",\"q\"]}") + "}";
                    case 3 -> "{\"Action\":\"ADD\",\"Value\":{\"L\":[" + value(0) + "]}}";
                    case 4 -> "{\"Action\":\"DELETE\"}";
                    default -> "{\"Action\":\"DELETE\",\"Value\":{\"SS\":[\"a\"]}}";
                };
                updates.put(NAMES[random.nextInt(NAMES.length)], update);
            }
            StringJoiner map = new StringJoiner(",", "{", "}");
            updates.forEach((name, u) -> map.add("\"" + name + "\":" + u));
            String condition = random.nextInt(3) == 0 ? expected() : "";
            String[] returnValues = {"NONE", "ALL_OLD", "ALL_NEW", "UPDATED_OLD", "UPDATED_NEW"};
            return "{\"TableName\":\"" + TABLE + "\",\"Key\":{" + key() + "},\"AttributeUpdates\":" + map + condition
                    + ",\"ReturnValues\":\"" + returnValues[random.nextInt(returnValues.length)] + "\"" + tail() + "}";
        }

        private String attributesToGet() {
            List<String> chosen = new ArrayList<>();
            for (String name : NAMES) {
                if (random.nextInt(3) == 0) {
                    chosen.add("\"" + name + "\"");
                }
            }
            if (chosen.isEmpty()) {
                chosen.add("\"x\"");
            }
            return "[" + String.join(",", chosen) + "]";
        }

        /** Query with KeyConditions, and sometimes QueryFilter (with ConditionalOperator) and AttributesToGet. */
        private String legacyQuery() {
            String keyConditions = "\"pk\":{\"ComparisonOperator\":\"EQ\",\"AttributeValueList\":[{\"S\":\""
                    + prefix + (char) ('a' + random.nextInt(2)) + "\"}]}";
            if (random.nextBoolean()) {
                keyConditions += random.nextInt(4) == 0
                        ? ",\"sk\":{\"ComparisonOperator\":\"BETWEEN\",\"AttributeValueList\":[{\"N\":\"1\"},{\"N\":\"2\"}]}"
                        : ",\"sk\":{\"ComparisonOperator\":\"" + new String[] {"EQ", "LT", "LE", "GT", "GE"}[random.nextInt(5)]
                                + "\",\"AttributeValueList\":[{\"N\":\"" + random.nextInt(3) + "\"}]}";
            }
            String filter = "";
            if (random.nextBoolean()) {
                Map<String, String> entries = new LinkedHashMap<>();
                for (int i = 1 + random.nextInt(2); i > 0; i--) {
                    entries.put(NAMES[random.nextInt(NAMES.length)], filterCondition());
                }
                StringJoiner map = new StringJoiner(",", ",\"QueryFilter\":{", "}");
                entries.forEach((name, entry) -> map.add("\"" + name + "\":" + entry));
                filter = map + (entries.size() > 1 ? ",\"ConditionalOperator\":\"" + (random.nextBoolean() ? "OR" : "AND") + "\"" : "");
            }
            String select = random.nextInt(4) == 0 ? ",\"Select\":\"COUNT\""
                    : random.nextBoolean() ? ",\"AttributesToGet\":" + attributesToGet() : "";
            return "{\"TableName\":\"" + TABLE + "\",\"KeyConditions\":{" + keyConditions + "}" + filter + select
                    + ",\"ScanIndexForward\":" + random.nextBoolean() + ",\"ConsistentRead\":true" + tail() + "}";
        }

        /**
         * The request's placeholder values; now and then an unused one, which both must reject.
         * Half the requests ask for their ConsumedCapacity.
         */
        private String tail() {
            String capacity = random.nextBoolean() ? ""
                    : ",\"ReturnConsumedCapacity\":\"" + (random.nextBoolean() ? "TOTAL" : "INDEXES") + "\"";
            if (random.nextInt(30) == 0) {
                values.put(":unused", "{\"S\":\"u\"}");
            }
            if (values.isEmpty()) {
                return capacity;
            }
            StringJoiner v = new StringJoiner(",", ",\"ExpressionAttributeValues\":{", "}");
            values.forEach((k, val) -> v.add("\"" + k + "\":" + val));
            return capacity + v;
        }
    }
}
