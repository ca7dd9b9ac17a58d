package dev.dynalog.core.index;

import dev.dynalog.core.model.AttributeValue;
import java.util.Arrays;
import java.util.Map;

/**
 * One entry of an index: where it sorts and what it holds.
 *
 * @param key          the entry key ({@link IndexEntryCodec}); the store prefixes it with the
 *                     index's id, as the item store prefixes item keys with the table id
 * @param partitionKey the entry's index partition key value: a GSI delta goes to the partition of
 *                     the index's log that dynalog's partitioner picks for this value
 * @param value        the projected attributes ({@link IndexProjector}); the store encodes them
 *                     with ItemCodec, like an item
 */
public record IndexEntry(byte[] key, AttributeValue partitionKey, Map<String, AttributeValue> value) {

    public IndexEntry {
        value = Map.copyOf(value);
    }

    public boolean sameKey(IndexEntry other) {
        return Arrays.equals(key, other.key);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IndexEntry e && Arrays.equals(key, e.key) && partitionKey.equals(e.partitionKey)
                && value.equals(e.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key) * 31 + value.hashCode();
    }

    @Override
    public String toString() {
        return "IndexEntry[key=" + Arrays.toString(key) + ", value=" + value + "]";
    }
}
