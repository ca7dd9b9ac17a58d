package dev.dynalog.core.expression.eval;

import dev.dynalog.core.expression.ScalarOrder;
import dev.dynalog.core.expression.ast.Comparator;
import dev.dynalog.core.expression.ast.Condition;
import dev.dynalog.core.expression.ast.DocumentPath;
import dev.dynalog.core.expression.ast.Function;
import dev.dynalog.core.expression.ast.Operand;
import dev.dynalog.core.model.AttributeType;
import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.model.Binary;
import java.util.List;
import java.util.Map;

/**
 * Evaluates a resolved condition (ConditionExpression, FilterExpression) against an item; an
 * absent item is an empty map.
 *
 * <p>The logic is two-valued, as in DynamoDB: an operand that has no value (a missing attribute,
 * {@code size} of a type without a size) makes every comparison false except {@code <>}, which
 * is the negation of {@code =}; ordering comparisons and BETWEEN hold only between scalars of one
 * type. It is pure and deterministic: the partition's processor runs it on every replay.
 */
public final class ConditionEvaluator {
    private ConditionEvaluator() {
    }

    public static boolean matches(Condition condition, Map<String, AttributeValue> item) {
        if (condition instanceof Condition.And and) {
            return matches(and.left(), item) && matches(and.right(), item);
        }
        if (condition instanceof Condition.Or or) {
            return matches(or.left(), item) || matches(or.right(), item);
        }
        if (condition instanceof Condition.Not not) {
            return !matches(not.condition(), item);
        }
        if (condition instanceof Condition.Comparison c) {
            return compare(value(c.left(), item), c.comparator(), value(c.right(), item));
        }
        if (condition instanceof Condition.Between b) {
            AttributeValue subject = value(b.subject(), item);
            return compare(subject, Comparator.GE, value(b.lower(), item))
                    && compare(subject, Comparator.LE, value(b.upper(), item));
        }
        if (condition instanceof Condition.In in) {
            AttributeValue subject = value(in.subject(), item);
            for (Operand candidate : in.candidates()) {
                if (compare(subject, Comparator.EQ, value(candidate, item))) {
                    return true;
                }
            }
            return false;
        }
        if (condition instanceof Condition.FunctionCondition f) {
            return function(f.call(), item);
        }
        throw new IllegalArgumentException("unknown condition " + condition);
    }

    private static boolean compare(AttributeValue left, Comparator comparator, AttributeValue right) {
        if (comparator == Comparator.NE) {
            return !compare(left, Comparator.EQ, right);
        }
        if (left == null || right == null) {
            return false;
        }
        if (comparator == Comparator.EQ) {
            return ValueEquality.equal(left, right);
        }
        if (left.type() != right.type() || !isScalar(left.type())) {
            return false;
        }
        int order = ScalarOrder.compare(left, right);
        return switch (comparator) {
            case LT -> order < 0;
            case LE -> order <= 0;
            case GT -> order > 0;
            case GE -> order >= 0;
            default -> throw new IllegalStateException(comparator.name());
        };
    }

    private static boolean function(Operand.FunctionCall call, Map<String, AttributeValue> item) {
        List<Operand> args = call.arguments();
        Function function = call.function();
        switch (function) {
            case ATTRIBUTE_EXISTS:
                return value(args.get(0), item) != null;
            case ATTRIBUTE_NOT_EXISTS:
                return value(args.get(0), item) == null;
            case ATTRIBUTE_TYPE: {
                AttributeValue v = value(args.get(0), item);
                AttributeValue type = value(args.get(1), item);
                return v != null && type instanceof AttributeValue.S s && v.type().name().equals(s.value());
            }
            case BEGINS_WITH: {
                AttributeValue v = value(args.get(0), item);
                AttributeValue prefix = value(args.get(1), item);
                if (v instanceof AttributeValue.S s && prefix instanceof AttributeValue.S p) {
                    return s.value().startsWith(p.value());
                }
                if (v instanceof AttributeValue.B b && prefix instanceof AttributeValue.B p) {
                    return startsWith(b.value(), p.value(), 0);
                }
                return false;
            }
            case CONTAINS:
                return contains(value(args.get(0), item), value(args.get(1), item));
            default:
                throw new IllegalArgumentException(function.text() + " is not a condition function");
        }
    }

    private static boolean contains(AttributeValue container, AttributeValue operand) {
        if (container == null || operand == null) {
            return false;
        }
        if (container instanceof AttributeValue.S s && operand instanceof AttributeValue.S o) {
            return s.value().contains(o.value());
        }
        if (container instanceof AttributeValue.B b && operand instanceof AttributeValue.B o) {
            for (int i = 0; i + o.value().length() <= b.value().length(); i++) {
                if (startsWith(b.value(), o.value(), i)) {
                    return true;
                }
            }
            return false;
        }
        if (container instanceof AttributeValue.SS ss && operand instanceof AttributeValue.S o) {
            return ss.value().contains(o.value());
        }
        if (container instanceof AttributeValue.NS ns && operand instanceof AttributeValue.N o) {
            return ns.value().contains(o.value());
        }
        if (container instanceof AttributeValue.BS bs && operand instanceof AttributeValue.B o) {
            return bs.value().contains(o.value());
        }
        if (container instanceof AttributeValue.L l) {
            for (AttributeValue element : l.value()) {
                if (ValueEquality.equal(element, operand)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean startsWith(Binary value, Binary prefix, int at) {
        if (at + prefix.length() > value.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (value.byteAt(at + i) != prefix.byteAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The operand's value for this item, or null if it has none. */
    static AttributeValue value(Operand operand, Map<String, AttributeValue> item) {
        if (operand instanceof Operand.Literal literal) {
            return literal.value();
        }
        if (operand instanceof DocumentPath path) {
            return DocumentValues.valueAt(item, path);
        }
        if (operand instanceof Operand.FunctionCall call && call.function() == Function.SIZE) {
            return size(value(call.arguments().get(0), item));
        }
        throw new IllegalArgumentException("not a condition operand: " + operand);
    }

    /**
     * {@code size()}: UTF-16 code units of a string (what DynamoDB counts: {@code size} of
     * "a\uD83D\uDE00b" is 4, not 3 characters or 6 UTF-8 bytes), bytes of a binary, members of a
     * set, list or map. Other types have no size, so a comparison with it is false.
     */
    private static AttributeValue size(AttributeValue v) {
        long n;
        if (v instanceof AttributeValue.S s) {
            n = s.value().length();
        } else if (v instanceof AttributeValue.B b) {
            n = b.value().length();
        } else if (v instanceof AttributeValue.SS ss) {
            n = ss.value().size();
        } else if (v instanceof AttributeValue.NS ns) {
            n = ns.value().size();
        } else if (v instanceof AttributeValue.BS bs) {
            n = bs.value().size();
        } else if (v instanceof AttributeValue.L l) {
            n = l.value().size();
        } else if (v instanceof AttributeValue.M m) {
            n = m.value().size();
        } else {
            return null;
        }
        return new AttributeValue.N(Long.toString(n));
    }

    private static boolean isScalar(AttributeType type) {
        return type == AttributeType.S || type == AttributeType.N || type == AttributeType.B;
    }
}
