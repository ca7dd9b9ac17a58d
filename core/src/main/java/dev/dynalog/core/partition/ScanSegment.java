package dev.dynalog.core.partition;

/**
 * One segment of a parallel Scan ({@code Segment} of {@code TotalSegments}). Segments must split
 * a table exactly: every item in one segment, whatever the number of partitions.
 *
 * <p>Items are ordered by (partition, hash / partitions), where hash is the partitioner's hash
 * with its sign bit cleared; that order is cut into {@code TotalSegments} equal ranges. A segment
 * therefore covers a run of whole or partial partitions: with as many segments as partitions each
 * segment is exactly one partition, and with more segments each reads a slice of one partition.
 */
public record ScanSegment(int segment, int totalSegments) {
    private static final long HASHES = 1L << 31;

    public ScanSegment {
        if (totalSegments < 1 || segment < 0 || segment >= totalSegments) {
            throw new IllegalArgumentException("segment " + segment + " of " + totalSegments);
        }
    }

    /** The whole table as one segment, for a Scan without Segment/TotalSegments. */
    public static ScanSegment whole() {
        return new ScanSegment(0, 1);
    }

    public boolean isWhole() {
        return totalSegments == 1;
    }

    /** The first partition this segment reads. */
    public int firstPartition(int partitions) {
        return (int) (startPosition(partitions) / slice(partitions));
    }

    /** The last partition this segment reads (inclusive). */
    public int lastPartition(int partitions) {
        return (int) ((endPosition(partitions) - 1) / slice(partitions));
    }

    /** True if an item with this encoded partition key belongs to this segment. */
    public boolean contains(byte[] encodedPartitionKey, int partitions) {
        if (isWhole()) {
            return true;
        }
        long hash = Partitioner.murmur3(encodedPartitionKey) & 0x7fffffffL;
        long position = (hash % partitions) * slice(partitions) + hash / partitions;
        return position >= startPosition(partitions) && position < endPosition(partitions);
    }

    /** The number of positions per partition: every hash / partitions value. */
    private static long slice(int partitions) {
        return (HASHES + partitions - 1) / partitions;
    }

    private long startPosition(int partitions) {
        return ceilDiv((long) segment * partitions * slice(partitions), totalSegments);
    }

    private long endPosition(int partitions) {
        return ceilDiv((long) (segment + 1) * partitions * slice(partitions), totalSegments);
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
