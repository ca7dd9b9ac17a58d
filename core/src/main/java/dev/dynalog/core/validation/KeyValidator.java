package dev.dynalog.core.validation;

import dev.dynalog.core.error.Errors;
import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.model.KeyAttribute;
import dev.dynalog.core.model.KeySchema;
import dev.dynalog.core.size.ItemSize;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checks keys and items against a table's key schema, with DynamoDB's messages. Where DynamoDB
 * Local's messages differ from DynamoDB's (key mismatches), DynamoDB's are used.
 */
public final class KeyValidator {
    private static final int MAX_PARTITION_KEY_BYTES = 2048;
    private static final int MAX_SORT_KEY_BYTES = 1024;

    private KeyValidator() {
    }

    /** A Key parameter (GetItem, DeleteItem, ExclusiveStartKey): exactly the key attributes, of the right types. */
    public static void validateKey(KeySchema schema, Map<String, AttributeValue> key) {
        if (key.size() != schema.size()) {
            throw Errors.validation("The provided key element does not match the schema");
        }
        checkKeyAttribute(schema.partitionKey(), key.get(schema.partitionKey().name()), true, false);
        if (schema.sortKey().isPresent()) {
            checkKeyAttribute(schema.sortKey().get(), key.get(schema.sortKey().get().name()), false, false);
        }
    }

    /** An item to write: it must hold the key attributes with the right types and fit 400 KB. */
    public static void validateItem(KeySchema schema, Map<String, AttributeValue> item) {
        checkKeyAttribute(schema.partitionKey(), item.get(schema.partitionKey().name()), true, true);
        if (schema.sortKey().isPresent()) {
            checkKeyAttribute(schema.sortKey().get(), item.get(schema.sortKey().get().name()), false, true);
        }
        if (ItemSize.of(item) > ItemSize.MAX_ITEM_BYTES) {
            throw Errors.validation("Item size has exceeded the maximum allowed size");
        }
    }

    /** The key attributes of an item, partition key first. */
    public static Map<String, AttributeValue> extractKey(KeySchema schema, Map<String, AttributeValue> item) {
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        key.put(schema.partitionKey().name(), item.get(schema.partitionKey().name()));
        schema.sortKey().ifPresent(sk -> key.put(sk.name(), item.get(sk.name())));
        return key;
    }

    private static void checkKeyAttribute(KeyAttribute attribute, AttributeValue value, boolean partitionKey, boolean inItem) {
        if (value == null) {
            throw Errors.validation(inItem
                    ? "One or more parameter values were invalid: Missing the key " + attribute.name() + " in the item"
                    : "The provided key element does not match the schema");
        }
        if (value.type() != attribute.type()) {
            throw Errors.validation(inItem
                    ? "One or more parameter values were invalid: Type mismatch for key " + attribute.name() + " expected: "
                            + attribute.type() + " actual: " + value.type()
                    : "The provided key element does not match the schema");
        }
        long size;
        if (value instanceof AttributeValue.S s) {
            size = ItemSize.utf8Length(s.value());
            if (size == 0) {
                throw Errors.validation("One or more parameter values are not valid. The AttributeValue for a key attribute "
                        + "cannot contain an empty string value. Key: " + attribute.name());
            }
        } else if (value instanceof AttributeValue.B b) {
            size = b.value().length();
            if (size == 0) {
                throw Errors.validation("One or more parameter values are not valid. The AttributeValue for a key attribute "
                        + "cannot contain an empty binary value. Key: " + attribute.name());
            }
        } else {
            size = ItemSize.ofValue(value);
        }
        if (size > (partitionKey ? MAX_PARTITION_KEY_BYTES : MAX_SORT_KEY_BYTES)) {
            throw Errors.validation("Hash primary key values must be under 2048 bytes, and range primary key values must be "
                    + "under 1024 bytes");
        }
    }
}
