package dev.dynalog.core.index;

import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.size.ItemSize;
import java.util.Map;

/**
 * The size DynamoDB counts for an index entry (IndexSizeBytes, item collection sizes): the
 * projected attributes, which include the table and index keys, plus 100 bytes of overhead per
 * entry, as DynamoDB's documentation on index storage states.
 */
public final class IndexEntrySize {
    public static final long OVERHEAD_BYTES = 100;

    private IndexEntrySize() {
    }

    public static long of(Map<String, AttributeValue> projected) {
        return ItemSize.of(projected) + OVERHEAD_BYTES;
    }
}
