package dev.dynalog.core.index;

import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.model.KeyAttribute;
import dev.dynalog.core.model.KeySchema;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The index key of a base item: its values of the index's key attributes, or nothing when the
 * item is not in the index.
 *
 * <p>An item is in an index only when it has every index key attribute, of the defined type and
 * not empty (DynamoDB's sparse indexes). Writes with a wrong type or an empty value are rejected
 * before they reach the log ({@link IndexKeyValidator}), but items written before a GSI existed
 * may still hold such values when the GSI is backfilled; DynamoDB leaves those items out of the
 * index, and so does this.
 */
public final class IndexKeys {
    private IndexKeys() {
    }

    /** The index key attributes of the item, partition key first, or empty when the item is not indexed. */
    public static Optional<Map<String, AttributeValue>> of(KeySchema indexKey, Map<String, AttributeValue> item) {
        Map<String, AttributeValue> key = new LinkedHashMap<>(4);
        if (!add(key, indexKey.partitionKey(), item)) {
            return Optional.empty();
        }
        if (indexKey.sortKey().isPresent() && !add(key, indexKey.sortKey().get(), item)) {
            return Optional.empty();
        }
        return Optional.of(key);
    }

    private static boolean add(Map<String, AttributeValue> key, KeyAttribute attribute, Map<String, AttributeValue> item) {
        AttributeValue value = item.get(attribute.name());
        if (value == null || value.type() != attribute.type() || isEmpty(value)) {
            return false;
        }
        key.put(attribute.name(), value);
        return true;
    }

    static boolean isEmpty(AttributeValue value) {
        if (value instanceof AttributeValue.S s) {
            return s.value().isEmpty();
        }
        if (value instanceof AttributeValue.B b) {
            return b.value().length() == 0;
        }
        return false;
    }
}
