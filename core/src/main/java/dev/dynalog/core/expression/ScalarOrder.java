package dev.dynalog.core.expression;

import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.number.Numbers;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** DynamoDB's order of scalar values of one type: S by UTF-8 bytes, N numerically, B unsigned. */
public final class ScalarOrder {
    private ScalarOrder() {
    }

    public static int compare(AttributeValue a, AttributeValue b) {
        if (a instanceof AttributeValue.N x && b instanceof AttributeValue.N y) {
            return Numbers.compare(x.value(), y.value());
        }
        if (a instanceof AttributeValue.S x && b instanceof AttributeValue.S y) {
            return Arrays.compareUnsigned(x.value().getBytes(StandardCharsets.UTF_8), y.value().getBytes(StandardCharsets.UTF_8));
        }
        if (a instanceof AttributeValue.B x && b instanceof AttributeValue.B y) {
            return x.value().compareTo(y.value());
        }
        throw new IllegalArgumentException("not comparable: " + a + ", " + b);
    }

    /** DynamoDB's rendering of a scalar in messages, e.g. {N:5}. */
    static String render(AttributeValue v) {
        if (v instanceof AttributeValue.N n) {
            return "{N:" + n.value() + "}";
        }
        if (v instanceof AttributeValue.S s) {
            return "{S:" + s.value() + "}";
        }
        if (v instanceof AttributeValue.B b) {
            return "{B:" + b.value() + "}";
        }
        return "{" + v.type() + ":" + v + "}";
    }
}
