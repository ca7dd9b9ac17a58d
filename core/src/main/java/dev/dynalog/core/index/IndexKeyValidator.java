package dev.dynalog.core.index;

import dev.dynalog.core.error.Errors;
import dev.dynalog.core.model.AttributeType;
import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.model.KeyAttribute;
import dev.dynalog.core.size.ItemSize;
import java.util.Map;
import java.util.Set;

/**
 * Rejects writes whose index key attributes DynamoDB would not accept: a value of another type
 * than the attribute's definition, an empty string or binary, a value over the key size limits.
 * An absent index key attribute is fine: the item is simply not in that index.
 *
 * <p>Order, as DynamoDB Local 2.6.1 checks: the local indexes, then the global ones, each in
 * creation order (the order of {@link SecondaryIndexes}); within an index the partition key, then
 * the sort key; for each attribute its type, then emptiness, then size. Run after the table key
 * checks (KeyValidator), which DynamoDB reports first.
 *
 * <p>Where the seams are: PutItem and BatchWriteItem know the whole new item at the front door,
 * so {@link #validatePut} runs there and an invalid write never reaches the log. UpdateItem's
 * new item exists only in the processor, after the update expression is applied to the current
 * item, so {@link #validateUpdate} runs there, as part of deciding the command (a deterministic
 * rejection, like a failed condition).
 *
 * <p>The type-mismatch message is DynamoDB's ("... Type mismatch for Index Key gk Expected: S
 * Actual: N IndexName: byG", as quoted from the service in many reports); DynamoDB Local says
 * only "One or more parameter values were invalid: Type mismatch for Index Key" for scalars,
 * "Invalid attribute value type" for other types, and lets UpdateItem through.
 */
public final class IndexKeyValidator {
    private static final int MAX_PARTITION_KEY_BYTES = 2048;
    private static final int MAX_SORT_KEY_BYTES = 1024;

    private IndexKeyValidator() {
    }

    /** A whole new item (PutItem, BatchWriteItem PutRequest). */
    public static void validatePut(SecondaryIndexes indexes, Map<String, AttributeValue> item) {
        validate(indexes, item, null);
    }

    /**
     * The item an UpdateItem produced; only the attributes the update wrote are judged, since an
     * attribute the update left alone was accepted (or predates the index) and DynamoDB does not
     * reject an update for it.
     *
     * @param updatedAttributes the top-level names the update set, added to or changed
     */
    public static void validateUpdate(SecondaryIndexes indexes, Map<String, AttributeValue> newItem,
            Set<String> updatedAttributes) {
        validate(indexes, newItem, updatedAttributes);
    }

    private static void validate(SecondaryIndexes indexes, Map<String, AttributeValue> item, Set<String> onlyThese) {
        for (SecondaryIndex index : indexes.all()) {
            check(index, index.keySchema().partitionKey(), true, item, onlyThese);
            if (index.keySchema().sortKey().isPresent()) {
                check(index, index.keySchema().sortKey().get(), false, item, onlyThese);
            }
        }
    }

    private static void check(SecondaryIndex index, KeyAttribute attribute, boolean partitionKey,
            Map<String, AttributeValue> item, Set<String> onlyThese) {
        AttributeValue value = item.get(attribute.name());
        if (value == null || (onlyThese != null && !onlyThese.contains(attribute.name()))) {
            return;
        }
        if (value.type() != attribute.type()) {
            throw Errors.validation("One or more parameter values were invalid: Type mismatch for Index Key "
                    + attribute.name() + " Expected: " + attribute.type() + " Actual: " + value.type()
                    + " IndexName: " + index.name());
        }
        if (IndexKeys.isEmpty(value)) {
            String kind = value.type() == AttributeType.S ? "string" : "binary";
            throw Errors.validation(onlyThese == null
                    ? "One or more parameter values are not valid. A value specified for a secondary index key is not "
                            + "supported. The AttributeValue for a key attribute cannot contain an empty " + kind
                            + " value. IndexName: " + index.name() + ", IndexKey: " + attribute.name()
                    : "One or more parameter values are not valid. The update expression attempted to update a secondary "
                            + "index key to a value that is not supported. The AttributeValue for a key attribute cannot "
                            + "contain an empty " + kind + " value.");
        }
        long size = value instanceof AttributeValue.S s ? ItemSize.utf8Length(s.value())
                : value instanceof AttributeValue.B b ? b.value().length() : ItemSize.ofValue(value);
        if (size > (partitionKey ? MAX_PARTITION_KEY_BYTES : MAX_SORT_KEY_BYTES)) {
            throw Errors.validation("One or more parameter values were invalid: Size limit exceeded");
        }
    }
}
