package dev.dynalog.core.model;

import java.util.Arrays;
import java.util.Base64;

/** An immutable byte string with value equality, for B and BS attribute values. */
public final class Binary implements Comparable<Binary> {
    private final byte[] bytes;

    private Binary(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Wraps a copy of the given bytes. */
    public static Binary copyOf(byte[] bytes) {
        return new Binary(bytes.clone());
    }

    /** Wraps the given array without copying; the caller must not change it afterwards. */
    public static Binary wrap(byte[] bytes) {
        return new Binary(bytes);
    }

    public static Binary fromBase64(String base64) {
        return new Binary(Base64.getDecoder().decode(base64));
    }

    public int length() {
        return bytes.length;
    }

    public byte byteAt(int i) {
        return bytes[i];
    }

    /** A copy of the bytes. */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    /** The backing array; callers must not modify it. */
    public byte[] unsafeArray() {
        return bytes;
    }

    public String toBase64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** DynamoDB orders binary values as unsigned bytes. */
    @Override
    public int compareTo(Binary o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Binary b && Arrays.equals(bytes, b.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return toBase64();
    }
}
