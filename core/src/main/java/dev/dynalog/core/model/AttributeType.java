package dev.dynalog.core.model;

/**
 * The ten DynamoDB attribute types, named by their wire descriptors.
 *
 * <p>The numeric {@link #code()} is part of dynalog's stored formats (item and key encodings) and
 * must never change for an existing type.
 */
public enum AttributeType {
    S(1), N(2), B(3), BOOL(4), NULL(5), M(6), L(7), SS(8), NS(9), BS(10);

    private final int code;

    AttributeType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static AttributeType ofCode(int code) {
        for (AttributeType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown attribute type code " + code);
    }

    /** The scalar types allowed for key attributes. */
    public boolean isKeyType() {
        return this == S || this == N || this == B;
    }
}
