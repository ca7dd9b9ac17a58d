package dev.dynalog.connectors.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynalog.core.error.Errors;
import dev.dynalog.core.model.TableSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The Tags member (CreateTable, TagResource) and the TagKeys member (UntagResource) with
 * DynamoDB's tagging restrictions (developer guide, "Tagging restrictions in DynamoDB"): keys of 1
 * to 128 Unicode characters, values of 0 to 256, both of letters, numbers, whitespace and
 * {@code + - = . _ : /} only; keys are case sensitive and may not start with the reserved
 * {@code aws:} prefix; at most {@link TableSettings#MAX_TAGS} tags on a table.
 */
public final class TagLists {
    /** DynamoDB's documented characters of tag keys and values, as a pattern over Unicode classes. */
    static final String ALLOWED = "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-]*";
    private static final Pattern ALLOWED_PATTERN = Pattern.compile(ALLOWED);
    private static final int MAX_KEY_LENGTH = 128;
    private static final int MAX_VALUE_LENGTH = 256;
    private static final String RESERVED_PREFIX = "aws:";

    private TagLists() {
    }

    /** One tag of a request; key or value is null where the request left it out (a violation). */
    public record Tag(String key, String value) {
    }

    /**
     * Reads a list of tags, recording constraint violations in {@code f} (checked by the caller);
     * null if the member is absent. {@link #byKey} checks the tags against each other.
     */
    public static List<Tag> read(RequestFields f, String member) {
        JsonNode list = f.node(member);
        if (list == null) {
            return null;
        }
        if (!list.isArray()) {
            throw Errors.serialization("Unexpected value type in payload");
        }
        List<Tag> tags = new ArrayList<>();
        int i = 0;
        for (JsonNode tag : list) {
            i++;
            if (!tag.isObject()) {
                throw Errors.serialization("Unexpected value type in payload");
            }
            String path = f.path(member) + "." + i + ".member.";
            String key = text(tag, "Key");
            String value = text(tag, "Value");
            constrain(f, key, path + "key", 1, MAX_KEY_LENGTH);
            constrain(f, value, path + "value", 0, MAX_VALUE_LENGTH);
            tags.add(new Tag(key, value));
        }
        return tags;
    }

    /** Reads a list of tag keys as {@link #read} does; null if the member is absent. */
    public static List<String> readKeys(RequestFields f, String member) {
        JsonNode list = f.node(member);
        if (list == null) {
            return null;
        }
        if (!list.isArray()) {
            throw Errors.serialization("Unexpected value type in payload");
        }
        List<String> keys = new ArrayList<>();
        int i = 0;
        for (JsonNode key : list) {
            i++;
            if (!key.isTextual()) {
                throw Errors.serialization("Unexpected value type in payload");
            }
            constrain(f, key.textValue(), f.path(member) + "." + i + ".member", 1, MAX_KEY_LENGTH);
            keys.add(key.textValue());
        }
        return keys;
    }

    /** A list member that must have at least one element, as TagResource's Tags and UntagResource's TagKeys. */
    public static void requireNonEmpty(RequestFields f, String member) {
        JsonNode list = f.node(member);
        if (list == null) {
            f.violation("Value null at '" + f.path(member) + "' failed to satisfy constraint: Member must not be null");
        } else if (list.isArray() && list.isEmpty()) {
            f.violation("Value '[]' at '" + f.path(member)
                    + "' failed to satisfy constraint: Member must have length greater than or equal to 1");
        }
    }

    /** Refuses keys with the reserved prefix: tags DynamoDB assigns itself cannot be added or removed. */
    public static void refuseReserved(Iterable<String> keys) {
        for (String key : keys) {
            if (key != null && key.startsWith(RESERVED_PREFIX)) {
                throw Errors.validation("One or more parameter values were invalid: Tag keys starting with '"
                        + RESERVED_PREFIX + "' are reserved for system use: " + key);
            }
        }
    }

    /**
     * The table's tags after adding {@code added}: a key the table has already gets the new value,
     * as DynamoDB documents; more than {@link TableSettings#MAX_TAGS} in all are refused.
     */
    public static Map<String, String> merged(Map<String, String> current, Map<String, String> added) {
        Map<String, String> merged = new TreeMap<>(current);
        merged.putAll(added);
        if (merged.size() > TableSettings.MAX_TAGS) {
            throw Errors.validation("One or more parameter values were invalid: A table can have at most "
                    + TableSettings.MAX_TAGS + " tags; with these it would have " + merged.size());
        }
        return merged;
    }

    /**
     * The tags of a request that satisfied its constraints, by key in request order; a key given
     * twice, or one with the reserved prefix, is refused.
     */
    public static Map<String, String> byKey(List<Tag> tags) {
        Map<String, String> byKey = new LinkedHashMap<>();
        for (Tag tag : tags) {
            if (byKey.put(tag.key(), tag.value()) != null) {
                throw Errors.validation("One or more parameter values were invalid: Duplicate tag key in the "
                        + "request: " + tag.key());
            }
        }
        refuseReserved(byKey.keySet());
        return byKey;
    }

    private static String text(JsonNode tag, String member) {
        JsonNode n = tag.get(member);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw Errors.serialization("Unexpected value type in payload");
        }
        return n.textValue();
    }

    /** Lengths count Unicode characters, not UTF-16 units, as DynamoDB's tag limits do. */
    private static void constrain(RequestFields f, String text, String path, int min, int max) {
        if (text == null) {
            f.violation("Value null at '" + path + "' failed to satisfy constraint: Member must not be null");
            return;
        }
        int length = text.codePointCount(0, text.length());
        if (length < min) {
            f.violation("Value '" + text + "' at '" + path
                    + "' failed to satisfy constraint: Member must have length greater than or equal to " + min);
        }
        if (length > max) {
            f.violation("Value '" + text + "' at '" + path
                    + "' failed to satisfy constraint: Member must have length less than or equal to " + max);
        }
        if (!ALLOWED_PATTERN.matcher(text).matches()) {
            f.violation("Value '" + text + "' at '" + path
                    + "' failed to satisfy constraint: Member must satisfy regular expression pattern: " + ALLOWED);
        }
    }
}
