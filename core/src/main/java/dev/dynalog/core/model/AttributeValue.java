package dev.dynalog.core.model;

import java.util.List;
import java.util.Map;

/**
 * A DynamoDB attribute value: one of the ten types.
 *
 * <p>Instances are immutable and valid: numbers hold DynamoDB's canonical text (see
 * {@code dev.dynalog.core.number.Numbers}), sets are non-empty and free of duplicates, in the
 * order they were given. Construction from untrusted input goes through the JSON codec, which
 * validates; the records themselves do not re-check.
 */
public sealed interface AttributeValue {

    AttributeType type();

    record S(String value) implements AttributeValue {
        public AttributeType type() {
            return AttributeType.S;
        }
    }

    /** A number in canonical form: no exponent, no leading or trailing zeros, "0" for zero. */
    record N(String value) implements AttributeValue {
        public AttributeType type() {
            return AttributeType.N;
        }
    }

    record B(Binary value) implements AttributeValue {
        public AttributeType type() {
            return AttributeType.B;
        }
    }

    record Bool(boolean value) implements AttributeValue {
        public static final Bool TRUE = new Bool(true);
        public static final Bool FALSE = new Bool(false);

        public static Bool of(boolean b) {
            return b ? TRUE : FALSE;
        }

        public AttributeType type() {
            return AttributeType.BOOL;
        }
    }

    record Null() implements AttributeValue {
        public static final Null INSTANCE = new Null();

        public AttributeType type() {
            return AttributeType.NULL;
        }
    }

    record M(Map<String, AttributeValue> value) implements AttributeValue {
        public AttributeType type() {
            return AttributeType.M;
        }
    }

    record L(List<AttributeValue> value) implements AttributeValue {
        public AttributeType type() {
            return AttributeType.L;
        }
    }

    record SS(List<String> value) implements AttributeValue {
        public AttributeType type() {
            return AttributeType.SS;
        }
    }

    /** Members are canonical number texts. */
    record NS(List<String> value) implements AttributeValue {
        public AttributeType type() {
            return AttributeType.NS;
        }
    }

    record BS(List<Binary> value) implements AttributeValue {
        public AttributeType type() {
            return AttributeType.BS;
        }
    }
}
