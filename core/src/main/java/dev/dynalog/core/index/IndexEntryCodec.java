package dev.dynalog.core.index;

import dev.dynalog.core.encoding.KeyCodec;
import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.model.KeyAttribute;
import dev.dynalog.core.model.KeySchema;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Key layout of an index entry, inside the index's own key range:
 *
 * <pre>
 *   [index partition key][index sort key, if the index has one][table partition key][table sort key, if any]
 * </pre>
 *
 * <p>Each part is core's KeyCodec encoding, self-delimiting and order-preserving, so the unsigned
 * byte order of entry keys is: index partition key, then index sort key, then the base item's
 * primary key. Consequences the read path relies on:
 * <ul>
 *   <li>one index partition is one contiguous range, in index sort key order, so an index Query
 *       is a range scan under the prefix {@link #partitionPrefix}, exactly like a table Query;</li>
 *   <li>many items may share an index key (index keys are not unique); the base key at the end
 *       keeps every entry key unique and orders such items by their table key, and it is also
 *       what an index LastEvaluatedKey needs to resume after the right one of them.</li>
 * </ul>
 *
 * <p>The base key is written in full even where the index key repeats one of its attributes (an
 * LSI always repeats the table's partition key): a few bytes per entry buy one layout for every
 * index, decodable without knowing which attributes overlap.
 *
 * <p>The streams module owns the store prefix, as ItemStoreKeys does for items; a natural one is
 * {@code [table id][0x02][index id]} in the task's store for an LSI (the LSI then lives beside its
 * items, in the same transaction) and {@code [index id]} in the GSI materializer's store.
 */
public final class IndexEntryCodec {
    private IndexEntryCodec() {
    }

    /** The entry key of an indexed item; the caller has checked with {@link IndexKeys} that it is indexed. */
    public static byte[] encodeKey(SecondaryIndex index, KeySchema tableKey, Map<String, AttributeValue> item) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        out.writeBytes(KeyCodec.encodePrimaryKey(index.keySchema(), item));
        out.writeBytes(KeyCodec.encodePrimaryKey(tableKey, item));
        return out.toByteArray();
    }

    /** Every entry key of one index partition starts with these bytes. */
    public static byte[] partitionPrefix(AttributeValue indexPartitionKey) {
        return KeyCodec.encodeValue(indexPartitionKey);
    }

    /** The two keys an entry key holds. */
    public record DecodedKey(Map<String, AttributeValue> indexKey, Map<String, AttributeValue> tableKey) {

        /** Index key and table key in one map: the attributes of an index LastEvaluatedKey. */
        public Map<String, AttributeValue> allKeyAttributes() {
            Map<String, AttributeValue> all = new LinkedHashMap<>(indexKey);
            all.putAll(tableKey);
            return all;
        }
    }

    public static DecodedKey decodeKey(SecondaryIndex index, KeySchema tableKey, byte[] entryKey) {
        KeyCodec.Cursor cursor = new KeyCodec.Cursor(entryKey, 0);
        Map<String, AttributeValue> indexValues = read(index.keySchema(), cursor);
        Map<String, AttributeValue> tableValues = read(tableKey, cursor);
        if (cursor.position() != entryKey.length) {
            throw new IllegalArgumentException("trailing bytes after an index entry key");
        }
        return new DecodedKey(indexValues, tableValues);
    }

    private static Map<String, AttributeValue> read(KeySchema schema, KeyCodec.Cursor cursor) {
        Map<String, AttributeValue> key = new LinkedHashMap<>(4);
        KeyAttribute pk = schema.partitionKey();
        key.put(pk.name(), KeyCodec.decodeValue(pk.type(), cursor));
        if (schema.sortKey().isPresent()) {
            KeyAttribute sk = schema.sortKey().get();
            key.put(sk.name(), KeyCodec.decodeValue(sk.type(), cursor));
        }
        return key;
    }
}
