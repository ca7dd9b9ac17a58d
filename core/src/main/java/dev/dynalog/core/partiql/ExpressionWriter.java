package dev.dynalog.core.partiql;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dynalog.core.error.Errors;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes a statement's conditions, paths and values as the JSON API's expressions, with every
 * name a {@code #n} placeholder and every value a {@code :v} placeholder, so that the expression
 * language's own parser and evaluator decide them, as for GetItem, Query or UpdateItem. One
 * instance serves one request; {@link #into} puts its ExpressionAttributeNames and Values in it.
 */
final class ExpressionWriter {
    /** The functions a PartiQL WHERE clause may call, all of them the expression language's. */
    private static final Set<String> CONDITION_FUNCTIONS =
            Set.of("attribute_exists", "attribute_not_exists", "attribute_type", "begins_with", "contains", "size");
    private static final Set<String> UPDATE_FUNCTIONS = Set.of("list_append", "if_not_exists");

    private final Map<String, String> names = new LinkedHashMap<>();
    private final ObjectNode values = JsonNodeFactory.instance.objectNode();

    String path(Path path) {
        StringBuilder out = new StringBuilder();
        for (Path.Step step : path.steps()) {
            if (step instanceof Path.Field f) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(names.computeIfAbsent(f.name(), n -> "#n" + names.size()));
            } else {
                out.append('[').append(((Path.Element) step).index()).append(']');
            }
        }
        return out.toString();
    }

    String value(ObjectNode value) {
        String placeholder = ":v" + values.size();
        values.set(placeholder, value);
        return placeholder;
    }

    String condition(Condition c) {
        if (c instanceof Condition.And a) {
            return "(" + condition(a.left()) + ") AND (" + condition(a.right()) + ")";
        }
        if (c instanceof Condition.Or o) {
            return "(" + condition(o.left()) + ") OR (" + condition(o.right()) + ")";
        }
        if (c instanceof Condition.Not n) {
            return "NOT (" + condition(n.condition()) + ")";
        }
        if (c instanceof Condition.Comparison cmp) {
            return conditionOperand(cmp.left()) + " " + cmp.operator() + " " + conditionOperand(cmp.right());
        }
        if (c instanceof Condition.Between b) {
            String between = conditionOperand(b.operand()) + " BETWEEN " + conditionOperand(b.low()) + " AND "
                    + conditionOperand(b.high());
            return b.negated() ? "NOT (" + between + ")" : between;
        }
        if (c instanceof Condition.In in) {
            String list = in.candidates().stream().map(this::conditionOperand).collect(Collectors.joining(", "));
            String text = conditionOperand(in.operand()) + " IN (" + list + ")";
            return in.negated() ? "NOT (" + text + ")" : text;
        }
        if (c instanceof Condition.Is is) {
            String operand = conditionOperand(is.operand());
            String text = is.missing()
                    ? "attribute_not_exists(" + operand + ")"
                    : "attribute_type(" + operand + ", " + value(JsonNodeFactory.instance.objectNode().put("S", "NULL"))
                            + ")";
            return is.negated() ? "NOT " + text : text;
        }
        return call(((Condition.CallCondition) c).call(), CONDITION_FUNCTIONS, false);
    }

    private String conditionOperand(Operand o) {
        if (o instanceof Operand.Arithmetic a) {
            throw Errors.validation("Unsupported operator in Condition Expression. Operator: " + a.operator());
        }
        return operand(o, CONDITION_FUNCTIONS, false);
    }

    /** An operand of SET: paths, values, {@code +} and {@code -}, list_append and if_not_exists. */
    String updateOperand(Operand o) {
        return operand(o, UPDATE_FUNCTIONS, true);
    }

    private String operand(Operand o, Set<String> functions, boolean update) {
        if (o instanceof Operand.PathOperand p) {
            return path(p.path());
        }
        if (o instanceof Operand.Literal l) {
            return value(l.value());
        }
        if (o instanceof Operand.Arithmetic a) {
            return operand(a.left(), functions, update) + " " + a.operator() + " " + operand(a.right(), functions, update);
        }
        return call((Operand.Call) o, functions, update);
    }

    private String call(Operand.Call call, Set<String> functions, boolean update) {
        String name = call.function().toLowerCase(java.util.Locale.ROOT);
        if (!functions.contains(name)) {
            if (update && CONDITION_FUNCTIONS.contains(name)) {
                throw Errors.validation("The function is not allowed in an update expression; function: " + name);
            }
            throw Errors.validation("Unrecognized function: " + call.function());
        }
        List<String> args = call.arguments().stream().map(a -> operand(a, functions, update)).toList();
        return name + "(" + String.join(", ", args) + ")";
    }

    /** Puts ExpressionAttributeNames and ExpressionAttributeValues, those that were used, into the request. */
    ObjectNode into(ObjectNode request) {
        if (!names.isEmpty()) {
            ObjectNode n = request.putObject("ExpressionAttributeNames");
            names.forEach((name, placeholder) -> n.put(placeholder, name));
        }
        if (!values.isEmpty()) {
            request.set("ExpressionAttributeValues", values);
        }
        return request;
    }
}
