package dev.dynalog.core.expression.legacy;

import dev.dynalog.core.error.Errors;
import dev.dynalog.core.expression.ast.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The legacy ConditionalOperator: how the entries of Expected, QueryFilter or ScanFilter are
 * joined. AND when absent.
 */
public enum ConditionalOperator {
    AND, OR;

    static final String MEMBER = "conditionalOperator";
    /** The order DynamoDB lists the values in (its own set order, not the model's). */
    static final String ENUM_VALUE_SET = "[OR, AND]";

    /** The constraint violation of an unknown value, if it is one; null means absent. */
    public static Optional<String> constraintViolation(String text) {
        if (text == null || text.equals("AND") || text.equals("OR")) {
            return Optional.empty();
        }
        return Optional.of(ConstraintViolations.notInEnum(MEMBER, text, ENUM_VALUE_SET));
    }

    /** Decodes a valid value (see {@link #constraintViolation}); null means absent, i.e. AND. */
    static ConditionalOperator decode(String text) {
        return text == null ? AND : valueOf(text);
    }

    /**
     * DynamoDB's rules for ConditionalOperator against the map it joins, checked after the map's
     * entries: it needs a map (Expected or a filter) with at least two entries.
     */
    static void requireJoinable(String text, int entries) {
        if (text == null) {
            return;
        }
        if (entries == 0) {
            throw Errors.validation("ConditionalOperator cannot be used without Filter or Expected");
        }
        if (entries == 1) {
            throw Errors.validation("ConditionalOperator can only be used when Filter or Expected has two or more elements");
        }
    }

    /** Joins conditions left to right, as DynamoDB evaluates the map in request order. */
    Condition join(List<Condition> conditions) {
        Condition joined = conditions.get(0);
        for (Condition next : conditions.subList(1, conditions.size())) {
            joined = this == AND ? new Condition.And(joined, next) : new Condition.Or(joined, next);
        }
        return joined;
    }

    static List<String> violations(String conditionalOperator) {
        List<String> out = new ArrayList<>();
        constraintViolation(conditionalOperator).ifPresent(out::add);
        return out;
    }
}
