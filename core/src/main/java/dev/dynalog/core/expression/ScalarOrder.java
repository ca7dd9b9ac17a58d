package dev.dynalog.core.expression;

import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.number.Numbers;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

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
            // UTF-16 order differs from UTF-8 byte order for supplementary characters
            return Arrays.compareUnsigned(x.value().getBytes(StandardCharsets.UTF_8), y.value().getBytes(StandardCharsets.UTF_8));
        }
        if (a instanceof AttributeValue.N x && b instanceof AttributeValue.N y) {
            return compareNumbers(x.value(), y.value());
        }
        if (a instanceof AttributeValue.B x && b instanceof AttributeValue.B y) {
            return x.value().compareTo(y.value());
        }
        throw new IllegalArgumentException("not two scalars of one type: " + a.type() + ", " + b.type());
    }

    private static int compareNumbers(String a, String b) {
        return Numbers.compare(a, b);
    }
}
