package dev.dynalog.core.expression;

import dev.dynalog.core.model.AttributeValue;

/** The condition of a Query on the sort key; {@code upper} is set for BETWEEN only. */
public record SortKeyCondition(Operator op, AttributeValue value, AttributeValue upper) {

    public enum Operator {
        EQ, LT, LE, GT, GE, BETWEEN, BEGINS_WITH
    }
}
