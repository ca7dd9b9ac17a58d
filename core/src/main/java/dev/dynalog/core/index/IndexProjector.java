package dev.dynalog.core.index;

import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.model.KeySchema;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What an index entry holds, and what it lacks.
 *
 * <p>KEYS_ONLY: the table's key attributes and the index's key attributes. INCLUDE: those plus
 * the named non-key attributes the item has. ALL: the whole item. (DynamoDB's projections.)
 *
 * <p>Reading an index: DynamoDB answers a query on an LSI that asks for attributes outside its
 * projection (Select ALL_ATTRIBUTES, or a ProjectionExpression, AttributesToGet or filter naming
 * such attributes) by fetching each matching item from the base table, at extra read cost. The
 * LSI lives in the same task as its items, so the read path can do the same: when
 * {@link #projectsAll} is false for the requested top-level names, read the base item by the
 * table key decoded from the entry key. A GSI cannot fetch (its entries live elsewhere, and
 * DynamoDB refuses such requests on a GSI), so the read path rejects them before reading.
 */
public final class IndexProjector {
    private IndexProjector() {
    }

    /** The entry of an item for this index, or empty when the item is not indexed (sparse index). */
    public static Optional<IndexEntry> entry(SecondaryIndex index, KeySchema tableKey, Map<String, AttributeValue> item) {
        return IndexKeys.of(index.keySchema(), item).map(indexKey -> new IndexEntry(
                IndexEntryCodec.encodeKey(index, tableKey, item),
                indexKey.get(index.keySchema().partitionKey().name()),
                project(index, tableKey, item)));
    }

    /** The projected attributes of an item that is in the index. */
    public static Map<String, AttributeValue> project(SecondaryIndex index, KeySchema tableKey,
            Map<String, AttributeValue> item) {
        if (index.projection().type() == ProjectionType.ALL) {
            return item;
        }
        Map<String, AttributeValue> projected = new LinkedHashMap<>();
        copy(item, projected, tableKey);
        copy(item, projected, index.keySchema());
        for (String name : index.projection().nonKeyAttributes()) {
            AttributeValue value = item.get(name);
            if (value != null) {
                projected.put(name, value);
            }
        }
        return projected;
    }

    /** True when every named top-level attribute is in the index's entries. */
    public static boolean projectsAll(SecondaryIndex index, KeySchema tableKey, Collection<String> attributeNames) {
        return attributeNames.stream().allMatch(name -> projects(index, tableKey, name));
    }

    /** True when an index entry carries the named top-level attribute (whenever the item has it). */
    public static boolean projects(SecondaryIndex index, KeySchema tableKey, String attributeName) {
        return index.projection().type() == ProjectionType.ALL
                || tableKey.isKeyAttribute(attributeName)
                || index.keySchema().isKeyAttribute(attributeName)
                || index.projection().nonKeyAttributes().contains(attributeName);
    }

    private static void copy(Map<String, AttributeValue> item, Map<String, AttributeValue> into, KeySchema key) {
        into.put(key.partitionKey().name(), item.get(key.partitionKey().name()));
        key.sortKey().ifPresent(sk -> into.put(sk.name(), item.get(sk.name())));
    }
}
