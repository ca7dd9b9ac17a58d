package dev.dynalog.core.partiql;

import java.util.List;

/** A WHERE clause, or a part of one. */
public sealed interface Condition permits Condition.Comparison, Condition.And, Condition.Or, Condition.Not,
        Condition.Between, Condition.In, Condition.Is, Condition.CallCondition {

    /** {@code =}, {@code <>} (also written {@code !=}), {@code <}, {@code <=}, {@code >}, {@code >=}. */
    record Comparison(String operator, Operand left, Operand right) implements Condition {
    }

    record And(Condition left, Condition right) implements Condition {
    }

    record Or(Condition left, Condition right) implements Condition {
    }

    record Not(Condition condition) implements Condition {
    }

    record Between(Operand operand, Operand low, Operand high, boolean negated) implements Condition {
    }

    record In(Operand operand, List<Operand> candidates, boolean negated) implements Condition {
        public In {
            candidates = List.copyOf(candidates);
        }
    }

    /** {@code IS [NOT] MISSING} or {@code IS [NOT] NULL}. */
    record Is(Operand operand, boolean missing, boolean negated) implements Condition {
    }

    /** A function that is a condition by itself: {@code begins_with(a, 'x')}. */
    record CallCondition(Operand.Call call) implements Condition {
    }
}
