package dev.dynalog.core.expression;

import dev.dynalog.core.model.AttributeValue;
import java.util.Objects;

/**
 * The condition of a Query on the sort key: {@code sk <op> value}, {@code sk BETWEEN value AND
 * upper}, or {@code begins_with(sk, value)}. Values have the sort key's type; for BETWEEN,
 * {@code value <= upper} in DynamoDB's order.
 */
public record SortKeyCondition(Operator op, AttributeValue value, AttributeValue upper) {

    public enum Operator { EQ, LT, LE, GT, GE, BETWEEN, BEGINS_WITH }

    public SortKeyCondition {
        Objects.requireNonNull(op);
        Objects.requireNonNull(value);
        if ((op == Operator.BETWEEN) != (upper != null)) {
            throw new IllegalArgumentException("an upper bound goes with BETWEEN and only with BETWEEN");
        }
    }

    public static SortKeyCondition of(Operator op, AttributeValue value) {
        return new SortKeyCondition(op, value, null);
    }

    public static SortKeyCondition between(AttributeValue lower, AttributeValue upper) {
        return new SortKeyCondition(Operator.BETWEEN, lower, upper);
    }
}
