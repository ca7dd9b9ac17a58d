package dev.dynalog.core.expression.eval;

import dev.dynalog.core.error.DynamoDbException;
import dev.dynalog.core.error.Errors;
import dev.dynalog.core.expression.Projection;
import dev.dynalog.core.expression.ast.ArithmeticOperator;
import dev.dynalog.core.expression.ast.DocumentPath;
import dev.dynalog.core.expression.ast.Function;
import dev.dynalog.core.expression.ast.Operand;
import dev.dynalog.core.expression.ast.PathElement;
import dev.dynalog.core.expression.ast.UpdateAction;
import dev.dynalog.core.expression.ast.UpdateExpression;
import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.model.Binary;
import dev.dynalog.core.number.Numbers;
import dev.dynalog.core.size.ItemSize;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies a resolved UpdateExpression to an item, as DynamoDB does: every action reads the item
 * as it was before the update, so {@code SET a = b, b = a} swaps, and list positions refer to the
 * old list ({@code REMOVE l[0], l[2]} removes the first and third elements).
 *
 * <p>It works in two passes. The first checks every action against the old item and computes
 * the values to write; if any action fails, the update fails as a whole and nothing changes. The
 * second builds the new item: writes in path order (so several appends past a list's end land in
 * index order, as in DynamoDB), then removals from the back of each list (so earlier positions
 * still mean what they meant in the old list). Values are immutable; only the containers along a
 * changed path are copied.
 *
 * <p>Pure and deterministic: the partition's processor runs it on every replay.
 */
public final class UpdateApplier {
    static final String MISSING_OPERAND = "The provided expression refers to an attribute that does not exist in the item";
    static final String INVALID_PATH = "The document path provided in the update expression is invalid for update";
    public static final String WRONG_TYPE = "An operand in the update expression has an incorrect data type";
    /** DynamoDB's message for {@link #WRONG_TYPE} when the update came as the legacy AttributeUpdates. */
    public static final String LEGACY_WRONG_TYPE = "Type mismatch for attribute to update";
    static final String ITEM_TOO_LARGE = "Item size to update has exceeded the maximum allowed size";

    private UpdateApplier() {
    }

    /**
     * The outcome of an update.
     *
     * @param oldItem      the item before the update (empty if there was none)
     * @param item         the item after the update
     * @param updatedPaths the path of every action, in the order written: what ReturnValues
     *                     UPDATED_OLD and UPDATED_NEW project to
     * @param itemSize     the new item's size by DynamoDB's rules, already checked against the limit
     */
    public record Result(Map<String, AttributeValue> oldItem, Map<String, AttributeValue> item,
                         List<DocumentPath> updatedPaths, long itemSize) {

        /**
         * ReturnValues UPDATED_OLD: the old item projected to the updated paths. DynamoDB returns
         * only the nested part an action touched ({@code SET a.b = :v} yields {@code {a: {b: old}}}),
         * and nothing for a path that did not exist before. DynamoDB Local returns the whole
         * top-level attribute instead; we follow DynamoDB.
         */
        public Map<String, AttributeValue> updatedOld() {
            return Projection.of(updatedPaths).apply(oldItem);
        }

        /**
         * ReturnValues UPDATED_NEW: the new item projected to the updated paths. As in DynamoDB, a
         * removed path yields nothing, a path set past a list's end yields nothing (the value
         * landed at the end of the list, not at that index), and a removed list element yields
         * the element that moved into its place.
         */
        public Map<String, AttributeValue> updatedNew() {
            return Projection.of(updatedPaths).apply(item);
        }
    }

    /**
     * Rejects an update that touches a key attribute, before the item is read. DynamoDB names the
     * first such action's top-level attribute, whatever is nested below it ({@code SET pk.x = :v}).
     */
    public static void requireNoKeyAttributes(UpdateExpression update, Set<String> keyNames) {
        for (UpdateAction action : update.actions()) {
            String name = action.path().topLevelName();
            if (keyNames.contains(name)) {
                throw Errors.validation("One or more parameter values were invalid: Cannot update attribute "
                        + name + ". This attribute is part of the key");
            }
        }
    }

    /**
     * Applies {@code update} to {@code oldItem} (empty when the item does not exist; the caller
     * puts the key attributes in it when an update creates an item).
     *
     * @throws DynamoDbException a ValidationException with DynamoDB's message when an action does
     *                           not fit the item, or the new item exceeds 400 KB
     */
    public static Result apply(UpdateExpression update, Map<String, AttributeValue> oldItem) {
        List<UpdateAction> actions = update.actions();
        Plan plan = new Plan(actions.size());
        List<DocumentPath> paths = new ArrayList<>(actions.size());
        for (UpdateAction action : actions) {
            paths.add(action.path());
            plan.add(action, oldItem);
        }
        plan.throwFailure();

        Map<String, AttributeValue> item = new LinkedHashMap<>(oldItem);
        List<Write> writes = plan.writes;
        if (writes.size() > 1) {
            writes.sort((a, b) -> comparePaths(a.path.elements(), b.path.elements()));
        }
        for (Write write : writes) {
            setAt(item, write.path, write.value);
        }
        List<DocumentPath> removals = plan.removals;
        if (removals.size() > 1) {
            removals.sort((a, b) -> comparePaths(b.elements(), a.elements()));
        }
        for (DocumentPath path : removals) {
            removeAt(item, path);
        }
        long size = ItemSize.of(item);
        if (size > ItemSize.MAX_ITEM_BYTES) {
            throw Errors.validation(ITEM_TOO_LARGE);
        }
        return new Result(oldItem, item, List.copyOf(paths), size);
    }

    /** A value to write at a path of the new item. */
    private record Write(DocumentPath path, AttributeValue value) {
    }

    /**
     * The first pass: what each action will change, and the error to report if any action fails.
     *
     * <p>When several actions fail, DynamoDB reports one error. DynamoDB documents no rule; what
     * DynamoDB Local 2.6.1 answers is reproduced here. Within an action the target path is checked
     * before its operand is evaluated. Across actions, a failing SET operand wins (the last one in
     * the order written), then a wrong type in ADD or DELETE, then an invalid path: e.g.
     * {@code ADD s :n SET x = missing} reports the missing attribute, and
     * {@code SET a.b = :v, x = missing} too, even though {@code a} does not exist.
     */
    private static final class Plan {
        final List<Write> writes;
        final List<DocumentPath> removals = new ArrayList<>();
        DynamoDbException setOperandError;
        DynamoDbException addOrDeleteError;
        DynamoDbException pathError;

        Plan(int actions) {
            writes = new ArrayList<>(actions);
        }

        void add(UpdateAction action, Map<String, AttributeValue> oldItem) {
            DocumentPath path = action.path();
            if (!parentExists(oldItem, path)) {
                pathError = Errors.validation(INVALID_PATH);
                return;
            }
            if (action instanceof UpdateAction.Set set) {
                try {
                    writes.add(new Write(path, evaluate(set.value(), oldItem)));
                } catch (DynamoDbException e) {
                    setOperandError = e;
                }
            } else if (action instanceof UpdateAction.Remove) {
                if (DocumentValues.valueAt(oldItem, path) != null) {
                    removals.add(path);
                }
            } else if (action instanceof UpdateAction.Add add) {
                try {
                    writes.add(new Write(path, added(DocumentValues.valueAt(oldItem, path), literal(add.value()))));
                } catch (DynamoDbException e) {
                    addOrDeleteError = e;
                }
            } else if (action instanceof UpdateAction.Delete delete) {
                AttributeValue current = DocumentValues.valueAt(oldItem, path);
                if (current == null) {
                    return;
                }
                AttributeValue remaining = withoutMembers(current, literal(delete.value()));
                if (remaining == null) {
                    addOrDeleteError = Errors.validation(WRONG_TYPE);
                } else if (isEmptySet(remaining)) {
                    // DynamoDB has no empty sets: deleting every member removes the attribute.
                    removals.add(path);
                } else {
                    writes.add(new Write(path, remaining));
                }
            }
        }

        void throwFailure() {
            if (setOperandError != null) {
                throw setOperandError;
            }
            if (addOrDeleteError != null) {
                throw addOrDeleteError;
            }
            if (pathError != null) {
                throw pathError;
            }
        }
    }

    // ---- values -------------------------------------------------------------------------------

    /**
     * The value of a SET operand against the old item. Operands are evaluated left to right and
     * each is type-checked as soon as it is known, which decides the message when both are wrong:
     * {@code missing + s} reports the missing attribute, {@code s + missing} the wrong type.
     */
    private static AttributeValue evaluate(Operand operand, Map<String, AttributeValue> oldItem) {
        if (operand instanceof Operand.Literal literal) {
            return literal.value();
        }
        if (operand instanceof DocumentPath path) {
            AttributeValue v = DocumentValues.valueAt(oldItem, path);
            if (v == null) {
                throw Errors.validation(MISSING_OPERAND);
            }
            return v;
        }
        if (operand instanceof Operand.Arithmetic a) {
            BigDecimal x = number(evaluate(a.left(), oldItem));
            BigDecimal y = number(evaluate(a.right(), oldItem));
            return number(a.operator() == ArithmeticOperator.PLUS ? x.add(y) : x.subtract(y));
        }
        if (operand instanceof Operand.FunctionCall call) {
            List<Operand> args = call.arguments();
            if (call.function() == Function.IF_NOT_EXISTS) {
                AttributeValue existing = DocumentValues.valueAt(oldItem, (DocumentPath) args.get(0));
                // The fallback is evaluated even when unused: DynamoDB rejects
                // if_not_exists(a, missing) although a exists.
                AttributeValue fallback = evaluate(args.get(1), oldItem);
                return existing != null ? existing : fallback;
            }
            if (call.function() == Function.LIST_APPEND) {
                List<AttributeValue> first = list(evaluate(args.get(0), oldItem));
                List<AttributeValue> second = list(evaluate(args.get(1), oldItem));
                List<AttributeValue> joined = new ArrayList<>(first.size() + second.size());
                joined.addAll(first);
                joined.addAll(second);
                return new AttributeValue.L(joined);
            }
        }
        throw new IllegalArgumentException("not an update operand: " + operand);
    }

    /** ADD and DELETE take a value, never a path or function: the parser allows nothing else. */
    private static AttributeValue literal(Operand operand) {
        return ((Operand.Literal) operand).value();
    }

    private static BigDecimal number(AttributeValue v) {
        if (v instanceof AttributeValue.N n) {
            return Numbers.toBigDecimal(n.value());
        }
        throw Errors.validation(WRONG_TYPE);
    }

    private static List<AttributeValue> list(AttributeValue v) {
        if (v instanceof AttributeValue.L l) {
            return l.value();
        }
        throw Errors.validation(WRONG_TYPE);
    }

    /** A computed number must fit DynamoDB's precision and range like any number a client sends. */
    private static AttributeValue number(BigDecimal value) {
        return new AttributeValue.N(Numbers.canonical(value));
    }

    /** ADD: a number adds (a missing attribute counts as 0), a set is joined (a missing one is empty). */
    private static AttributeValue added(AttributeValue current, AttributeValue value) {
        if (current == null) {
            return value;
        }
        if (current instanceof AttributeValue.N c && value instanceof AttributeValue.N v) {
            return number(Numbers.toBigDecimal(c.value()).add(Numbers.toBigDecimal(v.value())));
        }
        if (current instanceof AttributeValue.SS c && value instanceof AttributeValue.SS v) {
            return new AttributeValue.SS(union(c.value(), v.value()));
        }
        if (current instanceof AttributeValue.NS c && value instanceof AttributeValue.NS v) {
            return new AttributeValue.NS(union(c.value(), v.value()));
        }
        if (current instanceof AttributeValue.BS c && value instanceof AttributeValue.BS v) {
            return new AttributeValue.BS(union(c.value(), v.value()));
        }
        throw Errors.validation(WRONG_TYPE);
    }

    /**
     * DELETE: the set without the given members (possibly empty), or null when the stored value
     * is not a set of the same type. Number members are canonical, so their texts compare.
     */
    private static AttributeValue withoutMembers(AttributeValue current, AttributeValue value) {
        if (current instanceof AttributeValue.SS c && value instanceof AttributeValue.SS v) {
            return new AttributeValue.SS(difference(c.value(), v.value()));
        }
        if (current instanceof AttributeValue.NS c && value instanceof AttributeValue.NS v) {
            return new AttributeValue.NS(difference(c.value(), v.value()));
        }
        if (current instanceof AttributeValue.BS c && value instanceof AttributeValue.BS v) {
            return new AttributeValue.BS(difference(c.value(), v.value()));
        }
        return null;
    }

    private static boolean isEmptySet(AttributeValue set) {
        return set instanceof AttributeValue.SS ss && ss.value().isEmpty()
                || set instanceof AttributeValue.NS ns && ns.value().isEmpty()
                || set instanceof AttributeValue.BS bs && bs.value().isEmpty();
    }

    private static <T> List<T> union(List<T> a, List<T> b) {
        Set<T> members = new LinkedHashSet<>(a);
        members.addAll(b);
        return List.copyOf(members);
    }

    private static <T> List<T> difference(List<T> a, List<T> b) {
        Set<T> members = new LinkedHashSet<>(a);
        b.forEach(members::remove);
        return List.copyOf(members);
    }

    // ---- paths --------------------------------------------------------------------------------

    /**
     * Every action needs its path's parent to exist in the old item, as a map (for a name) or a
     * list (for an index); the last step itself may be missing. A top-level path always fits.
     */
    private static boolean parentExists(Map<String, AttributeValue> item, DocumentPath path) {
        List<PathElement> elements = path.elements();
        if (elements.size() == 1) {
            return true;
        }
        AttributeValue parent = DocumentValues.valueAt(item, path, elements.size() - 1);
        return elements.get(elements.size() - 1) instanceof PathElement.AttributeName
                ? parent instanceof AttributeValue.M
                : parent instanceof AttributeValue.L;
    }

    /**
     * Writes {@code value} at {@code path}, whose parent the first pass found in the old item; the
     * writes before it touched other paths, so the parent is still there. An index past a list's
     * end appends.
     */
    private static void setAt(Map<String, AttributeValue> item, DocumentPath path, AttributeValue value) {
        List<PathElement> elements = path.elements();
        String name = path.topLevelName();
        if (elements.size() == 1) {
            item.put(name, value);
        } else {
            item.put(name, setIn(item.get(name), elements, 1, value));
        }
    }

    private static AttributeValue setIn(AttributeValue container, List<PathElement> elements, int i, AttributeValue value) {
        boolean last = i == elements.size() - 1;
        PathElement step = elements.get(i);
        if (step instanceof PathElement.AttributeName name && container instanceof AttributeValue.M m) {
            Map<String, AttributeValue> copy = new LinkedHashMap<>(m.value());
            copy.put(name.name(), last ? value : setIn(copy.get(name.name()), elements, i + 1, value));
            return new AttributeValue.M(copy);
        }
        if (step instanceof PathElement.ListIndex index && container instanceof AttributeValue.L l) {
            List<AttributeValue> copy = new ArrayList<>(l.value());
            int at = index.index();
            if (last && at >= copy.size()) {
                copy.add(value);
            } else {
                copy.set(at, last ? value : setIn(copy.get(at), elements, i + 1, value));
            }
            return new AttributeValue.L(copy);
        }
        throw new IllegalStateException("path checked against the old item vanished: " + elements);
    }

    private static void removeAt(Map<String, AttributeValue> item, DocumentPath path) {
        List<PathElement> elements = path.elements();
        String name = path.topLevelName();
        if (elements.size() == 1) {
            item.remove(name);
        } else {
            item.put(name, removeIn(item.get(name), elements, 1));
        }
    }

    private static AttributeValue removeIn(AttributeValue container, List<PathElement> elements, int i) {
        boolean last = i == elements.size() - 1;
        PathElement step = elements.get(i);
        if (step instanceof PathElement.AttributeName name && container instanceof AttributeValue.M m) {
            Map<String, AttributeValue> copy = new LinkedHashMap<>(m.value());
            if (last) {
                copy.remove(name.name());
            } else {
                copy.put(name.name(), removeIn(copy.get(name.name()), elements, i + 1));
            }
            return new AttributeValue.M(copy);
        }
        if (step instanceof PathElement.ListIndex index && container instanceof AttributeValue.L l) {
            List<AttributeValue> copy = new ArrayList<>(l.value());
            if (last) {
                copy.remove(index.index());
            } else {
                copy.set(index.index(), removeIn(copy.get(index.index()), elements, i + 1));
            }
            return new AttributeValue.L(copy);
        }
        throw new IllegalStateException("path checked against the old item vanished: " + elements);
    }

    /**
     * Orders paths step by step: list indexes by number, names by text. The update's paths are
     * independent (the resolver rejects overlaps and conflicts), so two paths never compare a
     * name with an index at the same step.
     */
    private static int comparePaths(List<PathElement> a, List<PathElement> b) {
        int common = Math.min(a.size(), b.size());
        for (int i = 0; i < common; i++) {
            PathElement x = a.get(i);
            PathElement y = b.get(i);
            int c;
            if (x instanceof PathElement.ListIndex xi && y instanceof PathElement.ListIndex yi) {
                c = Integer.compare(xi.index(), yi.index());
            } else {
                c = x.toString().compareTo(y.toString());
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}
