package dev.dynalog.core.index;

import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.model.KeySchema;
import java.util.Map;
import java.util.Optional;

/**
 * The index delta of one base write: the function the partition's processor calls for each index
 * of the table after it has decided a write (old item → new item). For an LSI the appliers apply
 * the delta in the same task and transaction as the item; for a GSI the processor emits it to the
 * index's log and the materializer applies it.
 *
 * <p>No entry changes when the write leaves both the index key and the projected attributes as
 * they were (a write to a non-projected attribute, or a put of an identical item): DynamoDB
 * writes nothing to such an index and charges it no write capacity, and no record goes to a
 * GSI's log.
 */
public final class IndexDeltas {
    private IndexDeltas() {
    }

    /**
     * @param oldItem the item before the write, or null when there was none
     * @param newItem the item after the write, or null when the write deleted it
     */
    public static IndexDelta of(SecondaryIndex index, KeySchema tableKey, Map<String, AttributeValue> oldItem,
            Map<String, AttributeValue> newItem) {
        Optional<IndexEntry> before = oldItem == null ? Optional.empty() : IndexProjector.entry(index, tableKey, oldItem);
        Optional<IndexEntry> after = newItem == null ? Optional.empty() : IndexProjector.entry(index, tableKey, newItem);
        if (before.isPresent() && after.isPresent() && before.get().sameKey(after.get())) {
            return before.get().value().equals(after.get().value()) ? IndexDelta.NONE
                    : new IndexDelta(Optional.empty(), after, before);
        }
        return new IndexDelta(before, after, Optional.empty());
    }
}
