package dev.dynalog.streams.state;

import java.nio.ByteBuffer;

/**
 * A table's (or a local index's) item count, total size and checksum in one partition, kept by
 * the event appliers so DescribeTable can report ItemCount and TableSizeBytes, and so the
 * partition can record digests of its state (see ItemDigest for the checksum). Stored as three
 * big-endian longs.
 *
 * @param checksummed false for statistics written before dynalog kept checksums (16 bytes): their
 *                    checksum is unknown, and stays so as writes adjust it
 */
public record TableStats(long itemCount, long sizeBytes, long checksum, boolean checksummed) {
    public static final TableStats EMPTY = new TableStats(0, 0, 0, true);
    private static final int LEGACY_LENGTH = 16;

    public TableStats(long itemCount, long sizeBytes) {
        this(itemCount, sizeBytes, 0, false);
    }

    public TableStats plus(long items, long bytes, long checksumChange) {
        return new TableStats(itemCount + items, sizeBytes + bytes, checksum + checksumChange, checksummed);
    }

    public TableStats plus(TableStats other) {
        return new TableStats(itemCount + other.itemCount, sizeBytes + other.sizeBytes, checksum + other.checksum,
                checksummed && other.checksummed);
    }

    public byte[] encode() {
        if (!checksummed) {
            return ByteBuffer.allocate(LEGACY_LENGTH).putLong(itemCount).putLong(sizeBytes).array();
        }
        return ByteBuffer.allocate(24).putLong(itemCount).putLong(sizeBytes).putLong(checksum).array();
    }

    public static TableStats decode(byte[] bytes) {
        if (bytes == null) {
            return EMPTY;
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        if (bytes.length == LEGACY_LENGTH) {
            return new TableStats(b.getLong(), b.getLong());
        }
        return new TableStats(b.getLong(), b.getLong(), b.getLong(), true);
    }
}
