package dev.dynalog.core.index;

import java.util.Optional;

/**
 * The change one base write makes to one index: remove the old entry, put the new one, both, or
 * neither.
 *
 * <p>Applying a delta: delete {@code removed.key()} if present, then write {@code put} if
 * present (a put whose key equals the removed one never comes with a removal: it overwrites).
 * For a GSI the two halves may belong to different partitions of the index's log (the index
 * partition key changed), so the processor sends each half keyed by its own
 * {@link IndexEntry#partitionKey()}; each half alone is idempotent, so replays are harmless.
 *
 * @param removed  the old entry to delete; its value is the old projection, for size statistics
 * @param put      the new entry to write
 * @param replaced the old entry that {@code put} overwrites (same key, other projection), for size
 *                 statistics; empty when the put adds an entry
 */
public record IndexDelta(Optional<IndexEntry> removed, Optional<IndexEntry> put, Optional<IndexEntry> replaced) {
    public static final IndexDelta NONE = new IndexDelta(Optional.empty(), Optional.empty(), Optional.empty());

    public boolean isEmpty() {
        return removed.isEmpty() && put.isEmpty();
    }
}
