package dev.dynalog.core.expression;

import java.util.List;

/**
 * The syntax tree of a condition (ConditionExpression, FilterExpression, KeyConditionExpression),
 * with names and values already resolved.
 */
public sealed interface Condition {

    /** {@code left op right} with op one of = <> < <= > >=. */
    record Comparison(String operator, Operand left, Operand right) implements Condition {
    }

    record Between(Operand value, Operand lower, Operand upper) implements Condition {
    }

    record In(Operand value, List<Operand> candidates) implements Condition {
    }

    record And(Condition left, Condition right) implements Condition {
    }

    record Or(Condition left, Condition right) implements Condition {
    }

    record Not(Condition condition) implements Condition {
    }

    /** A function used as a condition: attribute_exists, begins_with, contains, ... */
    record FunctionCall(String name, List<Operand> arguments) implements Condition {
    }
}
