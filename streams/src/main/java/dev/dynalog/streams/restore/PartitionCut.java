package dev.dynalog.streams.restore;

/**
 * The commands of one partition of the command log that a replay applies: offsets
 * {@code [startOffset, endOffset)}.
 */
public record PartitionCut(int partition, long startOffset, long endOffset) {
    public long commands() {
        return Math.max(0, endOffset - startOffset);
    }
}
