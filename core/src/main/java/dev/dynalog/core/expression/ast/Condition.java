package dev.dynalog.core.expression.ast;

import java.util.List;

/**
 * A condition, filter or key-condition expression: a boolean tree whose leaves compare
 * operands or call condition functions. Parentheses leave no trace; AND and OR are binary
 * and left-associative as written.
 */
public sealed interface Condition {

    record Comparison(Operand left, Comparator comparator, Operand right) implements Condition {
    }

    record Between(Operand subject, Operand lower, Operand upper) implements Condition {
    }

    record In(Operand subject, List<Operand> candidates) implements Condition {
        public In {
            candidates = List.copyOf(candidates);
        }
    }

    record And(Condition left, Condition right) implements Condition {
    }

    record Or(Condition left, Condition right) implements Condition {
    }

    record Not(Condition condition) implements Condition {
    }

    /**
     * A function in condition position. After validation it is one of the boolean functions
     * ({@link Function.Kind#CONDITION}).
     */
    record FunctionCondition(Operand.FunctionCall call) implements Condition {
    }
}
