package dev.dynalog.core.expression.legacy;

import dev.dynalog.core.expression.ast.Condition;
import dev.dynalog.core.expression.ast.DocumentPath;
import dev.dynalog.core.expression.ast.Operand;
import dev.dynalog.core.expression.ast.PathElement;
import dev.dynalog.core.expression.ast.UpdateAction;
import dev.dynalog.core.expression.ast.UpdateExpression;
import dev.dynalog.core.model.AttributeValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A resolved condition or update written back as expression text with its own placeholders:
 * every attribute name becomes {@code #0, #1, ...} (the same name, the same placeholder) and
 * every value {@code :0, :1, ...}. The log keeps expressions as text, so a legacy request
 * travels to the partition's processor this way; parsing and resolving the text with these maps
 * gives back the tree it was written from.
 *
 * <p>Parentheses are written only where the tree needs them (DynamoDB rejects redundant ones):
 * AND binds tighter than OR, NOT tighter than AND, and both are left-associative, so a right
 * operand of the same operator is parenthesized.
 *
 * <p>DynamoDB's expression limits still apply to the text (4 KB, 300 operators); a legacy
 * request beyond them (about 150 conditions) cannot be written this way.
 */
public record ExpressionText(String text, Map<String, String> names, Map<String, AttributeValue> values) {

    public ExpressionText {
        // insertion order, not Map.copyOf's per-JVM order: the maps are written to the log
        names = Collections.unmodifiableMap(new LinkedHashMap<>(names));
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static ExpressionText of(Condition condition) {
        Writer w = new Writer();
        w.condition(condition, Precedence.OR);
        return w.result();
    }

    public static ExpressionText of(UpdateExpression update) {
        Writer w = new Writer();
        String clause = null;
        StringJoiner actions = null;
        List<String> clauses = new ArrayList<>();
        for (UpdateAction action : update.actions()) {
            String next = clauseOf(action);
            if (!next.equals(clause)) {
                if (actions != null) {
                    clauses.add(clause + " " + actions);
                }
                clause = next;
                actions = new StringJoiner(", ");
            }
            actions.add(w.action(action));
        }
        if (actions != null) {
            clauses.add(clause + " " + actions);
        }
        w.out.append(String.join(" ", clauses));
        return w.result();
    }

    private static String clauseOf(UpdateAction action) {
        if (action instanceof UpdateAction.Set) {
            return "SET";
        }
        if (action instanceof UpdateAction.Remove) {
            return "REMOVE";
        }
        return action instanceof UpdateAction.Add ? "ADD" : "DELETE";
    }

    /** Binding strength, weakest first. */
    private enum Precedence { OR, AND, NOT, ATOM }

    private static final class Writer {
        final StringBuilder out = new StringBuilder();
        final Map<String, String> names = new LinkedHashMap<>();
        final Map<String, String> placeholderNames = new LinkedHashMap<>();
        final Map<String, AttributeValue> values = new LinkedHashMap<>();

        ExpressionText result() {
            return new ExpressionText(out.toString(), placeholderNames, values);
        }

        /** Writes {@code c}, in parentheses if it binds more weakly than its place requires. */
        void condition(Condition c, Precedence required) {
            Precedence own = precedenceOf(c);
            boolean parens = own.compareTo(required) < 0;
            if (parens) {
                out.append('(');
            }
            if (c instanceof Condition.Or or) {
                condition(or.left(), Precedence.OR);
                out.append(" OR ");
                condition(or.right(), Precedence.AND);
            } else if (c instanceof Condition.And and) {
                condition(and.left(), Precedence.AND);
                out.append(" AND ");
                condition(and.right(), Precedence.NOT);
            } else if (c instanceof Condition.Not not) {
                out.append("NOT ");
                condition(not.condition(), Precedence.NOT);
            } else if (c instanceof Condition.Comparison cmp) {
                out.append(operand(cmp.left())).append(' ').append(cmp.comparator().text()).append(' ')
                        .append(operand(cmp.right()));
            } else if (c instanceof Condition.Between b) {
                out.append(operand(b.subject())).append(" BETWEEN ").append(operand(b.lower()))
                        .append(" AND ").append(operand(b.upper()));
            } else if (c instanceof Condition.In in) {
                StringJoiner candidates = new StringJoiner(", ", "(", ")");
                in.candidates().forEach(o -> candidates.add(operand(o)));
                out.append(operand(in.subject())).append(" IN ").append(candidates);
            } else {
                out.append(operand(((Condition.FunctionCondition) c).call()));
            }
            if (parens) {
                out.append(')');
            }
        }

        private static Precedence precedenceOf(Condition c) {
            if (c instanceof Condition.Or) {
                return Precedence.OR;
            }
            if (c instanceof Condition.And) {
                return Precedence.AND;
            }
            return c instanceof Condition.Not ? Precedence.NOT : Precedence.ATOM;
        }

        String action(UpdateAction action) {
            String path = operand(action.path());
            if (action instanceof UpdateAction.Set set) {
                return path + " = " + operand(set.value());
            }
            if (action instanceof UpdateAction.Add add) {
                return path + " " + operand(add.value());
            }
            if (action instanceof UpdateAction.Delete delete) {
                return path + " " + operand(delete.value());
            }
            return path;
        }

        String operand(Operand o) {
            if (o instanceof DocumentPath path) {
                StringBuilder s = new StringBuilder();
                for (PathElement e : path.elements()) {
                    if (e instanceof PathElement.ListIndex index) {
                        s.append('[').append(index.index()).append(']');
                    } else {
                        s.append(s.length() == 0 ? "" : ".").append(name(((PathElement.AttributeName) e).name()));
                    }
                }
                return s.toString();
            }
            if (o instanceof Operand.Literal literal) {
                String placeholder = ":" + values.size();
                values.put(placeholder, literal.value());
                return placeholder;
            }
            if (o instanceof Operand.FunctionCall call) {
                StringJoiner args = new StringJoiner(", ", call.function().text() + "(", ")");
                call.arguments().forEach(a -> args.add(operand(a)));
                return args.toString();
            }
            if (o instanceof Operand.Arithmetic a) {
                return operand(a.left()) + " " + a.operator().text() + " " + operand(a.right());
            }
            throw new IllegalArgumentException("not a resolved operand: " + o);
        }

        private String name(String attributeName) {
            return names.computeIfAbsent(attributeName, n -> {
                String placeholder = "#" + placeholderNames.size();
                placeholderNames.put(placeholder, n);
                return placeholder;
            });
        }
    }
}
