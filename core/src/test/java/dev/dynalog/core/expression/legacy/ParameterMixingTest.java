package dev.dynalog.core.expression.legacy;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Legacy parameters and expressions in one request; messages from DynamoDB Local 2.6.1. */
class ParameterMixingTest {

    private static void assertRejected(String operation, Set<String> members, String message) {
        assertThatThrownBy(() -> ParameterMixing.check(operation, members)).hasMessage(message);
    }

    private static void assertAccepted(String operation, Set<String> members) {
        assertThatCode(() -> ParameterMixing.check(operation, members)).doesNotThrowAnyException();
    }

    @Test
    void expectedWithConditionExpressionIsRejected() {
        assertRejected("PutItem", Set.of("Expected", "ConditionExpression"),
                "Can not use both expression and non-expression parameters in the same request: "
                        + "Non-expression parameters: {Expected} Expression parameters: {ConditionExpression}");
    }

    @Test
    void conditionalOperatorAloneCountsAsLegacy() {
        assertRejected("DeleteItem", Set.of("ConditionalOperator", "ConditionExpression"),
                "Can not use both expression and non-expression parameters in the same request: "
                        + "Non-expression parameters: {ConditionalOperator} Expression parameters: {ConditionExpression}");
    }

    @Test
    void updateItemListsEveryMemberInDynamoDbsOrder() {
        assertRejected("UpdateItem", Set.of("ConditionExpression", "ConditionalOperator", "UpdateExpression", "Expected",
                        "AttributeUpdates"),
                "Can not use both expression and non-expression parameters in the same request: "
                        + "Non-expression parameters: {AttributeUpdates, Expected, ConditionalOperator} "
                        + "Expression parameters: {UpdateExpression, ConditionExpression}");
    }

    @Test
    void attributeUpdatesWithConditionExpressionIsRejected() {
        assertRejected("UpdateItem", Set.of("AttributeUpdates", "ConditionExpression"),
                "Can not use both expression and non-expression parameters in the same request: "
                        + "Non-expression parameters: {AttributeUpdates} Expression parameters: {ConditionExpression}");
    }

    @Test
    void scanListsEveryMemberInDynamoDbsOrder() {
        assertRejected("Scan", Set.of("FilterExpression", "ProjectionExpression", "ScanFilter", "ConditionalOperator",
                        "AttributesToGet"),
                "Can not use both expression and non-expression parameters in the same request: "
                        + "Non-expression parameters: {AttributesToGet, ScanFilter, ConditionalOperator} "
                        + "Expression parameters: {ProjectionExpression, FilterExpression}");
    }

    @Test
    void attributesToGetWithProjectionExpressionIsRejected() {
        String message = "Can not use both expression and non-expression parameters in the same request: "
                + "Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}";
        assertRejected("GetItem", Set.of("AttributesToGet", "ProjectionExpression"), message);
        assertRejected("BatchGetItem", Set.of("AttributesToGet", "ProjectionExpression"), message);
    }

    @Test
    void queryListsKeyConditionsLast() {
        assertRejected("Query", Set.of("KeyConditions", "AttributesToGet", "QueryFilter", "ConditionalOperator",
                        "KeyConditionExpression", "FilterExpression", "ProjectionExpression"),
                "Can not use both expression and non-expression parameters in the same request: "
                        + "Non-expression parameters: {AttributesToGet, QueryFilter, ConditionalOperator, KeyConditions} "
                        + "Expression parameters: {ProjectionExpression, FilterExpression, KeyConditionExpression}");
    }

    @Test
    void keyConditionsGoWithFilterAndProjectionExpressions() {
        assertAccepted("Query", Set.of("KeyConditions", "FilterExpression", "ProjectionExpression",
                "ExpressionAttributeNames", "ExpressionAttributeValues"));
    }

    @Test
    void keyConditionsAreListedOnlyNextToAKeyConditionExpression() {
        assertRejected("Query", Set.of("KeyConditions", "QueryFilter", "FilterExpression"),
                "Can not use both expression and non-expression parameters in the same request: "
                        + "Non-expression parameters: {QueryFilter} Expression parameters: {FilterExpression}");
        assertRejected("Query", Set.of("KeyConditions", "KeyConditionExpression", "ProjectionExpression"),
                "Can not use both expression and non-expression parameters in the same request: "
                        + "Non-expression parameters: {KeyConditions} Expression parameters: {ProjectionExpression, KeyConditionExpression}");
    }

    @Test
    void mixingIsReportedBeforeNamesAndValues() {
        assertRejected("PutItem", Set.of("Expected", "ConditionExpression", "ExpressionAttributeNames", "ExpressionAttributeValues"),
                "Can not use both expression and non-expression parameters in the same request: "
                        + "Non-expression parameters: {Expected} Expression parameters: {ConditionExpression}");
    }

    @Test
    void namesWithoutAnyExpressionAreRejectedBeforeValues() {
        assertRejected("PutItem", Set.of("Expected", "ExpressionAttributeNames", "ExpressionAttributeValues"),
                "ExpressionAttributeNames can only be specified when using expressions");
        assertRejected("GetItem", Set.of("AttributesToGet", "ExpressionAttributeNames"),
                "ExpressionAttributeNames can only be specified when using expressions");
        assertRejected("Query", Set.of("KeyConditions", "ExpressionAttributeNames"),
                "ExpressionAttributeNames can only be specified when using expressions");
    }

    @Test
    void valuesWithoutAnExpressionThatUsesThemAreRejected() {
        assertRejected("PutItem", Set.of("ExpressionAttributeValues"),
                "ExpressionAttributeValues can only be specified when using expressions: ConditionExpression is null");
        assertRejected("UpdateItem", Set.of("AttributeUpdates", "ExpressionAttributeValues"),
                "ExpressionAttributeValues can only be specified when using expressions: UpdateExpression and ConditionExpression are null");
        assertRejected("Scan", Set.of("ProjectionExpression", "ExpressionAttributeValues"),
                "ExpressionAttributeValues can only be specified when using expressions: FilterExpression is null");
        assertRejected("Query", Set.of("KeyConditions", "ExpressionAttributeValues"),
                "ExpressionAttributeValues can only be specified when using expressions: FilterExpression and KeyConditionExpression are null");
    }

    @Test
    void eitherKindAloneIsAccepted() {
        assertAccepted("UpdateItem", Set.of("AttributeUpdates", "Expected", "ConditionalOperator"));
        assertAccepted("UpdateItem", Set.of("UpdateExpression", "ConditionExpression", "ExpressionAttributeValues"));
        assertAccepted("GetItem", Set.of("ProjectionExpression", "ExpressionAttributeNames"));
    }
}
