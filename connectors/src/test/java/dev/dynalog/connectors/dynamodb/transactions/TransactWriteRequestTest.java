package dev.dynalog.connectors.dynamodb.transactions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dynalog.connectors.dynamodb.TableResolver;
import dev.dynalog.core.error.DynamoDbException;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/**
 * What TransactWriteItems and TransactGetItems reject before any table is looked up: the model's
 * constraints, reported together in the order of their paths, then each action's shape and
 * expressions in request order. (The checks against tables are covered by
 * TransactionsDifferentialIT.) The resolver has no catalog: these requests never reach it.
 */
class TransactWriteRequestTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TableResolver NO_TABLES = new TableResolver(null);
    private static final String PUT = "{\"Put\":{\"TableName\":\"things\",\"Item\":{\"id\":{\"S\":\"a\"}}}}";

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static void rejectsWrite(String request, String message) {
        assertThatThrownBy(() -> TransactWriteRequest.read(json(request), NO_TABLES))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> {
                    assertThat(e.type()).isEqualTo("ValidationException");
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }

    private static void rejectsGet(String request, String message) {
        assertThatThrownBy(() -> TransactGetRequest.read(json(request), NO_TABLES))
                .isInstanceOfSatisfying(DynamoDbException.class, e ->
                        assertThat(e.getMessage()).isEqualTo(message));
    }

    @Test
    void missingOrEmptyTransactItemsIsAConstraintViolation() {
        rejectsWrite("{}", "1 validation error detected: Value null at 'transactItems' failed to satisfy constraint: "
                + "Member must not be null");
        rejectsWrite("{\"TransactItems\":[]}", "1 validation error detected: Value '[]' at 'transactItems' failed to "
                + "satisfy constraint: Member must have length greater than or equal to 1");
    }

    @Test
    void moreThanAHundredActionsIsAConstraintViolation() {
        rejectsWrite("{\"TransactItems\":[" + String.join(",", Collections.nCopies(101, PUT)) + "]}",
                "1 validation error detected: Value at 'TransactItems' failed to satisfy constraint: "
                        + "Member must have length less than or equal to 100");
    }

    @Test
    void topLevelViolationsComeTogetherInPathOrder() {
        rejectsWrite("{\"TransactItems\":[" + PUT + "],\"ReturnItemCollectionMetrics\":\"BOGUS2\","
                        + "\"ReturnConsumedCapacity\":\"BOGUS\",\"ClientRequestToken\":\"" + "x".repeat(37) + "\"}",
                "3 validation errors detected: Value '" + "x".repeat(37) + "' at 'clientRequestToken' failed to satisfy "
                        + "constraint: Member must have length less than or equal to 36; Value 'BOGUS' at "
                        + "'returnConsumedCapacity' failed to satisfy constraint: Member must satisfy enum value set: "
                        + "[INDEXES, TOTAL, NONE]; Value 'BOGUS2' at 'returnItemCollectionMetrics' failed to satisfy "
                        + "constraint: Member must satisfy enum value set: [SIZE, NONE]");
    }

    @Test
    void actionMembersAreNamedByTheirPath() {
        rejectsWrite("{\"TransactItems\":[" + PUT + ",{\"Put\":{},\"Delete\":{\"TableName\":\"things\"}}]}",
                "3 validation errors detected: Value null at 'transactItems.2.member.delete.key' failed to satisfy "
                        + "constraint: Member must not be null; Value null at 'transactItems.2.member.put.item' failed "
                        + "to satisfy constraint: Member must not be null; Value null at "
                        + "'transactItems.2.member.put.tableName' failed to satisfy constraint: Member must not be null");
        rejectsWrite("{\"TransactItems\":[{\"Update\":{\"TableName\":\"things\",\"Key\":{\"id\":{\"S\":\"a\"}},"
                        + "\"ReturnValuesOnConditionCheckFailure\":\"ALL_NEW\"}},"
                        + "{\"ConditionCheck\":{\"TableName\":\"things\",\"Key\":{\"id\":{\"S\":\"a\"}}}}]}",
                "3 validation errors detected: Value 'ALL_NEW' at "
                        + "'transactItems.1.member.update.returnValuesOnConditionCheckFailure' failed to satisfy "
                        + "constraint: Member must satisfy enum value set: [ALL_OLD, NONE]; Value null at "
                        + "'transactItems.1.member.update.updateExpression' failed to satisfy constraint: Member must "
                        + "not be null; Value null at 'transactItems.2.member.conditionCheck.conditionExpression' "
                        + "failed to satisfy constraint: Member must not be null");
    }

    @Test
    void eachActionHasExactlyOneOperation() {
        rejectsWrite("{\"TransactItems\":[{}]}",
                "Invalid Request: TransactWriteRequest should contain Delete or Put or Update request");
        rejectsWrite("{\"TransactItems\":[{\"Put\":{\"TableName\":\"things\",\"Item\":{\"id\":{\"S\":\"a\"}}},"
                        + "\"Delete\":{\"TableName\":\"things\",\"Key\":{\"id\":{\"S\":\"a\"}}}}]}",
                "TransactItems can only contain one of Check, Put, Update or Delete");
    }

    @Test
    void expressionsAreCheckedInRequestOrderBeforeAnyTable() {
        String badCondition = "{\"ConditionCheck\":{\"TableName\":\"things\",\"Key\":{\"id\":{\"S\":\"b\"}},"
                + "\"ConditionExpression\":\"attribute_not_exists(\"}}";
        String unusedValue = "{\"Delete\":{\"TableName\":\"things\",\"Key\":{\"id\":{\"S\":\"c\"}},"
                + "\"ConditionExpression\":\"attribute_exists(id)\",\"ExpressionAttributeValues\":{\":v\":{\"S\":\"x\"}}}}";
        rejectsWrite("{\"TransactItems\":[" + PUT + "," + badCondition + "," + unusedValue + "]}",
                "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"(\"");
        rejectsWrite("{\"TransactItems\":[" + unusedValue + "," + badCondition + "]}",
                "Value provided in ExpressionAttributeValues unused in expressions: keys: {:v}");
        rejectsWrite("{\"TransactItems\":[{\"Put\":{\"TableName\":\"things\",\"Item\":{\"id\":{\"S\":\"a\"}},"
                        + "\"ExpressionAttributeNames\":{\"#a\":\"a\"}}}]}",
                "ExpressionAttributeNames can only be specified when using expressions");
    }

    @Test
    void legacyMembersAreNotPartOfAnAction() {
        // Expected is not a member of Put: ignored like any unknown member, so no mixing error.
        rejectsWrite("{\"TransactItems\":[{\"Put\":{\"TableName\":\"things\",\"Item\":{\"id\":{\"S\":\"a\"}},"
                        + "\"Expected\":{\"a\":{\"Exists\":false}},\"ConditionExpression\":\"attribute_exists(\"}}]}",
                "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"(\"");
    }

    @Test
    void aTransactionOverFourMegabytesIsRejectedBeforeItsTablesAreLookedUp() {
        StringBuilder items = new StringBuilder();
        // 11 items of 400 KB: 4,505,600 bytes
        String pad = "x".repeat(400 * 1024 - "id".length() - 3 - "d".length());
        for (int i = 0; i < 11; i++) {
            items.append(i == 0 ? "" : ",").append("{\"Put\":{\"TableName\":\"things\",\"Item\":{\"id\":{\"S\":\"k")
                    .append(i < 10 ? "0" : "").append(i).append("\"},\"d\":{\"S\":\"").append(pad).append("\"}}}}");
        }
        rejectsWrite("{\"TransactItems\":[" + items + "]}",
                "Transaction payload size cannot exceed 4MB. Payload Size: " + 11 * 400 * 1024);
    }

    @Test
    void transactGetItemsChecksItsModelFirst() {
        rejectsGet("{\"TransactItems\":[{}],\"ReturnConsumedCapacity\":\"ALL\"}",
                "2 validation errors detected: Value 'ALL' at 'returnConsumedCapacity' failed to satisfy constraint: "
                        + "Member must satisfy enum value set: [INDEXES, TOTAL, NONE]; Value null at "
                        + "'transactItems.1.member.get' failed to satisfy constraint: Member must not be null");
        rejectsGet("{\"TransactItems\":[{\"Get\":{}}]}",
                "2 validation errors detected: Value null at 'transactItems.1.member.get.key' failed to satisfy "
                        + "constraint: Member must not be null; Value null at 'transactItems.1.member.get.tableName' "
                        + "failed to satisfy constraint: Member must not be null");
        rejectsGet("{\"TransactItems\":[{\"Get\":{\"TableName\":\"things\",\"Key\":{\"id\":{\"S\":\"a\"}},"
                        + "\"ProjectionExpression\":\"!!!\"}}]}",
                "Invalid ProjectionExpression: Syntax error; token: \"!\", near: \"!!\"");
        rejectsGet("{\"TransactItems\":[{\"Get\":{\"TableName\":\"things\",\"Key\":{\"id\":{\"S\":\"a\"}},"
                        + "\"ProjectionExpression\":\"#v\",\"ExpressionAttributeNames\":{\"#v\":\"v\",\"#w\":\"w\"}}}]}",
                "Value provided in ExpressionAttributeNames unused in expressions: keys: {#w}");
    }
}
