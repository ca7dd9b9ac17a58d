package dev.dynalog.core.partition;

/**
 * dynalog's partitioner, used by every producer of a table's log: the 32-bit MurmurHash3
 * (x86 variant, seed 0) of the partition key's KeyCodec encoding, with its sign bit cleared,
 * modulo the number of partitions. It is part of the stored format: changing it would send a
 * key's writes to a partition that does not hold its item.
 */
public final class Partitioner {
    private static final int C1 = 0xcc9e2d51;
    private static final int C2 = 0x1b873593;

    private Partitioner() {
    }

    public static int partition(byte[] encodedPartitionKey, int partitions) {
        return (murmur3(encodedPartitionKey) & 0x7fffffff) % partitions;
    }

    /** MurmurHash3_x86_32 with seed 0. */
    public static int murmur3(byte[] data) {
        int h = 0;
        int blocks = data.length / 4;
        for (int i = 0; i < blocks; i++) {
            int k = (data[4 * i] & 0xff) | (data[4 * i + 1] & 0xff) << 8 | (data[4 * i + 2] & 0xff) << 16
                    | (data[4 * i + 3] & 0xff) << 24;
            k *= C1;
            k = Integer.rotateLeft(k, 15);
            k *= C2;
            h ^= k;
            h = Integer.rotateLeft(h, 13);
            h = h * 5 + 0xe6546b64;
        }
        int tail = blocks * 4;
        int k = 0;
        switch (data.length & 3) {
            case 3:
                k ^= (data[tail + 2] & 0xff) << 16;
                // fall through
            case 2:
                k ^= (data[tail + 1] & 0xff) << 8;
                // fall through
            case 1:
                k ^= data[tail] & 0xff;
                k *= C1;
                k = Integer.rotateLeft(k, 15);
                k *= C2;
                h ^= k;
                break;
            default:
                break;
        }
        h ^= data.length;
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
