package dev.dynalog.core.expression.legacy;

import dev.dynalog.core.error.Errors;
import dev.dynalog.core.expression.ast.DocumentPath;
import dev.dynalog.core.expression.ast.Function;
import dev.dynalog.core.expression.ast.Operand;
import dev.dynalog.core.expression.ast.UpdateAction;
import dev.dynalog.core.expression.ast.UpdateExpression;
import dev.dynalog.core.model.AttributeType;
import dev.dynalog.core.model.AttributeValue;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The legacy {@code AttributeUpdates} parameter of UpdateItem as the UpdateExpression it stands
 * for:
 * <ul>
 * <li>PUT (the default Action when a Value is given) is {@code SET a = :v};</li>
 * <li>DELETE without a Value is {@code REMOVE a}; with a set, {@code DELETE a :set};</li>
 * <li>ADD of a number or a set is {@code ADD a :v}. ADD of a list appends to the list, which
 * UpdateExpression's ADD cannot do; DynamoDB does it (the model's documentation omits it), so it
 * becomes {@code SET a = list_append(if_not_exists(a, :empty), :v)}.</li>
 * </ul>
 *
 * <p>Actions are grouped by clause, clauses in the order of their first action, so the result
 * reads back unchanged from its expression text (see {@link ExpressionText}). DynamoDB applies
 * every action to the old item, so the grouping changes no result.
 *
 * <p>A legacy ADD or DELETE that meets an attribute of the wrong type fails in DynamoDB with "Type
 * mismatch for attribute to update", the expression with "An operand in the update expression
 * has an incorrect data type": the command records that the update was legacy, and the
 * processor words the error accordingly.
 */
public final class AttributeUpdates {
    static final String PARAMETER = "AttributeUpdates";
    /** The order DynamoDB Local lists the values in. */
    static final String ACTION_VALUE_SET = "[ADD, DELETE, PUT]";

    private static final Set<AttributeType> ADDABLE = EnumSet.of(AttributeType.N, AttributeType.SS,
            AttributeType.NS, AttributeType.BS, AttributeType.L);
    private static final Set<AttributeType> DELETABLE = EnumSet.of(AttributeType.SS, AttributeType.NS, AttributeType.BS);
    /**
     * The type names in ADD and DELETE messages, as DynamoDB Local 2.6.1 writes them. (Older
     * recordings of the service, e.g. dynalite's tests, show the short names: "type S".)
     */
    private static final Map<AttributeType, String> TYPE_NAMES = Map.of(
            AttributeType.S, "STRING", AttributeType.N, "NUMBER", AttributeType.B, "BINARY",
            AttributeType.BOOL, "BOOLEAN", AttributeType.NULL, "NULL", AttributeType.M, "MAP",
            AttributeType.L, "LIST", AttributeType.SS, "STRING_SET", AttributeType.NS, "NUMBER_SET",
            AttributeType.BS, "BINARY_SET");

    /** One entry as the request gives it; null members are absent. */
    public record ValueUpdate(String action, AttributeValue value) {
        public static ValueUpdate put(AttributeValue value) {
            return new ValueUpdate("PUT", value);
        }

        public static ValueUpdate add(AttributeValue value) {
            return new ValueUpdate("ADD", value);
        }

        public static ValueUpdate delete() {
            return new ValueUpdate("DELETE", null);
        }

        public static ValueUpdate delete(AttributeValue value) {
            return new ValueUpdate("DELETE", value);
        }
    }

    private enum Clause { SET, REMOVE, ADD, DELETE }

    private AttributeUpdates() {
    }

    /** The model constraints: every Action is ADD, PUT or DELETE. */
    public static List<String> constraintViolations(Map<String, ValueUpdate> updates) {
        List<String> violations = new ArrayList<>();
        if (updates != null) {
            updates.forEach((name, u) -> {
                String action = u.action();
                if (action != null && !action.equals("PUT") && !action.equals("ADD") && !action.equals("DELETE")) {
                    violations.add(ConstraintViolations.notInEnum(
                            ConstraintViolations.entryMember(PARAMETER, name, "action"), action, ACTION_VALUE_SET));
                }
            });
        }
        return violations;
    }

    /**
     * The resolved update, or empty when there is nothing to change ({@code updates} null or
     * empty): the UpdateItem then only makes sure the item exists, as in DynamoDB. Whether an
     * entry names a key attribute is left to the caller, which checks every update's paths alike.
     */
    public static Optional<UpdateExpression> toUpdate(Map<String, ValueUpdate> updates) {
        ConstraintViolations.throwIfAny(constraintViolations(updates));
        if (updates == null || updates.isEmpty()) {
            return Optional.empty();
        }
        Map<Clause, List<UpdateAction>> clauses = new LinkedHashMap<>();
        updates.forEach((name, u) -> {
            UpdateAction action = action(DocumentPath.attribute(name), u);
            clauses.computeIfAbsent(clause(action), c -> new ArrayList<>()).add(action);
        });
        List<UpdateAction> actions = new ArrayList<>();
        clauses.values().forEach(actions::addAll);
        return Optional.of(new UpdateExpression(actions));
    }

    private static UpdateAction action(DocumentPath path, ValueUpdate u) {
        String action = u.action() == null ? "PUT" : u.action();
        AttributeValue value = u.value();
        if (value == null) {
            if (!action.equals("DELETE")) {
                throw invalid("Only DELETE action is allowed when no attribute value is specified");
            }
            return new UpdateAction.Remove(path);
        }
        Operand literal = new Operand.Literal(value);
        switch (action) {
            case "PUT":
                return new UpdateAction.Set(path, literal);
            case "DELETE":
                if (!DELETABLE.contains(value.type())) {
                    throw invalid("DELETE action with value is not supported for the type " + TYPE_NAMES.get(value.type()));
                }
                return new UpdateAction.Delete(path, literal);
            default:
                if (!ADDABLE.contains(value.type())) {
                    throw invalid("ADD action is not supported for the type " + TYPE_NAMES.get(value.type()));
                }
                if (value.type() == AttributeType.L) {
                    Operand existing = new Operand.FunctionCall(Function.IF_NOT_EXISTS,
                            List.of(path, new Operand.Literal(new AttributeValue.L(List.of()))));
                    return new UpdateAction.Set(path, new Operand.FunctionCall(Function.LIST_APPEND, List.of(existing, literal)));
                }
                return new UpdateAction.Add(path, literal);
        }
    }

    private static Clause clause(UpdateAction action) {
        if (action instanceof UpdateAction.Set) {
            return Clause.SET;
        }
        if (action instanceof UpdateAction.Remove) {
            return Clause.REMOVE;
        }
        return action instanceof UpdateAction.Add ? Clause.ADD : Clause.DELETE;
    }

    private static RuntimeException invalid(String detail) {
        return Errors.validation("One or more parameter values were invalid: " + detail);
    }
}
