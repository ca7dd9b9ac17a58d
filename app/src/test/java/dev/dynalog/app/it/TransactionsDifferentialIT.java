package dev.dynalog.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TransactWriteItems and TransactGetItems, request for request against DynamoDB Local: the same
 * errors (type, status, message, and for a cancelled transaction the CancellationReasons' codes,
 * messages and items, in request order), the same items afterwards, the same answers.
 *
 * <p>Where DynamoDB Local departs from DynamoDB, the test says so and pins dynalog's answer, which
 * follows DynamoDB (its documentation, and answers recorded from the service):
 * <ul>
 *   <li>constraint violations: DynamoDB prefixes them with "1 validation error detected: " and
 *       quotes the value ({@code Value '[]'}); DynamoDB Local does neither;</li>
 *   <li>a missing table: DynamoDB says "Requested resource not found", DynamoDB Local "Cannot do
 *       operations on a non-existent table";</li>
 *   <li>a failed condition's reason: DynamoDB says "The conditional request failed", DynamoDB
 *       Local adds a full stop;</li>
 *   <li>a Put's key of the wrong type: DynamoDB's reason names the key and both types, DynamoDB
 *       Local stops after "Type mismatch for key";</li>
 *   <li>an Update without UpdateExpression: required by DynamoDB's model, accepted by DynamoDB Local.</li>
 * </ul>
 */
class TransactionsDifferentialIT {
    private static final String NOT_FOUND_LOCAL = "Cannot do operations on a non-existent table";
    private static final String PREFIX = "1 validation error detected: ";

    private static Differential both;
    private static RawDynamoDb dynalog;
    private static RawDynamoDb reference;

    @BeforeAll
    static void tables() {
        dynalog = new RawDynamoDb(TestNode.shared().endpoint());
        reference = new RawDynamoDb(ReferenceDynamoDb.endpoint());
        both = new Differential(dynalog, reference);
        both.createTable("""
                {"TableName":"tx_items","BillingMode":"PAY_PER_REQUEST",
                 "KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],
                 "AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}]}""");
        both.createTable("""
                {"TableName":"tx_events","BillingMode":"PAY_PER_REQUEST",
                 "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],
                 "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"N"}]}""");
        both.createTable("""
                {"TableName":"tx_local","BillingMode":"PAY_PER_REQUEST",
                 "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],
                 "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"S"},
                   {"AttributeName":"l","AttributeType":"S"}],
                 "LocalSecondaryIndexes":[{"IndexName":"byL","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},
                   {"AttributeName":"l","KeyType":"RANGE"}],"Projection":{"ProjectionType":"ALL"}}]}""");
    }

    private static String put(String table, String item) {
        return "{\"Put\":{\"TableName\":\"" + table + "\",\"Item\":" + item + "}}";
    }

    private static String item(String id) {
        return "{\"id\":{\"S\":\"" + id + "\"}}";
    }

    private static String write(String... actions) {
        return "{\"TransactItems\":[" + String.join(",", actions) + "]}";
    }

    private static String get(String table, String key) {
        return "{\"Get\":{\"TableName\":\"" + table + "\",\"Key\":" + key + "}}";
    }

    /** DynamoDB's constraint message is DynamoDB Local's with the count in front. */
    private static final BiPredicate<String, String> PREFIXED = (actual, local) -> actual.equals(PREFIX + local);

    @Test
    void invalidWriteActionsGetDynamoDbsErrors() {
        String[] cases = {
                write("{}"),
                write("{\"Put\":{\"TableName\":\"tx_items\",\"Item\":" + item("a") + "},"
                        + "\"Update\":{\"TableName\":\"tx_items\",\"Key\":" + item("a") + ",\"UpdateExpression\":\"REMOVE x\"}}"),
                write("{\"Put\":{\"TableName\":\"tx_items\",\"Item\":" + item("a") + "},"
                        + "\"Delete\":{\"TableName\":\"tx_items\",\"Key\":" + item("a") + "}}"),
                write("{\"Put\":{\"TableName\":\"tx_items\",\"Item\":" + item("a") + ",\"ConditionExpression\":\"attribute_exists(\"}}"),
                write("{\"Put\":{\"TableName\":\"tx_items\",\"Item\":" + item("a") + ",\"ConditionExpression\":\"a = :v\"}}"),
                write("{\"Put\":{\"TableName\":\"tx_items\",\"Item\":" + item("a") + ",\"ConditionExpression\":\"a = :v\","
                        + "\"ExpressionAttributeValues\":{\":v\":{\"S\":\"x\"},\":w\":{\"S\":\"x\"}}}}"),
                write("{\"Put\":{\"TableName\":\"tx_items\",\"Item\":" + item("a") + ",\"ExpressionAttributeValues\":{\":v\":{\"S\":\"x\"}}}}"),
                write("{\"Delete\":{\"TableName\":\"tx_items\",\"Key\":" + item("a") + ",\"ExpressionAttributeNames\":{\"#v\":\"x\"}}}"),
                write("{\"Update\":{\"TableName\":\"tx_items\",\"Key\":" + item("a") + ",\"UpdateExpression\":\"SET a = :v ADD\"}}"),
                write("{\"Update\":{\"TableName\":\"tx_items\",\"Key\":" + item("a") + ",\"UpdateExpression\":\"SET a = :v\"}}"),
                write("{\"ConditionCheck\":{\"TableName\":\"tx_items\",\"Key\":" + item("a") + ",\"ConditionExpression\":\"#n = :v\","
                        + "\"ExpressionAttributeValues\":{\":v\":{\"S\":\"x\"}}}}"),
                // an expression error on a later action comes before a missing table on an earlier one
                write(put("tx_missing", item("a")),
                        "{\"ConditionCheck\":{\"TableName\":\"tx_items\",\"Key\":" + item("b") + ",\"ConditionExpression\":\"size(\"}}"),
                // the shape of an action comes in request order with its expressions
                write("{}", "{\"Put\":{\"TableName\":\"tx_items\",\"Item\":" + item("b") + ",\"ConditionExpression\":\"(\"}}"),
                // two actions on one item, also across action kinds, and before a later missing table
                write(put("tx_items", item("a")), "{\"Delete\":{\"TableName\":\"tx_items\",\"Key\":" + item("a") + "}}"),
                write(put("tx_items", item("a")), "{\"ConditionCheck\":{\"TableName\":\"tx_items\",\"Key\":" + item("a")
                        + ",\"ConditionExpression\":\"attribute_exists(id)\"}}", put("tx_missing", item("b"))),
                write(put("tx_items", "{\"id\":{\"S\":\"\"}}")),
                write("{\"Delete\":{\"TableName\":\"tx_items\",\"Key\":{\"id\":{\"S\":\"\"}}}}"),
        };
        for (String c : cases) {
            both.same("TransactWriteItems", c);
        }
        // 1 and 1.0 are one number, so these are one item in DynamoDB; DynamoDB Local compares the
        // texts and applies both actions.
        RawDynamoDb.Response sameNumber = dynalog.call("TransactWriteItems", write(
                put("tx_events", "{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"}}"),
                "{\"Update\":{\"TableName\":\"tx_events\",\"Key\":{\"sk\":{\"N\":\"1.0\"},\"pk\":{\"S\":\"a\"}},"
                        + "\"UpdateExpression\":\"REMOVE x\"}}"));
        assertThat(sameNumber.message()).isEqualTo("Transaction request cannot include multiple operations on one item");
    }

    @Test
    void missingMembersAreConstraintViolations() {
        String[] cases = {
                write("{\"Put\":{\"TableName\":\"tx_items\"}}"),
                write("{\"Put\":{\"Item\":" + item("a") + "}}"),
                write(put("tx_items", item("a")), "{\"Update\":{\"TableName\":\"tx_items\",\"UpdateExpression\":\"REMOVE x\"}}"),
                write("{\"Delete\":{\"TableName\":\"tx_items\"}}"),
                write("{\"ConditionCheck\":{\"TableName\":\"tx_items\",\"Key\":" + item("a") + "}}"),
                "{}",
        };
        for (String c : cases) {
            both.same("TransactWriteItems", c, PREFIXED);
        }
        // DynamoDB Local: "Value [] at 'transactItems' ..." without the quotes DynamoDB puts around values.
        both.sameErrorType("TransactWriteItems", write());
        assertThat(dynalog.call("TransactWriteItems", write()).message()).isEqualTo(PREFIX
                + "Value '[]' at 'transactItems' failed to satisfy constraint: Member must have length greater than or equal to 1");
        // Required in DynamoDB's model; DynamoDB Local applies the Update as if it were empty.
        RawDynamoDb.Response noUpdate = dynalog.call("TransactWriteItems",
                write("{\"Update\":{\"TableName\":\"tx_items\",\"Key\":" + item("a") + "}}"));
        assertThat(noUpdate.message()).isEqualTo(PREFIX + "Value null at 'transactItems.1.member.update.updateExpression' "
                + "failed to satisfy constraint: Member must not be null");
        // DynamoDB checks the model's enums; DynamoDB Local answers 500 for an unknown value.
        RawDynamoDb.Response badEnum = dynalog.call("TransactWriteItems", "{\"TransactItems\":[" + put("tx_items", item("a"))
                + "],\"ReturnConsumedCapacity\":\"BOGUS\",\"ClientRequestToken\":\"\"}");
        assertThat(badEnum.errorType()).isEqualTo("ValidationException");
        assertThat(badEnum.message()).isEqualTo("2 validation errors detected: Value '' at 'clientRequestToken' failed to "
                + "satisfy constraint: Member must have length greater than or equal to 1; Value 'BOGUS' at "
                + "'returnConsumedCapacity' failed to satisfy constraint: Member must satisfy enum value set: [INDEXES, TOTAL, NONE]");
    }

    @Test
    void tablesAndKeysAreCheckedActionByAction() {
        String[] cases = {
                write(put("tx_missing", item("a"))),
                write(put("tx_missing", item("a")), put("tx_items", item("a")), put("tx_items", item("a"))),
                // DynamoDB Local: "One of the required keys was not given a value" / "The number of conditions
                // on the keys is invalid"; DynamoDB: "The provided key element does not match the schema".
                write("{\"Delete\":{\"TableName\":\"tx_items\",\"Key\":{\"x\":{\"S\":\"1\"}}}}"),
                write("{\"Delete\":{\"TableName\":\"tx_items\",\"Key\":{\"id\":{\"S\":\"1\"},\"x\":{\"S\":\"1\"}}}}"),
                // DynamoDB: "One or more parameter values were invalid: Missing the key id in the item".
                write(put("tx_items", "{\"x\":{\"S\":\"1\"}}")),
                // a key error of one action comes before the type error of an earlier one (a cancellation)
                write(put("tx_items", "{\"id\":{\"N\":\"1\"}}"), "{\"Delete\":{\"TableName\":\"tx_items\",\"Key\":{\"x\":{\"S\":\"1\"}}}}"),
        };
        for (String c : cases) {
            both.sameErrorType("TransactWriteItems", c);
        }
        assertThat(dynalog.call("TransactWriteItems", cases[0]).message()).isEqualTo("Requested resource not found");
        assertThat(reference.call("TransactWriteItems", cases[0]).message()).isEqualTo(NOT_FOUND_LOCAL);
    }

    @Test
    void aHundredActionsAreOneTransactionAndAHundredAndOneAreRejected() {
        List<String> actions = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            actions.add(put("tx_items", "{\"id\":{\"S\":\"hundred" + i + "\"},\"n\":{\"N\":\"" + i + "\"}}"));
        }
        both.same("TransactWriteItems", write(actions.toArray(String[]::new)));
        for (int i : new int[] {0, 57, 99}) {
            both.same("GetItem", "{\"TableName\":\"tx_items\",\"Key\":" + item("hundred" + i) + ",\"ConsistentRead\":true}");
        }
        actions.add(put("tx_items", item("hundred100")));
        // DynamoDB Local gives the bare constraint; DynamoDB names the member (or echoes the whole list).
        both.sameErrorType("TransactWriteItems", write(actions.toArray(String[]::new)));
        assertThat(dynalog.call("TransactWriteItems", write(actions.toArray(String[]::new))).message())
                .isEqualTo(PREFIX + "Value at 'TransactItems' failed to satisfy constraint: Member must have length less than or equal to 100");
        both.same("GetItem", "{\"TableName\":\"tx_items\",\"Key\":" + item("hundred100") + ",\"ConsistentRead\":true}");
    }

    /** Puts of {@code count} items of {@code total} bytes together, the last one taking the remainder. */
    private static String putsOfTotalSize(String prefix, int count, long total) {
        List<String> actions = new ArrayList<>();
        long each = total / count;
        for (int i = 0; i < count; i++) {
            String id = prefix + String.format("%03d", i);
            long size = i < count - 1 ? each : total - each * (count - 1);
            long padding = size - "id".length() - id.length() - "d".length();
            actions.add(put("tx_items", "{\"id\":{\"S\":\"" + id + "\"},\"d\":{\"S\":\"" + "x".repeat((int) padding) + "\"}}"));
        }
        return write(actions.toArray(String[]::new));
    }

    @Test
    void theItemsOfATransactionMayTogetherBeFourMegabytes() {
        both.same("TransactWriteItems", putsOfTotalSize("fourmb", 100, 4L * 1024 * 1024));
        both.same("GetItem", "{\"TableName\":\"tx_items\",\"Key\":" + item("fourmb099") + ",\"ConsistentRead\":true}");
        // "Transaction payload size cannot exceed 4MB. Payload Size: 4194305", checked before the tables
        both.same("TransactWriteItems", putsOfTotalSize("overmb", 100, 4L * 1024 * 1024 + 1));
        String overWithMissingTable = putsOfTotalSize("overmb", 100, 4L * 1024 * 1024 + 1)
                .replaceFirst("\"TableName\":\"tx_items\"", "\"TableName\":\"tx_missing\"");
        both.same("TransactWriteItems", overWithMissingTable);
        both.same("GetItem", "{\"TableName\":\"tx_items\",\"Key\":" + item("overmb000") + ",\"ConsistentRead\":true}");
    }

    /**
     * Asserts the same TransactionCanceledException on both sides: message, and per action the
     * code, the message (DynamoDB Local ends "The conditional request failed" with a full stop,
     * DynamoDB does not; and words a key's type mismatch shorter) and the item.
     */
    private static void sameCancellation(String body) {
        RawDynamoDb.Response expected = reference.call("TransactWriteItems", body);
        RawDynamoDb.Response actual = dynalog.call("TransactWriteItems", body);
        assertThat(actual.status()).as("dynalog %s, reference %s", actual.body(), expected.body()).isEqualTo(400);
        assertThat(expected.errorType()).as("reference %s", expected.body()).isEqualTo("TransactionCanceledException");
        assertThat(actual.errorType()).as("dynalog %s", actual.body()).isEqualTo("TransactionCanceledException");
        assertThat(actual.message()).isEqualTo(expected.message());
        JsonNode expectedReasons = expected.body().get("CancellationReasons");
        JsonNode actualReasons = actual.body().get("CancellationReasons");
        assertThat(actualReasons.size()).as("reasons %s", actualReasons).isEqualTo(expectedReasons.size());
        for (int i = 0; i < expectedReasons.size(); i++) {
            JsonNode e = expectedReasons.get(i);
            JsonNode a = actualReasons.get(i);
            assertThat(a.path("Code").asText()).as("reason %d of %s", i, actualReasons).isEqualTo(e.path("Code").asText());
            String localMessage = e.path("Message").asText(null);
            if ("The conditional request failed.".equals(localMessage)) {
                assertThat(a.path("Message").asText()).isEqualTo("The conditional request failed");
            } else if ("One or more parameter values were invalid: Type mismatch for key".equals(localMessage)) {
                // DynamoDB: "... Type mismatch for key id expected: S actual: N" for a Put's item, "The
                // provided key element does not match the schema" for the Key of the other actions.
                assertThat(a.path("Message").asText()).satisfiesAnyOf(
                        m -> assertThat(m).startsWith(localMessage + " "),
                        m -> assertThat(m).isEqualTo("The provided key element does not match the schema"));
            } else {
                assertThat(a.path("Message").asText(null)).isEqualTo(localMessage);
            }
            assertThat(a.has("Item")).as("reason %d of %s", i, actualReasons).isEqualTo(e.has("Item"));
            if (e.has("Item")) {
                assertThat(Differential.normalize(a.get("Item"))).isEqualTo(Differential.normalize(e.get("Item")));
            }
        }
    }

    @Test
    void aFailedConditionCancelsTheTransactionWithAReasonPerActionInRequestOrder() {
        both.same("PutItem", "{\"TableName\":\"tx_items\",\"Item\":{\"id\":{\"S\":\"held\"},\"v\":{\"N\":\"1\"},\"ss\":{\"SS\":[\"a\",\"b\"]}}}");
        both.same("DeleteItem", "{\"TableName\":\"tx_items\",\"Key\":" + item("fresh") + "}");
        String freshPut = "{\"Put\":{\"TableName\":\"tx_items\",\"Item\":{\"id\":{\"S\":\"fresh\"}},"
                + "\"ConditionExpression\":\"attribute_not_exists(id)\"}}";
        String heldCheck = "{\"ConditionCheck\":{\"TableName\":\"tx_items\",\"Key\":" + item("held")
                + ",\"ConditionExpression\":\"v > :one\",\"ExpressionAttributeValues\":{\":one\":{\"N\":\"1\"}}%s}}";
        sameCancellation(write(freshPut, heldCheck.formatted(",\"ReturnValuesOnConditionCheckFailure\":\"ALL_OLD\"")));
        sameCancellation(write(freshPut, heldCheck.formatted(",\"ReturnValuesOnConditionCheckFailure\":\"NONE\"")));
        sameCancellation(write(heldCheck.formatted(""), freshPut));
        sameCancellation(write(
                "{\"Update\":{\"TableName\":\"tx_items\",\"Key\":" + item("held") + ",\"UpdateExpression\":\"SET v = v + :one\","
                        + "\"ConditionExpression\":\"attribute_not_exists(v)\",\"ExpressionAttributeValues\":{\":one\":{\"N\":\"1\"}},"
                        + "\"ReturnValuesOnConditionCheckFailure\":\"ALL_OLD\"}}",
                "{\"Delete\":{\"TableName\":\"tx_items\",\"Key\":" + item("held2") + ",\"ConditionExpression\":\"attribute_exists(id)\","
                        + "\"ReturnValuesOnConditionCheckFailure\":\"ALL_OLD\"}}"));
        // Nothing of a cancelled transaction is applied.
        both.same("GetItem", "{\"TableName\":\"tx_items\",\"Key\":" + item("fresh") + ",\"ConsistentRead\":true}");
        both.same("GetItem", "{\"TableName\":\"tx_items\",\"Key\":" + item("held") + ",\"ConsistentRead\":true}");
    }

    @Test
    void invalidKeysAndKeyUpdatesAreValidationErrorReasons() {
        String wrongType = put("tx_items", "{\"id\":{\"N\":\"1\"}}");
        sameCancellation(write(wrongType));
        sameCancellation(write(put("tx_items", item("fine")), "{\"Delete\":{\"TableName\":\"tx_items\",\"Key\":{\"id\":{\"N\":\"1\"}}}}"));
        sameCancellation(write("{\"Update\":{\"TableName\":\"tx_items\",\"Key\":" + item("u")
                + ",\"UpdateExpression\":\"SET id = :v\",\"ExpressionAttributeValues\":{\":v\":{\"S\":\"x\"}}}}"));
        // Two actions on one item come before the type error of another action.
        both.same("TransactWriteItems", write(wrongType, put("tx_items", item("twice")), put("tx_items", item("twice"))));
    }

    @Test
    void aTransactionAppliesEveryActionAcrossTables() {
        both.same("PutItem", "{\"TableName\":\"tx_items\",\"Item\":{\"id\":{\"S\":\"counter\"},\"n\":{\"N\":\"5\"},\"tags\":{\"SS\":[\"a\"]}}}");
        both.same("PutItem", "{\"TableName\":\"tx_items\",\"Item\":{\"id\":{\"S\":\"doomed\"},\"x\":{\"S\":\"y\"}}}");
        both.same("PutItem", "{\"TableName\":\"tx_events\",\"Item\":{\"pk\":{\"S\":\"guard\"},\"sk\":{\"N\":\"1\"},\"open\":{\"BOOL\":true}}}");
        both.same("TransactWriteItems", write(
                "{\"ConditionCheck\":{\"TableName\":\"tx_events\",\"Key\":{\"pk\":{\"S\":\"guard\"},\"sk\":{\"N\":\"1\"}},"
                        + "\"ConditionExpression\":\"#o = :t\",\"ExpressionAttributeNames\":{\"#o\":\"open\"},"
                        + "\"ExpressionAttributeValues\":{\":t\":{\"BOOL\":true}}}}",
                "{\"Update\":{\"TableName\":\"tx_items\",\"Key\":" + item("counter") + ",\"UpdateExpression\":"
                        + "\"SET n = n + :one ADD tags :t\",\"ConditionExpression\":\"n < :ten\",\"ExpressionAttributeValues\":"
                        + "{\":one\":{\"N\":\"1\"},\":ten\":{\"N\":\"10\"},\":t\":{\"SS\":[\"b\"]}}}}",
                "{\"Delete\":{\"TableName\":\"tx_items\",\"Key\":" + item("doomed") + ",\"ConditionExpression\":\"x = :y\","
                        + "\"ExpressionAttributeValues\":{\":y\":{\"S\":\"y\"}}}}",
                put("tx_events", "{\"pk\":{\"S\":\"log\"},\"sk\":{\"N\":\"7\"},\"what\":{\"S\":\"bumped\"}}"),
                "{\"Update\":{\"TableName\":\"tx_events\",\"Key\":{\"pk\":{\"S\":\"new\"},\"sk\":{\"N\":\"1\"}},"
                        + "\"UpdateExpression\":\"SET created = :c\",\"ExpressionAttributeValues\":{\":c\":{\"N\":\"1\"}}}}"));
        both.same("GetItem", "{\"TableName\":\"tx_items\",\"Key\":" + item("counter") + ",\"ConsistentRead\":true}");
        both.same("GetItem", "{\"TableName\":\"tx_items\",\"Key\":" + item("doomed") + ",\"ConsistentRead\":true}");
        both.same("GetItem", "{\"TableName\":\"tx_events\",\"Key\":{\"pk\":{\"S\":\"log\"},\"sk\":{\"N\":\"7\"}},\"ConsistentRead\":true}");
        both.same("GetItem", "{\"TableName\":\"tx_events\",\"Key\":{\"pk\":{\"S\":\"new\"},\"sk\":{\"N\":\"1\"}},\"ConsistentRead\":true}");
        both.same("GetItem", "{\"TableName\":\"tx_events\",\"Key\":{\"pk\":{\"S\":\"guard\"},\"sk\":{\"N\":\"1\"}},\"ConsistentRead\":true}");
    }

    @Test
    void transactGetItemsReturnsOneResponsePerGetInRequestOrder() {
        both.same("PutItem", "{\"TableName\":\"tx_items\",\"Item\":{\"id\":{\"S\":\"g1\"},\"a\":{\"N\":\"1\"},\"b\":{\"M\":{\"c\":{\"S\":\"d\"},\"e\":{\"S\":\"f\"}}}}}");
        both.same("PutItem", "{\"TableName\":\"tx_events\",\"Item\":{\"pk\":{\"S\":\"g\"},\"sk\":{\"N\":\"2\"},\"v\":{\"S\":\"w\"}}}");
        both.same("TransactGetItems", "{\"TransactItems\":["
                + "{\"Get\":{\"TableName\":\"tx_items\",\"Key\":" + item("g1") + ",\"ProjectionExpression\":\"#b.c, a, nope\","
                + "\"ExpressionAttributeNames\":{\"#b\":\"b\"}}},"
                + get("tx_items", item("absent")) + ","
                + get("tx_events", "{\"pk\":{\"S\":\"g\"},\"sk\":{\"N\":\"2\"}}") + "]}");
    }

    @Test
    void invalidGetsGetDynamoDbsErrors() {
        String[] cases = {
                "{\"TransactItems\":[" + get("tx_items", item("a")) + "," + get("tx_items", item("a")) + "]}",
                "{\"TransactItems\":[{\"Get\":{\"TableName\":\"tx_items\",\"Key\":" + item("a") + ",\"ProjectionExpression\":\"!!!\"}}]}",
                "{\"TransactItems\":[{\"Get\":{\"TableName\":\"tx_items\",\"Key\":" + item("a") + ",\"ProjectionExpression\":\"#v\"}}]}",
                "{\"TransactItems\":[{\"Get\":{\"TableName\":\"tx_items\",\"Key\":" + item("a") + ",\"ProjectionExpression\":\"#v\","
                        + "\"ExpressionAttributeNames\":{\"#v\":\"v\",\"#w\":\"w\"}}}]}",
                "{\"TransactItems\":[{\"Get\":{\"TableName\":\"tx_items\",\"Key\":" + item("a") + ",\"ExpressionAttributeNames\":{\"#v\":\"v\"}}}]}",
                "{\"TransactItems\":[" + get("tx_items", "{\"id\":{\"S\":\"\"}}") + "]}",
        };
        for (String c : cases) {
            both.same("TransactGetItems", c);
        }
        // DynamoDB Local: "Cannot do operations on a non-existent table"; DynamoDB: "Requested resource not found".
        both.sameErrorType("TransactGetItems", "{\"TransactItems\":[" + get("tx_missing", item("a")) + "]}");
        // A key that does not match the schema cancels the transaction with a ValidationError reason in
        // DynamoDB; DynamoDB Local cancels it without CancellationReasons.
        for (String key : new String[] {"{}", "{\"id\":{\"N\":\"1\"}}", "{\"x\":{\"S\":\"1\"}}"}) {
            String body = "{\"TransactItems\":[" + get("tx_items", item("a")) + "," + get("tx_items", key) + "]}";
            both.sameErrorType("TransactGetItems", body);
            JsonNode reasons = dynalog.call("TransactGetItems", body).body().get("CancellationReasons");
            assertThat(reasons).hasSize(2);
            assertThat(reasons.get(0).path("Code").asText()).isEqualTo("None");
            assertThat(reasons.get(1).path("Code").asText()).isEqualTo("ValidationError");
            assertThat(reasons.get(1).path("Message").asText()).isEqualTo("The provided key element does not match the schema");
        }
        List<String> gets = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            gets.add(get("tx_items", item("hundred" + i)));
        }
        both.same("TransactGetItems", "{\"TransactItems\":[" + String.join(",", gets) + "]}");
        gets.add(get("tx_items", item("hundred100")));
        // DynamoDB Local gives the bare constraint, as for TransactWriteItems.
        both.sameErrorType("TransactGetItems", "{\"TransactItems\":[" + String.join(",", gets) + "]}");
        // DynamoDB Local: "Value null at 'transactItems'" for a TransactGetItem without Get.
        RawDynamoDb.Response noGet = dynalog.call("TransactGetItems", "{\"TransactItems\":[{}]}");
        assertThat(noGet.message()).isEqualTo(PREFIX
                + "Value null at 'transactItems.1.member.get' failed to satisfy constraint: Member must not be null");
    }

    /** The table entries of ConsumedCapacity, each as {TableName, CapacityUnits[, Table.CapacityUnits]}. */
    private static JsonNode capacityUnits(RawDynamoDb.Response r) {
        ArrayNode out = RawDynamoDb.JSON.createArrayNode();
        JsonNode consumed = Differential.capacity(r.body());
        assertThat(consumed).as("ConsumedCapacity of %s", r.body()).isNotNull();
        for (JsonNode c : consumed) {
            ObjectNode entry = out.addObject().put("TableName", c.path("TableName").asText())
                    .put("CapacityUnits", c.path("CapacityUnits").asDouble());
            if (c.has("Table")) {
                entry.put("Table", c.path("Table").path("CapacityUnits").asDouble());
            }
        }
        return out;
    }

    /**
     * TransactGetItems reads each item twice (2 units per 4 KB, the item read in full whatever
     * the projection), a missing item at the minimum, as DynamoDB Local charges too. DynamoDB
     * Local adds ReadCapacityUnits to each entry; only CapacityUnits are compared here.
     */
    @Test
    void transactGetItemsChargesTwoReadUnitsPerFourKilobytes() {
        both.same("PutItem", "{\"TableName\":\"tx_items\",\"Item\":{\"id\":{\"S\":\"big\"},\"d\":{\"S\":\"" + "x".repeat(5000) + "\"}}}");
        for (String report : new String[] {"TOTAL", "INDEXES"}) {
            String body = "{\"TransactItems\":[" + get("tx_items", item("big")) + "," + get("tx_items", item("absent")) + ","
                    + "{\"Get\":{\"TableName\":\"tx_events\",\"Key\":{\"pk\":{\"S\":\"g\"},\"sk\":{\"N\":\"2\"}},\"ProjectionExpression\":\"v\"}}],"
                    + "\"ReturnConsumedCapacity\":\"" + report + "\"}";
            RawDynamoDb.Response expected = reference.call("TransactGetItems", body);
            RawDynamoDb.Response actual = both.same("TransactGetItems", body);
            assertThat(capacityUnits(actual)).as(report).isEqualTo(capacityUnits(expected));
        }
    }

    /**
     * Transactional writes cost twice a plain write's units (DynamoDB's documentation: one write
     * to prepare, one to commit), each action charged for its own item. DynamoDB Local's figures
     * follow no rule (4 units for a single small Put, 4 for two of them, 12 for a small and a
     * 1.5 KB one), so dynalog is checked against the documented rule.
     */
    @Test
    void transactWriteItemsChargesTwiceTheWriteUnitsOfEachAction() {
        String body = "{\"TransactItems\":[" + put("tx_items", item("w1")) + ","
                + put("tx_items", "{\"id\":{\"S\":\"w2\"},\"d\":{\"S\":\"" + "x".repeat(1500) + "\"}}") + ","
                + "{\"Delete\":{\"TableName\":\"tx_events\",\"Key\":{\"pk\":{\"S\":\"nothing\"},\"sk\":{\"N\":\"1\"}}}}],"
                + "\"ReturnConsumedCapacity\":\"INDEXES\"}";
        RawDynamoDb.Response r = dynalog.call("TransactWriteItems", body);
        assertThat(r.status()).as("%s", r.body()).isEqualTo(200);
        assertThat(capacityUnits(r).toString()).isEqualTo(
                "[{\"TableName\":\"tx_events\",\"CapacityUnits\":2.0,\"Table\":2.0},"
                        + "{\"TableName\":\"tx_items\",\"CapacityUnits\":6.0,\"Table\":6.0}]");
        assertThat(reference.call("TransactWriteItems", body).status()).isEqualTo(200);
    }

    /**
     * DynamoDB returns ItemCollectionMetrics for the written items of tables with local secondary
     * indexes, per table; DynamoDB Local returns none for transactions.
     */
    @Test
    void returnItemCollectionMetricsSizeReportsTheCollectionsOfTablesWithLocalIndexes() {
        String body = "{\"TransactItems\":[" + put("tx_local", "{\"pk\":{\"S\":\"c\"},\"sk\":{\"S\":\"1\"},\"l\":{\"S\":\"x\"}}") + ","
                + put("tx_items", item("icm")) + "],\"ReturnItemCollectionMetrics\":\"SIZE\"}";
        assertThat(reference.call("TransactWriteItems", body).status()).isEqualTo(200);
        RawDynamoDb.Response r = dynalog.call("TransactWriteItems", body);
        assertThat(r.status()).as("%s", r.body()).isEqualTo(200);
        JsonNode metrics = r.body().path("ItemCollectionMetrics");
        assertThat(metrics.has("tx_items")).isFalse();
        assertThat(metrics.path("tx_local").size()).as("%s", r.body()).isEqualTo(1);
        assertThat(metrics.path("tx_local").get(0).path("ItemCollectionKey").toString()).isEqualTo("{\"pk\":{\"S\":\"c\"}}");
        assertThat(metrics.path("tx_local").get(0).path("SizeEstimateRangeGB").toString()).isEqualTo("[0.0,1.0]");
        both.same("GetItem", "{\"TableName\":\"tx_local\",\"Key\":{\"pk\":{\"S\":\"c\"},\"sk\":{\"S\":\"1\"}},\"ConsistentRead\":true}");
    }
}
