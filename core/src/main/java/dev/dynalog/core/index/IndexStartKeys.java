package dev.dynalog.core.index;

import dev.dynalog.core.error.Errors;
import dev.dynalog.core.model.AttributeType;
import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.model.KeyAttribute;
import dev.dynalog.core.model.KeySchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pagination keys of a Query or Scan on an index.
 *
 * <p>An index's LastEvaluatedKey holds the index key attributes and the table key attributes of
 * the last item read (DynamoDB Local 2.6.1 returns exactly these, each attribute once when the
 * two keys share one): the index key alone would not say where to resume among items that share
 * it. The client sends it back as ExclusiveStartKey; {@link #startEntryKey} checks it with
 * DynamoDB Local's messages and turns it into the entry key to resume after.
 *
 * <p>What stays with the read path: whether the start key lies inside the Query's key condition
 * (DynamoDB Local: "The provided starting key does not match the range key predicate"), as for a
 * table Query.
 */
public final class IndexStartKeys {
    private static final String INVALID_START = "The provided starting key is invalid: ";
    /** DynamoDB Local puts this before the emptiness messages of a GSI's start key, for Query and Scan alike. */
    private static final String GSI_PREFIX = "The query can return at most one row and cannot be restarted. ";

    private IndexStartKeys() {
    }

    /** The LastEvaluatedKey after an entry: index key and table key attributes. */
    public static Map<String, AttributeValue> lastEvaluatedKey(SecondaryIndex index, KeySchema tableKey,
            Map<String, AttributeValue> entryValue) {
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        for (KeyAttribute attribute : keyAttributes(index, tableKey)) {
            key.put(attribute.name(), entryValue.get(attribute.name()));
        }
        return key;
    }

    /**
     * Validates an index ExclusiveStartKey and returns the entry key it names (the read resumes
     * after it). Checks, in DynamoDB Local's order: the number of attributes, their names, their
     * types, then empty values (table key attributes first).
     */
    public static byte[] startEntryKey(SecondaryIndex index, KeySchema tableKey, Map<String, AttributeValue> startKey) {
        List<KeyAttribute> expected = keyAttributes(index, tableKey);
        if (startKey.size() != expected.size()) {
            throw Errors.validation("Exclusive Start Key must have same size as table's key schema");
        }
        for (KeyAttribute attribute : expected) {
            if (!startKey.containsKey(attribute.name())) {
                throw Errors.validation("The provided starting key is invalid");
            }
        }
        for (KeyAttribute attribute : expected) {
            if (startKey.get(attribute.name()).type() != attribute.type()) {
                // DynamoDB Local's words, for a start key as for an update.
                throw Errors.validation("Type mismatch for attribute to update");
            }
        }
        String prefix = (index.isGlobal() ? GSI_PREFIX : "") + INVALID_START;
        for (KeyAttribute attribute : keyList(tableKey)) {
            if (IndexKeys.isEmpty(startKey.get(attribute.name()))) {
                throw Errors.validation(prefix + "One or more parameter values are not valid. The AttributeValue for a "
                        + "key attribute cannot contain an empty " + kind(attribute) + " value. Key: " + attribute.name());
            }
        }
        for (KeyAttribute attribute : keyList(index.keySchema())) {
            if (IndexKeys.isEmpty(startKey.get(attribute.name()))) {
                throw Errors.validation(prefix + "One or more parameter values are not valid. A value specified for a "
                        + "secondary index key is not supported. The AttributeValue for a key attribute cannot contain an "
                        + "empty " + kind(attribute) + " value. IndexName: " + index.name() + ", IndexKey: "
                        + attribute.name());
            }
        }
        return IndexEntryCodec.encodeKey(index, tableKey, startKey);
    }

    /** The distinct key attributes of index and table, index key first. */
    private static List<KeyAttribute> keyAttributes(SecondaryIndex index, KeySchema tableKey) {
        List<KeyAttribute> all = new ArrayList<>(keyList(index.keySchema()));
        for (KeyAttribute attribute : keyList(tableKey)) {
            if (all.stream().noneMatch(a -> a.name().equals(attribute.name()))) {
                all.add(attribute);
            }
        }
        return all;
    }

    private static List<KeyAttribute> keyList(KeySchema schema) {
        return schema.sortKey().map(sk -> List.of(schema.partitionKey(), sk)).orElse(List.of(schema.partitionKey()));
    }

    private static String kind(KeyAttribute attribute) {
        return attribute.type() == AttributeType.S ? "string" : "binary";
    }
}
