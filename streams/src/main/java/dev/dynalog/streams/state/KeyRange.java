package dev.dynalog.streams.state;

import java.util.Arrays;

/**
 * A range of store keys in unsigned byte order, each bound inclusive or exclusive; a null bound
 * is open. Kafka Streams' {@code range(from, to)} is inclusive at both ends, so iterators filter
 * the exclusive bounds with {@link #contains}.
 */
public record KeyRange(byte[] from, boolean fromInclusive, byte[] to, boolean toInclusive) {

    /** All keys that start with the prefix. */
    public static KeyRange withPrefix(byte[] prefix) {
        return new KeyRange(prefix, true, prefixEnd(prefix), false);
    }

    /**
     * The smallest key greater than every key that starts with the prefix, or null if there is
     * none (the prefix is all 0xFF).
     */
    public static byte[] prefixEnd(byte[] prefix) {
        byte[] end = prefix.clone();
        for (int i = end.length - 1; i >= 0; i--) {
            if (end[i] != (byte) 0xFF) {
                end[i]++;
                return Arrays.copyOf(end, i + 1);
            }
        }
        return null;
    }

    public boolean contains(byte[] key) {
        if (from != null) {
            int c = Arrays.compareUnsigned(key, from);
            if (c < 0 || (c == 0 && !fromInclusive)) {
                return false;
            }
        }
        if (to != null) {
            int c = Arrays.compareUnsigned(key, to);
            return c < 0 || (c == 0 && toInclusive);
        }
        return true;
    }

    public boolean isEmpty() {
        if (from == null || to == null) {
            return false;
        }
        int c = Arrays.compareUnsigned(from, to);
        return c > 0 || (c == 0 && !(fromInclusive && toInclusive));
    }

    public KeyRange withFrom(byte[] newFrom, boolean inclusive) {
        return new KeyRange(newFrom, inclusive, to, toInclusive);
    }

    public KeyRange withTo(byte[] newTo, boolean inclusive) {
        return new KeyRange(from, fromInclusive, newTo, inclusive);
    }
}
