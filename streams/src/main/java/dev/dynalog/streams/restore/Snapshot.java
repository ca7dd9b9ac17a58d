package dev.dynalog.streams.restore;

import java.util.Map;

/**
 * A complete snapshot in the snapshots topic: every partition's state at one cut of the command
 * log (taken at one moment, so one log time for every partition).
 *
 * @param partitions by partition of the command log
 */
public record Snapshot(String id, Map<Integer, Part> partitions) {

    /**
     * One partition's chunks: records {@code [firstRecord, lastRecord]} of the snapshots topic's
     * partition (other snapshots' chunks may lie between).
     */
    public record Part(int partition, long endOffset, long logTime, long firstRecord, long lastRecord, int chunks) {
    }

    /** The newest log time the snapshot holds. */
    public long logTime() {
        return partitions.values().stream().mapToLong(Part::logTime).max().orElse(-1);
    }

    public long endOffset(int partition) {
        return partitions.get(partition).endOffset();
    }
}
