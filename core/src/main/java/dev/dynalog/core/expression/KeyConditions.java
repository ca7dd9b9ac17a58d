package dev.dynalog.core.expression;

import dev.dynalog.core.error.Errors;
import dev.dynalog.core.expression.SortKeyCondition.Operator;
import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.model.KeyAttribute;
import dev.dynalog.core.model.KeySchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a KeyConditionExpression into a {@link KeyCondition}: equality on the partition key and at
 * most one condition on the sort key, joined by AND, as DynamoDB allows.
 */
public final class KeyConditions {
    private static final String PARAMETER = "KeyConditionExpression";
    private static final Map<String, Operator> COMPARATORS = Map.of(
            "=", Operator.EQ, "<", Operator.LT, "<=", Operator.LE, ">", Operator.GT, ">=", Operator.GE);

    private KeyConditions() {
    }

    public static KeyCondition parse(String expression, ExpressionAttributes attributes, KeySchema schema) {
        Condition parsed = ExpressionParser.parseCondition(expression, PARAMETER, attributes);
        List<Condition> terms = new ArrayList<>();
        flatten(parsed, terms);
        if (terms.size() > 2) {
            throw Errors.validation("Conditions can be of length 1 or 2 only");
        }
        AttributeValue partitionKey = null;
        SortKeyCondition sortKey = null;
        for (Condition term : terms) {
            Term t = term(term);
            if (t.attribute.equals(schema.partitionKey().name())) {
                if (partitionKey != null) {
                    throw Errors.validation("KeyConditionExpressions must only contain one condition per key");
                }
                if (t.condition.op() != Operator.EQ) {
                    throw Errors.validation("Query key condition not supported");
                }
                checkType(schema.partitionKey(), t.condition);
                partitionKey = t.condition.value();
            } else if (schema.sortKey().isPresent() && t.attribute.equals(schema.sortKey().get().name())) {
                if (sortKey != null) {
                    throw Errors.validation("KeyConditionExpressions must only contain one condition per key");
                }
                checkType(schema.sortKey().get(), t.condition);
                sortKey = t.condition;
            } else {
                throw Errors.validation("Query condition missed key schema element");
            }
        }
        if (partitionKey == null) {
            throw Errors.validation("Query condition missed key schema element");
        }
        return new KeyCondition(partitionKey, Optional.ofNullable(sortKey));
    }

    private static void flatten(Condition c, List<Condition> out) {
        if (c instanceof Condition.And and) {
            flatten(and.left(), out);
            flatten(and.right(), out);
        } else if (c instanceof Condition.Or) {
            throw Errors.validation("Invalid operator used in KeyConditionExpression: OR");
        } else if (c instanceof Condition.Not) {
            throw Errors.validation("Invalid operator used in KeyConditionExpression: NOT");
        } else if (c instanceof Condition.In) {
            throw Errors.validation("Invalid operator used in KeyConditionExpression: IN");
        } else {
            out.add(c);
        }
    }

    private record Term(String attribute, SortKeyCondition condition) {
    }

    private static Term term(Condition c) {
        if (c instanceof Condition.Comparison cmp) {
            Operator op = COMPARATORS.get(cmp.operator());
            if (op == null) {
                throw Errors.validation("Unsupported operator on KeyCondition: " + cmp.operator());
            }
            if (cmp.left() instanceof Operand.Path p && cmp.right() instanceof Operand.Value v) {
                return new Term(keyName(p), new SortKeyCondition(op, v.value(), null));
            }
            if (cmp.left() instanceof Operand.Value v && cmp.right() instanceof Operand.Path p) {
                return new Term(keyName(p), new SortKeyCondition(mirror(op), v.value(), null));
            }
        } else if (c instanceof Condition.Between b) {
            if (b.value() instanceof Operand.Path p && b.lower() instanceof Operand.Value lo && b.upper() instanceof Operand.Value hi) {
                return new Term(keyName(p), new SortKeyCondition(Operator.BETWEEN, lo.value(), hi.value()));
            }
        } else if (c instanceof Condition.FunctionCall f) {
            if (!f.name().equals("begins_with")) {
                throw Errors.validation("Invalid operator used in KeyConditionExpression: " + f.name());
            }
            if (f.arguments().get(0) instanceof Operand.Path p && f.arguments().get(1) instanceof Operand.Value v) {
                return new Term(keyName(p), new SortKeyCondition(Operator.BEGINS_WITH, v.value(), null));
            }
        }
        throw Errors.validation("Invalid condition in KeyConditionExpression: " + c);
    }

    private static String keyName(Operand.Path p) {
        if (!p.path().isTopLevel()) {
            throw Errors.validation("KeyConditionExpressions cannot have conditions on nested attributes");
        }
        return p.path().head();
    }

    /** {@code :v < sk} means {@code sk > :v}. */
    private static Operator mirror(Operator op) {
        switch (op) {
            case LT:
                return Operator.GT;
            case LE:
                return Operator.GE;
            case GT:
                return Operator.LT;
            case GE:
                return Operator.LE;
            default:
                return op;
        }
    }

    private static void checkType(KeyAttribute key, SortKeyCondition c) {
        boolean matches = c.value().type() == key.type() && (c.upper() == null || c.upper().type() == key.type());
        if (!matches) {
            throw Errors.validation("One or more parameter values were invalid: Condition parameter type does not match schema type");
        }
    }
}
