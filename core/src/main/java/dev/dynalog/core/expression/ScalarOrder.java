package dev.dynalog.core.expression;

import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.number.Numbers;

/**
 * DynamoDB's order of scalar values of one type: strings by their UTF-8 bytes (unsigned), numbers
 * numerically, binary by unsigned bytes. This is also the sort-key order of a Query.
 */
public final class ScalarOrder {
    private ScalarOrder() {
    }

    /** Compares two values of the same scalar type (S, N or B). */
    public static int compare(AttributeValue a, AttributeValue b) {
        if (a instanceof AttributeValue.S x && b instanceof AttributeValue.S y) {
            return compareUtf8(x.value(), y.value());
        }
        if (a instanceof AttributeValue.N x && b instanceof AttributeValue.N y) {
            return compareNumbers(x.value(), y.value());
        }
        if (a instanceof AttributeValue.B x && b instanceof AttributeValue.B y) {
            return x.value().compareTo(y.value());
        }
        throw new IllegalArgumentException("not two scalars of one type: " + a.type() + ", " + b.type());
    }

    /**
     * Orders strings as their UTF-8 bytes would, without encoding them (conditions compare on
     * every write). UTF-8 byte order is code point order; UTF-16 order differs from it only where
     * a surrogate (a supplementary character, U+10000 and above) meets a unit in U+E000..U+FFFF.
     * Moving surrogates above every other unit at the first difference restores code point order.
     */
    static int compareUtf8(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                return Integer.compare(codePointRank(x), codePointRank(y));
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    private static int codePointRank(char c) {
        return Character.isSurrogate(c) ? c + 0x10000 : c;
    }

    private static int compareNumbers(String a, String b) {
        return Numbers.compare(a, b);
    }
}
