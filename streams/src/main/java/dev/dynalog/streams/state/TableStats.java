package dev.dynalog.streams.state;

import java.nio.ByteBuffer;

/**
 * A table's item count and total item size in one partition, kept by the event appliers so
 * DescribeTable can report ItemCount and TableSizeBytes. Stored as two big-endian longs.
 */
public record TableStats(long itemCount, long sizeBytes) {
    public static final TableStats EMPTY = new TableStats(0, 0);

    public TableStats plus(long items, long bytes) {
        return new TableStats(itemCount + items, sizeBytes + bytes);
    }

    public TableStats plus(TableStats other) {
        return plus(other.itemCount, other.sizeBytes);
    }

    public byte[] encode() {
        return ByteBuffer.allocate(16).putLong(itemCount).putLong(sizeBytes).array();
    }

    public static TableStats decode(byte[] bytes) {
        if (bytes == null) {
            return EMPTY;
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        return new TableStats(b.getLong(), b.getLong());
    }
}
