package dev.dynalog.core.expression.legacy;

import dev.dynalog.core.error.Errors;
import dev.dynalog.core.expression.ScalarOrder;
import dev.dynalog.core.expression.ast.Comparator;
import dev.dynalog.core.expression.ast.Condition;
import dev.dynalog.core.expression.ast.DocumentPath;
import dev.dynalog.core.expression.ast.Function;
import dev.dynalog.core.expression.ast.Operand;
import dev.dynalog.core.model.AttributeType;
import dev.dynalog.core.model.AttributeValue;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The ComparisonOperator of legacy conditions (Expected, QueryFilter, ScanFilter, KeyConditions):
 * how many values each takes, of which types, and the condition-expression tree with the same
 * result.
 *
 * <p>Every operator but one means exactly what its expression counterpart means, including on a
 * missing attribute or an attribute of another type (checked against DynamoDB Local 2.6.1 item by
 * item, for every attribute type): {@code NE} holds for a missing attribute as {@code <>} does,
 * {@code CONTAINS} is {@code contains()} on strings, binaries, sets and lists alike, {@code NULL}
 * and {@code NOT_NULL} test existence only (an attribute of type NULL exists). The exception is
 * {@code NOT_CONTAINS}: it is false for a missing attribute, where {@code NOT contains(a, :v)}
 * is true, so it becomes {@code attribute_exists(a) AND NOT contains(a, :v)}.
 */
public enum ComparisonOperator {
    EQ(1, 1, Types.ALL),
    NE(1, 1, Types.ALL),
    LE(1, 1, Types.SCALAR),
    LT(1, 1, Types.SCALAR),
    GE(1, 1, Types.SCALAR),
    GT(1, 1, Types.SCALAR),
    NOT_NULL(0, 0, Types.NONE),
    NULL(0, 0, Types.NONE),
    CONTAINS(1, 1, Types.CONTAINABLE),
    NOT_CONTAINS(1, 1, Types.CONTAINABLE),
    BEGINS_WITH(1, 1, Types.PREFIX),
    IN(1, Integer.MAX_VALUE, Types.SCALAR),
    BETWEEN(2, 2, Types.SCALAR);

    /** The order DynamoDB lists the values in (its own set order, not the model's). */
    static final String ENUM_VALUE_SET =
            "[IN, NULL, BETWEEN, LT, NOT_CONTAINS, EQ, GT, NOT_NULL, NE, LE, BEGINS_WITH, GE, CONTAINS]";
    /** An expression's IN takes at most 100 candidates; a longer legacy IN becomes several, ORed. */
    static final int MAX_IN_CANDIDATES = 100;

    private static final class Types {
        static final Set<AttributeType> ALL = EnumSet.allOf(AttributeType.class);
        static final Set<AttributeType> SCALAR = EnumSet.of(AttributeType.S, AttributeType.N, AttributeType.B);
        /** A set, list or map cannot be looked for inside another value. */
        static final Set<AttributeType> CONTAINABLE = EnumSet.of(AttributeType.S, AttributeType.N, AttributeType.B,
                AttributeType.BOOL, AttributeType.NULL);
        static final Set<AttributeType> PREFIX = EnumSet.of(AttributeType.S, AttributeType.B);
        static final Set<AttributeType> NONE = EnumSet.noneOf(AttributeType.class);
    }

    private final int minValues;
    private final int maxValues;
    private final Set<AttributeType> valueTypes;

    ComparisonOperator(int minValues, int maxValues, Set<AttributeType> valueTypes) {
        this.minValues = minValues;
        this.maxValues = maxValues;
        this.valueTypes = valueTypes;
    }

    /** The operator named {@code text}, if it is one (names are case-sensitive). */
    public static Optional<ComparisonOperator> byName(String text) {
        for (ComparisonOperator op : values()) {
            if (op.name().equals(text)) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }

    /**
     * The constraint violation of the ComparisonOperator member at {@code memberPath}: unknown
     * values, and absent ones where the member is {@code required}.
     */
    static Optional<String> constraintViolation(String text, String memberPath, boolean required) {
        if (text == null) {
            return required ? Optional.of(ConstraintViolations.isNull(memberPath)) : Optional.empty();
        }
        if (byName(text).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(ConstraintViolations.notInEnum(memberPath, text, ENUM_VALUE_SET));
    }

    /** True if the operator takes values, so that a legacy entry without any is incomplete. */
    boolean takesValues() {
        return minValues > 0;
    }

    /**
     * DynamoDB's checks of an AttributeValueList, in its order: the count, then each value's type
     * in turn (allowed for the operator, then the same as the first's), then BETWEEN's bounds.
     */
    void validate(List<AttributeValue> values) {
        if (values.size() < minValues || values.size() > maxValues) {
            throw Errors.validation("One or more parameter values were invalid: Invalid number of argument(s) for the "
                    + name() + " ComparisonOperator");
        }
        AttributeType first = values.isEmpty() ? null : values.get(0).type();
        for (AttributeValue value : values) {
            if (!valueTypes.contains(value.type())) {
                throw Errors.validation("One or more parameter values were invalid: ComparisonOperator " + name()
                        + " is not valid for " + value.type().name() + " AttributeValue type");
            }
            if (value.type() != first) {
                throw Errors.validation("One or more parameter values were invalid: "
                        + "AttributeValues inside AttributeValueList must be of same type");
            }
        }
        if (this == BETWEEN && ScalarOrder.compare(values.get(0), values.get(1)) > 0) {
            throw Errors.validation("The BETWEEN condition was provided a range where the lower bound is greater than the upper bound");
        }
    }

    /** The condition on top-level attribute {@code attribute}; {@code values} are validated. */
    Condition condition(String attribute, List<AttributeValue> values) {
        DocumentPath path = DocumentPath.attribute(attribute);
        return switch (this) {
            case EQ -> compare(path, Comparator.EQ, values);
            case NE -> compare(path, Comparator.NE, values);
            case LE -> compare(path, Comparator.LE, values);
            case LT -> compare(path, Comparator.LT, values);
            case GE -> compare(path, Comparator.GE, values);
            case GT -> compare(path, Comparator.GT, values);
            case NOT_NULL -> function(Function.ATTRIBUTE_EXISTS, path);
            case NULL -> function(Function.ATTRIBUTE_NOT_EXISTS, path);
            case CONTAINS -> function(Function.CONTAINS, path, literal(values.get(0)));
            case NOT_CONTAINS -> new Condition.And(function(Function.ATTRIBUTE_EXISTS, path),
                    new Condition.Not(function(Function.CONTAINS, path, literal(values.get(0)))));
            case BEGINS_WITH -> function(Function.BEGINS_WITH, path, literal(values.get(0)));
            case IN -> in(path, values);
            case BETWEEN -> new Condition.Between(path, literal(values.get(0)), literal(values.get(1)));
        };
    }

    private static Condition compare(DocumentPath path, Comparator comparator, List<AttributeValue> values) {
        return new Condition.Comparison(path, comparator, literal(values.get(0)));
    }

    private static Condition function(Function function, Operand... arguments) {
        return new Condition.FunctionCondition(new Operand.FunctionCall(function, List.of(arguments)));
    }

    /**
     * Legacy IN has no limit on its values, an expression's IN has one; the condition must also
     * travel as expression text (the log keeps expressions as text), so long lists are split.
     */
    private static Condition in(DocumentPath path, List<AttributeValue> values) {
        Condition joined = null;
        for (int from = 0; from < values.size(); from += MAX_IN_CANDIDATES) {
            List<Operand> candidates = new ArrayList<>();
            for (AttributeValue v : values.subList(from, Math.min(values.size(), from + MAX_IN_CANDIDATES))) {
                candidates.add(literal(v));
            }
            Condition in = new Condition.In(path, candidates);
            joined = joined == null ? in : new Condition.Or(joined, in);
        }
        return joined;
    }

    private static Operand literal(AttributeValue value) {
        return new Operand.Literal(value);
    }
}
