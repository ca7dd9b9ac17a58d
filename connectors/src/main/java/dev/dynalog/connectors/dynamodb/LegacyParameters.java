package dev.dynalog.connectors.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynalog.core.error.Errors;
import dev.dynalog.core.expression.legacy.AttributeUpdates;
import dev.dynalog.core.expression.legacy.AttributeUpdates.ValueUpdate;
import dev.dynalog.core.expression.legacy.AttributesToGet;
import dev.dynalog.core.expression.legacy.ConditionalOperator;
import dev.dynalog.core.expression.legacy.ExpectedConditions;
import dev.dynalog.core.expression.legacy.ExpectedConditions.ExpectedValue;
import dev.dynalog.core.expression.legacy.LegacyFilters;
import dev.dynalog.core.expression.legacy.LegacyFilters.FilterCondition;
import dev.dynalog.core.json.AttributeValueJson;
import dev.dynalog.core.model.AttributeValue;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the legacy request members (Expected, ConditionalOperator, AttributeUpdates, ScanFilter,
 * QueryFilter, KeyConditions, AttributesToGet) from the request JSON into the shapes of
 * {@code core.expression.legacy}, which translates them to expression trees.
 *
 * <p>Each reader records the member's model-constraint violations (unknown enum values, an empty
 * AttributesToGet) with the request's other violations, so that {@link RequestFields#check()}
 * reports them together, as DynamoDB does before anything else. A member of the wrong JSON type
 * is a SerializationException, like every other member. Absent members read as null; map entries
 * keep the request's order, which decides the order conditions are joined and checked in.
 */
public final class LegacyParameters {
    public static final String EXPECTED = "Expected";
    public static final String CONDITIONAL_OPERATOR = "ConditionalOperator";
    public static final String ATTRIBUTE_UPDATES = "AttributeUpdates";
    public static final String ATTRIBUTES_TO_GET = "AttributesToGet";

    private LegacyParameters() {
    }

    /** Expected with the request's ConditionalOperator, as PutItem, UpdateItem and DeleteItem take them. */
    public record ExpectedMembers(Map<String, ExpectedValue> expected, String conditionalOperator) {
    }

    public static ExpectedMembers expected(RequestFields f) {
        JsonNode node = f.node(EXPECTED);
        Map<String, ExpectedValue> expected = null;
        if (node != null) {
            expected = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : entries(node)) {
                JsonNode entry = object(e.getValue());
                expected.put(e.getKey(), new ExpectedValue(value(entry.get("Value")), bool(entry.get("Exists")),
                        text(entry.get("ComparisonOperator")), values(entry.get("AttributeValueList"))));
            }
        }
        String conditionalOperator = f.string(CONDITIONAL_OPERATOR);
        ExpectedConditions.constraintViolations(expected, conditionalOperator).forEach(f::violation);
        return new ExpectedMembers(expected, conditionalOperator);
    }

    /** The ConditionalOperator of a Query or Scan, its constraint violation recorded. */
    public static String conditionalOperator(RequestFields f) {
        String conditionalOperator = f.string(CONDITIONAL_OPERATOR);
        ConditionalOperator.constraintViolation(conditionalOperator).ifPresent(f::violation);
        return conditionalOperator;
    }

    public static Map<String, ValueUpdate> attributeUpdates(RequestFields f) {
        JsonNode node = f.node(ATTRIBUTE_UPDATES);
        if (node == null) {
            return null;
        }
        Map<String, ValueUpdate> updates = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : entries(node)) {
            JsonNode entry = object(e.getValue());
            updates.put(e.getKey(), new ValueUpdate(text(entry.get("Action")), value(entry.get("Value"))));
        }
        AttributeUpdates.constraintViolations(updates).forEach(f::violation);
        return updates;
    }

    /** ScanFilter, QueryFilter or KeyConditions ({@link LegacyFilters}' parameter names). */
    public static Map<String, FilterCondition> filter(RequestFields f, String member) {
        JsonNode node = f.node(member);
        if (node == null) {
            return null;
        }
        Map<String, FilterCondition> conditions = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : entries(node)) {
            JsonNode entry = object(e.getValue());
            conditions.put(e.getKey(), new FilterCondition(text(entry.get("ComparisonOperator")),
                    values(entry.get("AttributeValueList"))));
        }
        LegacyFilters.constraintViolations(member, conditions).forEach(f::violation);
        return conditions;
    }

    /**
     * AttributesToGet; {@code memberPath} is where DynamoDB says the list stands
     * ({@link AttributesToGet#MEMBER}, or {@code requestItems.T.member.attributesToGet}).
     */
    public static List<String> attributesToGet(RequestFields f, String memberPath) {
        JsonNode node = f.node(ATTRIBUTES_TO_GET);
        if (node == null) {
            return null;
        }
        if (!node.isArray()) {
            throw Errors.serialization("Unexpected value type in payload");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode name : node) {
            if (!name.isTextual()) {
                throw Errors.serialization("Unexpected value type in payload");
            }
            names.add(name.textValue());
        }
        AttributesToGet.constraintViolations(names, memberPath).forEach(f::violation);
        return names;
    }

    private static List<Map.Entry<String, JsonNode>> entries(JsonNode map) {
        if (!map.isObject()) {
            throw Errors.serialization("Unexpected value type in payload");
        }
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            entries.add(it.next());
        }
        return entries;
    }

    private static JsonNode object(JsonNode node) {
        if (!node.isObject()) {
            throw Errors.serialization("Unexpected value type in payload");
        }
        return node;
    }

    private static AttributeValue value(JsonNode node) {
        return node == null || node.isNull() ? null : AttributeValueJson.read(node);
    }

    private static List<AttributeValue> values(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            throw Errors.serialization("Unexpected value type in payload");
        }
        List<AttributeValue> values = new ArrayList<>();
        for (JsonNode v : node) {
            values.add(AttributeValueJson.read(v));
        }
        return values;
    }

    private static Boolean bool(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            throw Errors.serialization("Unexpected value type in payload");
        }
        return node.booleanValue();
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw Errors.serialization("Unexpected value type in payload");
        }
        return node.textValue();
    }
}
