package dev.dynalog.core.index;

/**
 * Where an index lives. The kind decides how it is maintained, not what it holds: a LOCAL index
 * shares the table's partition key, so the base partition's task keeps it in the same transaction
 * as the item (strongly consistent); a GLOBAL index is partitioned by its own key, so the base
 * processor sends it deltas through the index's log and a materializer applies them (eventually
 * consistent).
 */
public enum IndexKind {
    LOCAL, GLOBAL
}
