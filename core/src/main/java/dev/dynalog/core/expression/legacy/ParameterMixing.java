package dev.dynalog.core.expression.legacy;

import dev.dynalog.core.error.Errors;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * DynamoDB's rule that one request uses either the legacy parameters or expressions, and its
 * companions for ExpressionAttributeNames and ExpressionAttributeValues without an expression.
 * Messages and the order of the members they list are DynamoDB's (DynamoDB Local 2.6.1, which
 * agrees with the recordings of the service in dynalite's tests).
 *
 * <p>A member counts as present when the request has it at all, even as an empty map, list or
 * string: {@code "Expected": {}} next to a ConditionExpression is rejected.
 */
public final class ParameterMixing {
    static final String KEY_CONDITIONS = "KeyConditions";
    static final String KEY_CONDITION_EXPRESSION = "KeyConditionExpression";
    static final String NAMES = "ExpressionAttributeNames";
    static final String VALUES = "ExpressionAttributeValues";

    /**
     * An operation's members: legacy and expression ones in the order DynamoDB lists them, and
     * the expressions that can use ExpressionAttributeValues.
     */
    private record Members(List<String> legacy, List<String> expressions, List<String> valueExpressions) {
    }

    private static final Members READ_ONE = new Members(List.of("AttributesToGet"), List.of("ProjectionExpression"), List.of());
    private static final Members CONDITIONAL_WRITE = new Members(List.of("Expected", "ConditionalOperator"),
            List.of("ConditionExpression"), List.of("ConditionExpression"));
    private static final Map<String, Members> OPERATIONS = Map.of(
            "GetItem", READ_ONE,
            // per table: the members of one KeysAndAttributes
            "BatchGetItem", READ_ONE,
            "PutItem", CONDITIONAL_WRITE,
            "DeleteItem", CONDITIONAL_WRITE,
            "UpdateItem", new Members(List.of("AttributeUpdates", "Expected", "ConditionalOperator"),
                    List.of("UpdateExpression", "ConditionExpression"), List.of("UpdateExpression", "ConditionExpression")),
            "Query", new Members(List.of("AttributesToGet", "QueryFilter", "ConditionalOperator", KEY_CONDITIONS),
                    List.of("ProjectionExpression", "FilterExpression", KEY_CONDITION_EXPRESSION),
                    List.of("FilterExpression", KEY_CONDITION_EXPRESSION)),
            "Scan", new Members(List.of("AttributesToGet", "ScanFilter", "ConditionalOperator"),
                    List.of("ProjectionExpression", "FilterExpression"), List.of("FilterExpression")));

    private ParameterMixing() {
    }

    /**
     * Checks the members present in a request of {@code operation} ("GetItem", "BatchGetItem"
     * for one table's KeysAndAttributes, "PutItem", "DeleteItem", "UpdateItem", "Query", "Scan"),
     * in DynamoDB's order: mixing first, then names without an expression, then values without
     * an expression that could use them.
     */
    public static void check(String operation, Set<String> presentMembers) {
        Members members = OPERATIONS.get(operation);
        if (members == null) {
            throw new IllegalArgumentException("no legacy parameters in " + operation);
        }
        List<String> expressions = present(members.expressions(), presentMembers);
        // KeyConditions may go with a FilterExpression or ProjectionExpression; DynamoDB objects
        // to it only next to a KeyConditionExpression.
        List<String> legacy = members.legacy().stream()
                .filter(presentMembers::contains)
                .filter(m -> !m.equals(KEY_CONDITIONS) || presentMembers.contains(KEY_CONDITION_EXPRESSION))
                .toList();
        if (!legacy.isEmpty() && !expressions.isEmpty()) {
            throw Errors.validation("Can not use both expression and non-expression parameters in the same request: "
                    + "Non-expression parameters: " + braces(legacy) + " Expression parameters: " + braces(expressions));
        }
        if (presentMembers.contains(NAMES) && expressions.isEmpty()) {
            throw Errors.validation("ExpressionAttributeNames can only be specified when using expressions");
        }
        List<String> valueExpressions = members.valueExpressions();
        if (presentMembers.contains(VALUES) && !valueExpressions.isEmpty()
                && present(valueExpressions, presentMembers).isEmpty()) {
            throw Errors.validation("ExpressionAttributeValues can only be specified when using expressions: "
                    + String.join(" and ", valueExpressions) + (valueExpressions.size() == 1 ? " is null" : " are null"));
        }
    }

    private static List<String> present(List<String> members, Set<String> presentMembers) {
        return members.stream().filter(presentMembers::contains).toList();
    }

    private static String braces(List<String> members) {
        return members.stream().collect(Collectors.joining(", ", "{", "}"));
    }
}
