package dev.dynalog.core.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.dynalog.core.error.Errors;
import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.model.Binary;
import dev.dynalog.core.number.Numbers;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * DynamoDB's JSON form of attribute values ({@code {"S": "text"}}, {@code {"N": "1.5"}}, ...),
 * read with DynamoDB's validation and written as DynamoDB writes it (numbers as strings, binary
 * as base64).
 */
public final class AttributeValueJson {
    private static final String MORE_THAN_ONE =
            "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes";
    private static final String EMPTY =
            "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes";

    /**
     * Levels of values DynamoDB keeps: an attribute's value is level 1, a map's or list's
     * elements one deeper. Checked while reading, so the recursion here is bounded too.
     */
    public static final int MAX_NESTING_LEVELS = 32;
    /** The longest attribute name, in UTF-8 bytes: DynamoDB's 64 KB. */
    public static final int MAX_NAME_BYTES = 65535;
    private static final String TOO_DEEP =
            "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit";

    private AttributeValueJson() {
    }

    /** Reads an item (attribute name to value), keeping the client's attribute order. */
    public static Map<String, AttributeValue> readItem(JsonNode object) {
        return readItem(object, 1);
    }

    private static Map<String, AttributeValue> readItem(JsonNode object, int depth) {
        if (!object.isObject()) {
            throw Errors.serialization("Unexpected value type in payload");
        }
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().isEmpty()) {
                throw Errors.validation("Empty attribute name");
            }
            // A UTF-8 byte is at least a third of a UTF-16 unit: only long names need counting.
            if (e.getKey().length() > MAX_NAME_BYTES / 3
                    && e.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
                throw Errors.validation("One or more parameter values were invalid: Attribute name exceeds the maximum "
                        + "length of " + MAX_NAME_BYTES + " bytes");
            }
            item.put(wellFormed(e.getKey()), read(e.getValue(), depth));
        }
        return item;
    }

    /** Reads one value, validating it as DynamoDB does. */
    public static AttributeValue read(JsonNode node) {
        return read(node, 1);
    }

    private static AttributeValue read(JsonNode node, int depth) {
        if (depth > MAX_NESTING_LEVELS) {
            throw Errors.validation(TOO_DEEP);
        }
        if (!node.isObject()) {
            throw Errors.serialization("Unexpected value type in payload");
        }
        String type = null;
        JsonNode content = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isNull()) {
                continue;
            }
            if (!isTypeDescriptor(e.getKey())) {
                continue;
            }
            if (type != null) {
                throw Errors.validation(MORE_THAN_ONE);
            }
            type = e.getKey();
            content = e.getValue();
        }
        if (type == null) {
            throw Errors.validation(EMPTY);
        }
        switch (type) {
            case "S":
                return new AttributeValue.S(text(content));
            case "N":
                return new AttributeValue.N(Numbers.canonical(text(content)));
            case "B":
                return new AttributeValue.B(binary(content));
            case "BOOL":
                if (!content.isBoolean()) {
                    throw Errors.serialization("Unexpected value type in payload");
                }
                return AttributeValue.Bool.of(content.booleanValue());
            case "NULL":
                if (!content.isBoolean()) {
                    throw Errors.serialization("Unexpected value type in payload");
                }
                if (!content.booleanValue()) {
                    throw Errors.validation("One or more parameter values were invalid: "
                            + "Null attribute value types must have the value of true");
                }
                return AttributeValue.Null.INSTANCE;
            case "M":
                return new AttributeValue.M(readItem(content, depth + 1));
            case "L": {
                if (!content.isArray()) {
                    throw Errors.serialization("Unexpected value type in payload");
                }
                List<AttributeValue> list = new ArrayList<>(content.size());
                for (JsonNode element : content) {
                    list.add(read(element, depth + 1));
                }
                return new AttributeValue.L(list);
            }
            case "SS":
                return new AttributeValue.SS(stringSet(content));
            case "NS":
                return new AttributeValue.NS(numberSet(content));
            case "BS":
                return new AttributeValue.BS(binarySet(content));
            default:
                throw Errors.validation(EMPTY);
        }
    }

    private static boolean isTypeDescriptor(String key) {
        switch (key) {
            case "S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS":
                return true;
            default:
                return false;
        }
    }

    private static String text(JsonNode n) {
        if (!n.isTextual()) {
            throw Errors.serialization("Unexpected value type in payload");
        }
        return wellFormed(n.textValue());
    }

    /**
     * JSON can escape half a surrogate pair ({@code "\ud800"}), which no UTF-8 string holds:
     * stored, it would come back as {@code ?}. Refused instead of silently changed.
     */
    private static String wellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    throw Errors.validation("One or more parameter values were invalid: A string contains an unpaired "
                            + "UTF-16 surrogate, which UTF-8 cannot encode");
                }
            }
        }
        return s;
    }

    private static Binary binary(JsonNode n) {
        try {
            return Binary.wrap(Base64.getDecoder().decode(text(n)));
        } catch (IllegalArgumentException e) {
            throw Errors.serialization("Base64 encoded length is expected a multiple of 4 bytes but found: " + text(n).length());
        }
    }

    private static List<String> stringSet(JsonNode n) {
        List<String> members = members(n, "One or more parameter values were invalid: An string set  may not be empty");
        List<String> out = new ArrayList<>(members);
        if (new HashSet<>(out).size() != out.size()) {
            throw Errors.validation("One or more parameter values were invalid: Input collection " + out + " contains duplicates");
        }
        return out;
    }

    private static List<String> numberSet(JsonNode n) {
        List<String> members = members(n, "One or more parameter values were invalid: An number set  may not be empty");
        List<String> out = new ArrayList<>(members.size());
        Set<String> seen = new HashSet<>();
        for (String m : members) {
            String canonical = Numbers.canonical(m);
            if (!seen.add(canonical)) {
                throw Errors.validation("Input collection contains duplicates");
            }
            out.add(canonical);
        }
        return out;
    }

    private static List<Binary> binarySet(JsonNode n) {
        if (!n.isArray()) {
            throw Errors.serialization("Unexpected value type in payload");
        }
        if (n.isEmpty()) {
            throw Errors.validation("One or more parameter values were invalid: Binary sets should not be empty");
        }
        List<Binary> out = new ArrayList<>(n.size());
        Set<Binary> seen = new HashSet<>();
        for (JsonNode m : n) {
            Binary b = binary(m);
            if (!seen.add(b)) {
                throw Errors.validation("One or more parameter values were invalid: Input collection of type BS contains duplicates.");
            }
            out.add(b);
        }
        return out;
    }

    private static List<String> members(JsonNode n, String emptyMessage) {
        if (!n.isArray()) {
            throw Errors.serialization("Unexpected value type in payload");
        }
        if (n.isEmpty()) {
            throw Errors.validation(emptyMessage);
        }
        List<String> out = new ArrayList<>(n.size());
        for (JsonNode m : n) {
            out.add(text(m));
        }
        return out;
    }

    /** Writes an item as a JSON object of attribute values. */
    public static void writeItem(JsonGenerator g, Map<String, AttributeValue> item) throws IOException {
        g.writeStartObject();
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            g.writeFieldName(e.getKey());
            write(g, e.getValue());
        }
        g.writeEndObject();
    }

    /** Writes one attribute value in DynamoDB's JSON form. */
    public static void write(JsonGenerator g, AttributeValue v) throws IOException {
        g.writeStartObject();
        if (v instanceof AttributeValue.S s) {
            g.writeStringField("S", s.value());
        } else if (v instanceof AttributeValue.N n) {
            g.writeStringField("N", n.value());
        } else if (v instanceof AttributeValue.B b) {
            g.writeFieldName("B");
            g.writeBinary(b.value().unsafeArray());
        } else if (v instanceof AttributeValue.Bool b) {
            g.writeBooleanField("BOOL", b.value());
        } else if (v instanceof AttributeValue.Null) {
            g.writeBooleanField("NULL", true);
        } else if (v instanceof AttributeValue.M m) {
            g.writeFieldName("M");
            writeItem(g, m.value());
        } else if (v instanceof AttributeValue.L l) {
            g.writeArrayFieldStart("L");
            for (AttributeValue element : l.value()) {
                write(g, element);
            }
            g.writeEndArray();
        } else if (v instanceof AttributeValue.SS ss) {
            writeStrings(g, "SS", ss.value());
        } else if (v instanceof AttributeValue.NS ns) {
            writeStrings(g, "NS", ns.value());
        } else if (v instanceof AttributeValue.BS bs) {
            g.writeArrayFieldStart("BS");
            for (Binary b : bs.value()) {
                g.writeBinary(b.unsafeArray());
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static void writeStrings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String s : values) {
            g.writeString(s);
        }
        g.writeEndArray();
    }
}
