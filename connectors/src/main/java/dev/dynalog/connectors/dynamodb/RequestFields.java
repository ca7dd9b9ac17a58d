package dev.dynalog.connectors.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynalog.core.error.Errors;
import dev.dynalog.core.json.AttributeValueJson;
import dev.dynalog.core.model.AttributeValue;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Typed access to a request's top-level members, with DynamoDB's model constraints. Constraint
 * violations are collected and reported together, as DynamoDB does: "1 validation error detected:
 * Value 'x' at 'tableName' failed to satisfy constraint: ...; ...".
 */
public final class RequestFields {
    private static final Pattern TABLE_NAME = Pattern.compile("[a-zA-Z0-9_.-]+");

    private final JsonNode request;
    private final String path;
    private final List<String> violations;

    public RequestFields(JsonNode request) {
        this(request, "", new ArrayList<>());
    }

    private RequestFields(JsonNode request, String path, List<String> violations) {
        this.request = request;
        this.path = path;
        this.violations = violations;
    }

    /**
     * The fields of a structure inside this request, such as one action of a transaction: its
     * constraint violations are named by their path from the request's top ({@code path} is e.g.
     * {@code "transactItems.1.member.put"}) and reported with this request's, by either's
     * {@link #check()}.
     */
    public RequestFields nested(JsonNode structure, String path) {
        return new RequestFields(structure, this.path + path + ".", violations);
    }

    public JsonNode node(String member) {
        JsonNode n = request.get(member);
        return n == null || n.isNull() ? null : n;
    }

    /**
     * The names of the members the request has, even as an empty map, list or string (DynamoDB's
     * parameter-mixing rules count those as given); JSON nulls count as absent, as everywhere here.
     */
    public Set<String> presentMembers() {
        Set<String> present = new LinkedHashSet<>();
        request.fields().forEachRemaining(e -> {
            if (!e.getValue().isNull()) {
                present.add(e.getKey());
            }
        });
        return present;
    }

    public boolean has(String member) {
        return node(member) != null;
    }

    /** The TableName member, checked against DynamoDB's length and character constraints. */
    public String tableName() {
        return tableName("TableName");
    }

    public String tableName(String member) {
        String name = string(member);
        String path = path(member);
        if (name == null) {
            violations.add("Value null at '" + path + "' failed to satisfy constraint: Member must not be null");
            return null;
        }
        if (name.length() < 3) {
            violations.add("Value '" + name + "' at '" + path
                    + "' failed to satisfy constraint: Member must have length greater than or equal to 3");
        }
        if (name.length() > 255) {
            violations.add("Value '" + name + "' at '" + path
                    + "' failed to satisfy constraint: Member must have length less than or equal to 255");
        }
        if (!TABLE_NAME.matcher(name).matches()) {
            violations.add("Value '" + name + "' at '" + path
                    + "' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
        }
        return name;
    }

    /**
     * A member of DynamoDB's TableArn shape: a table name or a table ARN
     * ({@code arn:aws:dynamodb:<region>:<account>:table/<name>}); returns the table name.
     */
    public String tableNameOrArn(String member) {
        String value = string(member);
        if (value == null) {
            violations.add("Value null at '" + path(member) + "' failed to satisfy constraint: Member must not be null");
            return null;
        }
        if (value.length() > 1024) {
            violations.add("Value '" + value + "' at '" + path(member)
                    + "' failed to satisfy constraint: Member must have length less than or equal to 1024");
        }
        int table = value.startsWith("arn:") ? value.indexOf(":table/") : -1;
        return table < 0 ? value : value.substring(table + ":table/".length());
    }

    public String string(String member) {
        JsonNode n = node(member);
        if (n == null) {
            return null;
        }
        if (!n.isTextual()) {
            throw Errors.serialization("Unexpected value type in payload");
        }
        return n.textValue();
    }

    /** An enum-valued member, checked against its allowed values. */
    public String enumValue(String member, List<String> allowed) {
        String v = string(member);
        if (v != null && !allowed.contains(v)) {
            violations.add("Value '" + v + "' at '" + path(member)
                    + "' failed to satisfy constraint: Member must satisfy enum value set: " + allowed);
        }
        return v;
    }

    public boolean bool(String member, boolean defaultValue) {
        JsonNode n = node(member);
        if (n == null) {
            return defaultValue;
        }
        if (!n.isBoolean()) {
            throw Errors.serialization("Unexpected value type in payload");
        }
        return n.booleanValue();
    }

    /** An integer member with a minimum (DynamoDB's Limit members have minimum 1). */
    public Integer integer(String member, int min) {
        JsonNode n = node(member);
        if (n == null) {
            return null;
        }
        if (!n.isIntegralNumber()) {
            throw Errors.serialization("Unexpected value type in payload");
        }
        long v = n.longValue();
        if (v < min) {
            violations.add("Value '" + v + "' at '" + path(member)
                    + "' failed to satisfy constraint: Member must have value greater than or equal to " + min);
        }
        return (int) Math.max(Math.min(v, Integer.MAX_VALUE), Integer.MIN_VALUE);
    }

    public Map<String, AttributeValue> item(String member) {
        JsonNode n = node(member);
        if (n == null) {
            return null;
        }
        if (!n.isObject()) {
            throw Errors.serialization("Unexpected value type in payload");
        }
        return AttributeValueJson.readItem(n);
    }

    public Map<String, String> stringMap(String member) {
        JsonNode n = node(member);
        if (n == null) {
            return null;
        }
        if (!n.isObject()) {
            throw Errors.serialization("Unexpected value type in payload");
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw Errors.serialization("Unexpected value type in payload");
            }
            map.put(e.getKey(), e.getValue().textValue());
        }
        return map;
    }

    /** Records a violation found by the caller, to be reported with the others. */
    public void violation(String message) {
        violations.add(message);
    }

    /** Throws DynamoDB's ValidationException if any constraint was violated. */
    public void check() {
        if (violations.isEmpty()) {
            return;
        }
        int n = violations.size();
        throw Errors.validation(n + " validation error" + (n == 1 ? "" : "s") + " detected: "
                + String.join("; ", violations));
    }

    /** The path DynamoDB names a member by in constraint messages: {@code Key} is {@code key}, nested ones prefixed. */
    public String path(String member) {
        return path + Character.toLowerCase(member.charAt(0)) + member.substring(1);
    }
}
