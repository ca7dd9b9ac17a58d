package dev.dynalog.streams.index;

/**
 * Where the index materializer reports, for each global index update it applies, the time from
 * its base write's log timestamp to now: how far the index trails the table.
 */
@FunctionalInterface
public interface IndexLagRecorder {
    IndexLagRecorder NONE = (table, index, lagMillis) -> { };

    void record(String tableName, String indexName, long lagMillis);

    /** The index was deleted: its figures can go. */
    default void forget(String tableName, String indexName) {
    }
}
