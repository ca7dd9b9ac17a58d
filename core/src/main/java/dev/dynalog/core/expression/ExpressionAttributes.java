package dev.dynalog.core.expression;

import dev.dynalog.core.error.Errors;
import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.size.ItemSize;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A request's ExpressionAttributeNames and ExpressionAttributeValues. It substitutes
 * placeholders for every expression of the request and remembers which ones were used, so that
 * {@link #assertAllUsed()} can report the unused ones as DynamoDB does. Together they may hold
 * at most 2 MB, DynamoDB's limit on an expression's substitution variables.
 *
 * <p>One instance serves one request; it is not thread-safe.
 */
public final class ExpressionAttributes {
    private static final Pattern NAME_KEY = Pattern.compile("#[A-Za-z0-9_]+");
    private static final Pattern VALUE_KEY = Pattern.compile(":[A-Za-z0-9_]+");
    /** DynamoDB's limit on all of a request's substitution variables (names and values). */
    static final long MAX_SUBSTITUTION_BYTES = 2L * 1024 * 1024;

    private final Map<String, String> names;
    private final Map<String, AttributeValue> values;
    private final Set<String> usedNames = new HashSet<>();
    private final Set<String> usedValues = new HashSet<>();

    private ExpressionAttributes(Map<String, String> names, Map<String, AttributeValue> values) {
        this.names = names;
        this.values = values;
    }

    /**
     * Validates and wraps the maps; {@code null} means the parameter was absent. Values are
     * expected to be valid attribute values already (the JSON codec checks those).
     */
    public static ExpressionAttributes of(Map<String, String> names, Map<String, AttributeValue> values) {
        if (names != null) {
            if (names.isEmpty()) {
                throw Errors.validation("ExpressionAttributeNames must not be empty");
            }
            for (Map.Entry<String, String> e : names.entrySet()) {
                if (!NAME_KEY.matcher(e.getKey()).matches()) {
                    throw Errors.validation("ExpressionAttributeNames contains invalid key: Syntax error; key: \""
                            + e.getKey() + "\"");
                }
                if (e.getValue() == null || e.getValue().isEmpty()) {
                    throw Errors.validation("ExpressionAttributeNames contains invalid value: Empty attribute name for key "
                            + e.getKey());
                }
            }
        }
        if (values != null) {
            if (values.isEmpty()) {
                throw Errors.validation("ExpressionAttributeValues must not be empty");
            }
            for (String key : values.keySet()) {
                if (!VALUE_KEY.matcher(key).matches()) {
                    throw Errors.validation("ExpressionAttributeValues contains invalid key: Syntax error; key: \""
                            + key + "\"");
                }
            }
        }
        if (substitutionBytes(names, values) > MAX_SUBSTITUTION_BYTES) {
            throw Errors.validation("ExpressionAttributeNames and ExpressionAttributeValues exceed the maximum size "
                    + "of all substitution variables in an expression: 2 MB");
        }
        return new ExpressionAttributes(
                names == null ? Map.of() : new LinkedHashMap<>(names),
                values == null ? Map.of() : new LinkedHashMap<>(values));
    }

    /** The placeholders' and their substitutes' sizes together, as DynamoDB counts them against its 2 MB. */
    private static long substitutionBytes(Map<String, String> names, Map<String, AttributeValue> values) {
        long bytes = 0;
        if (names != null) {
            for (Map.Entry<String, String> e : names.entrySet()) {
                bytes += ItemSize.utf8Length(e.getKey()) + ItemSize.utf8Length(e.getValue());
            }
        }
        if (values != null) {
            for (Map.Entry<String, AttributeValue> e : values.entrySet()) {
                bytes += ItemSize.utf8Length(e.getKey()) + ItemSize.ofValue(e.getValue());
            }
        }
        return bytes;
    }

    /** No names and no values: for requests whose expressions use no placeholders. */
    public static ExpressionAttributes none() {
        return of(null, null);
    }

    /** The attribute name behind {@code #placeholder}, marking it used. */
    public String name(String placeholder, String parameterName) {
        String name = names.get(placeholder);
        if (name == null) {
            throw ExpressionErrors.invalid(parameterName,
                    "An expression attribute name used in the document path is not defined; attribute name: " + placeholder);
        }
        usedNames.add(placeholder);
        return name;
    }

    /** The value behind {@code :placeholder}, marking it used. */
    public AttributeValue value(String placeholder, String parameterName) {
        AttributeValue value = values.get(placeholder);
        if (value == null) {
            throw ExpressionErrors.invalid(parameterName,
                    "An expression attribute value used in expression is not defined; attribute value: " + placeholder);
        }
        usedValues.add(placeholder);
        return value;
    }

    /**
     * Fails if any name or value was never used; call once all expressions of the request are
     * resolved. Names are checked first. The keys are listed in the order of a Java hash set,
     * which is the order DynamoDB prints them in.
     */
    public void assertAllUsed() {
        Set<String> unusedNames = unused(names.keySet(), usedNames);
        if (!unusedNames.isEmpty()) {
            throw Errors.validation("Value provided in ExpressionAttributeNames unused in expressions: keys: {"
                    + String.join(", ", unusedNames) + "}");
        }
        Set<String> unusedValues = unused(values.keySet(), usedValues);
        if (!unusedValues.isEmpty()) {
            throw Errors.validation("Value provided in ExpressionAttributeValues unused in expressions: keys: {"
                    + String.join(", ", unusedValues) + "}");
        }
    }

    private static Set<String> unused(Set<String> provided, Set<String> used) {
        Set<String> unused = new HashSet<>();
        for (String key : provided) {
            if (!used.contains(key)) {
                unused.add(key);
            }
        }
        return unused;
    }
}
