package dev.dynalog.core.expression;

import dev.dynalog.core.error.Errors;
import dev.dynalog.core.model.AttributeValue;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A request's ExpressionAttributeNames and ExpressionAttributeValues, resolved by every
 * expression of the request; tracks which were used, because DynamoDB rejects unused ones.
 */
public final class ExpressionAttributes {
    private final Map<String, String> names;
    private final Map<String, AttributeValue> values;
    private final Set<String> usedNames = new LinkedHashSet<>();
    private final Set<String> usedValues = new LinkedHashSet<>();
    private int expressions;

    private ExpressionAttributes(Map<String, String> names, Map<String, AttributeValue> values) {
        this.names = names;
        this.values = values;
    }

    /** Either map may be null (absent from the request); an empty one is rejected as DynamoDB does. */
    public static ExpressionAttributes of(Map<String, String> names, Map<String, AttributeValue> values) {
        if (names != null && names.isEmpty()) {
            throw Errors.validation("ExpressionAttributeNames must not be empty");
        }
        if (values != null && values.isEmpty()) {
            throw Errors.validation("ExpressionAttributeValues must not be empty");
        }
        return new ExpressionAttributes(names == null ? Map.of() : names, values == null ? Map.of() : values);
    }

    /** Notes that the request has one more expression (names and values need one). */
    void expressionParsed() {
        expressions++;
    }

    /** The attribute name a {@code #placeholder} stands for, or null if it is not defined. */
    String name(String placeholder) {
        String name = names.get(placeholder);
        if (name != null) {
            usedNames.add(placeholder);
        }
        return name;
    }

    /** The value a {@code :placeholder} stands for, or null if it is not defined. */
    AttributeValue value(String placeholder) {
        AttributeValue v = values.get(placeholder);
        if (v != null) {
            usedValues.add(placeholder);
        }
        return v;
    }

    /** Throws DynamoDB's error for names or values that no expression of the request used. */
    public void assertAllUsed() {
        if (expressions == 0) {
            if (!values.isEmpty()) {
                throw Errors.validation("ExpressionAttributeValues can only be specified when using expressions: "
                        + "ConditionExpression is null");
            }
            if (!names.isEmpty()) {
                throw Errors.validation("ExpressionAttributeNames can only be specified when using expressions");
            }
            return;
        }
        Set<String> unusedNames = new LinkedHashSet<>(names.keySet());
        unusedNames.removeAll(usedNames);
        if (!unusedNames.isEmpty()) {
            throw Errors.validation("Value provided in ExpressionAttributeNames unused in expressions: keys: {"
                    + String.join(", ", unusedNames) + "}");
        }
        Set<String> unusedValues = new LinkedHashSet<>(values.keySet());
        unusedValues.removeAll(usedValues);
        if (!unusedValues.isEmpty()) {
            throw Errors.validation("Value provided in ExpressionAttributeValues unused in expressions: keys: {"
                    + String.join(", ", unusedValues) + "}");
        }
    }
}
