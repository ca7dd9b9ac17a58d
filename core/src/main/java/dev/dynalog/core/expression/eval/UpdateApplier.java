package dev.dynalog.core.expression.eval;

import dev.dynalog.core.error.DynamoDbException;
import dev.dynalog.core.error.Errors;
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
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies a resolved UpdateExpression to an item, as DynamoDB does: every action reads the item
 * as it was before the update, so {@code SET a = b, b = a} swaps, and list positions in REMOVE
 * refer to the old list ({@code REMOVE l[0], l[2]} removes the first and third elements).
 *
 * <p>Values are immutable; the item is rebuilt along each changed path. Errors are DynamoDB's
 * ValidationExceptions; the caller then changes nothing. Pure and deterministic: the partition's
 * processor runs it on every replay.
 */
public final class UpdateApplier {
    static final String MISSING_OPERAND = "The provided expression refers to an attribute that does not exist in the item";
    static final String INVALID_PATH = "The document path provided in the update expression is invalid for update";
    static final String WRONG_TYPE = "An operand in the update expression has an incorrect data type";

    private UpdateApplier() {
    }

    /** The item after the update, and the paths the update wrote (for ReturnValues UPDATED_*). */
    public record Result(Map<String, AttributeValue> item, List<DocumentPath> updatedPaths) {
    }

    public static Result apply(UpdateExpression update, Map<String, AttributeValue> oldItem) {
        // Every action is checked against the old item before anything changes. Which error is
        // reported when several actions fail follows DynamoDB: an operand of the wrong type wins;
        // otherwise the last failing action in the order written. Within one action the target
        // path is checked before the operand is evaluated.
        List<Runnable> changes = new ArrayList<>();
        Map<String, AttributeValue> item = new LinkedHashMap<>(oldItem);
        List<DocumentPath> removals = new ArrayList<>();
        List<DocumentPath> paths = new ArrayList<>();
        DynamoDbException wrongType = null;
        DynamoDbException lastError = null;
        for (UpdateAction action : update.actions()) {
            paths.add(action.path());
            try {
                changes.add(plan(action, oldItem, item, removals));
            } catch (DynamoDbException e) {
                if (WRONG_TYPE.equals(e.getMessage())) {
                    wrongType = wrongType == null ? e : wrongType;
                } else {
                    lastError = e;
                }
            }
        }
        if (wrongType != null) {
            throw wrongType;
        }
        if (lastError != null) {
            throw lastError;
        }
        changes.forEach(Runnable::run);
        // Removing from the back keeps the old positions of the elements still to be removed.
        removals.sort(Comparator.comparing(DocumentPath::elements, UpdateApplier::comparePaths).reversed());
        for (DocumentPath path : removals) {
            removeAt(item, path);
        }
        return new Result(item, List.copyOf(paths));
    }

    /** Checks one action against the old item and returns the change it makes to the new one. */
    private static Runnable plan(UpdateAction action, Map<String, AttributeValue> oldItem,
                                 Map<String, AttributeValue> item, List<DocumentPath> removals) {
        DocumentPath path = action.path();
        if (action instanceof UpdateAction.Set set) {
            requireParent(oldItem, path);
            AttributeValue value = evaluate(set.value(), oldItem);
            return () -> setAt(item, path, value);
        }
        if (action instanceof UpdateAction.Add add) {
            requireParent(oldItem, path);
            AttributeValue value = added(DocumentValues.valueAt(oldItem, path), evaluate(add.value(), oldItem));
            return () -> setAt(item, path, value);
        }
        if (action instanceof UpdateAction.Delete delete) {
            requireParent(oldItem, path);
            AttributeValue current = DocumentValues.valueAt(oldItem, path);
            if (current == null) {
                return () -> { };
            }
            AttributeValue remaining = withoutMembers(current, evaluate(delete.value(), oldItem));
            return remaining == null ? () -> removals.add(path) : () -> setAt(item, path, remaining);
        }
        requireParent(oldItem, path);
        boolean exists = DocumentValues.valueAt(oldItem, path) != null;
        return exists ? () -> removals.add(path) : () -> { };
    }

    // ---- values -------------------------------------------------------------------------------

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
            AttributeValue left = evaluate(a.left(), oldItem);
            AttributeValue right = evaluate(a.right(), oldItem);
            if (!(left instanceof AttributeValue.N l) || !(right instanceof AttributeValue.N r)) {
                throw Errors.validation(WRONG_TYPE);
            }
            BigDecimal x = Numbers.toBigDecimal(l.value());
            BigDecimal y = Numbers.toBigDecimal(r.value());
            return number(a.operator() == ArithmeticOperator.PLUS ? x.add(y) : x.subtract(y));
        }
        if (operand instanceof Operand.FunctionCall call) {
            List<Operand> args = call.arguments();
            if (call.function() == Function.IF_NOT_EXISTS) {
                AttributeValue existing = DocumentValues.valueAt(oldItem, (DocumentPath) args.get(0));
                return existing != null ? existing : evaluate(args.get(1), oldItem);
            }
            if (call.function() == Function.LIST_APPEND) {
                AttributeValue first = evaluate(args.get(0), oldItem);
                AttributeValue second = evaluate(args.get(1), oldItem);
                if (!(first instanceof AttributeValue.L a) || !(second instanceof AttributeValue.L b)) {
                    throw Errors.validation(WRONG_TYPE);
                }
                List<AttributeValue> joined = new ArrayList<>(a.value());
                joined.addAll(b.value());
                return new AttributeValue.L(joined);
            }
        }
        throw new IllegalArgumentException("not an update operand: " + operand);
    }

    private static AttributeValue number(BigDecimal value) {
        return new AttributeValue.N(Numbers.canonical(value.toPlainString()));
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

    /** DELETE: the set without the given members, or null when nothing is left. */
    private static AttributeValue withoutMembers(AttributeValue current, AttributeValue value) {
        if (current instanceof AttributeValue.SS c && value instanceof AttributeValue.SS v) {
            List<String> left = difference(c.value(), v.value());
            return left.isEmpty() ? null : new AttributeValue.SS(left);
        }
        if (current instanceof AttributeValue.NS c && value instanceof AttributeValue.NS v) {
            List<String> left = difference(c.value(), v.value());
            return left.isEmpty() ? null : new AttributeValue.NS(left);
        }
        if (current instanceof AttributeValue.BS c && value instanceof AttributeValue.BS v) {
            List<Binary> left = difference(c.value(), v.value());
            return left.isEmpty() ? null : new AttributeValue.BS(left);
        }
        throw Errors.validation(WRONG_TYPE);
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

    /** Writes {@code value} at {@code path}; the parent must exist. An index past a list's end appends. */
    private static void setAt(Map<String, AttributeValue> item, DocumentPath path, AttributeValue value) {
        List<PathElement> elements = path.elements();
        String name = path.topLevelName();
        if (elements.size() == 1) {
            item.put(name, value);
            return;
        }
        AttributeValue top = item.get(name);
        if (top == null) {
            throw Errors.validation(INVALID_PATH);
        }
        item.put(name, setIn(top, elements, 1, value));
    }

    private static AttributeValue setIn(AttributeValue container, List<PathElement> elements, int i, AttributeValue value) {
        boolean last = i == elements.size() - 1;
        PathElement step = elements.get(i);
        if (step instanceof PathElement.AttributeName name && container instanceof AttributeValue.M m) {
            Map<String, AttributeValue> copy = new LinkedHashMap<>(m.value());
            if (last) {
                copy.put(name.name(), value);
            } else {
                AttributeValue child = copy.get(name.name());
                if (child == null) {
                    throw Errors.validation(INVALID_PATH);
                }
                copy.put(name.name(), setIn(child, elements, i + 1, value));
            }
            return new AttributeValue.M(copy);
        }
        if (step instanceof PathElement.ListIndex index && container instanceof AttributeValue.L l) {
            List<AttributeValue> copy = new ArrayList<>(l.value());
            int at = index.index();
            if (last) {
                if (at < copy.size()) {
                    copy.set(at, value);
                } else {
                    copy.add(value);
                }
            } else {
                if (at >= copy.size()) {
                    throw Errors.validation(INVALID_PATH);
                }
                copy.set(at, setIn(copy.get(at), elements, i + 1, value));
            }
            return new AttributeValue.L(copy);
        }
        throw Errors.validation(INVALID_PATH);
    }

    /**
     * Every action needs its path's parent to exist in the old item, as a map (for a name) or a
     * list (for an index); the last step itself may be missing.
     */
    private static void requireParent(Map<String, AttributeValue> item, DocumentPath path) {
        List<PathElement> elements = path.elements();
        if (elements.size() == 1) {
            return;
        }
        AttributeValue parent = DocumentValues.valueAt(item, new DocumentPath(elements.subList(0, elements.size() - 1)));
        PathElement last = elements.get(elements.size() - 1);
        boolean fits = last instanceof PathElement.AttributeName ? parent instanceof AttributeValue.M
                : parent instanceof AttributeValue.L;
        if (!fits) {
            throw Errors.validation(INVALID_PATH);
        }
    }

    private static void removeAt(Map<String, AttributeValue> item, DocumentPath path) {
        List<PathElement> elements = path.elements();
        String name = path.topLevelName();
        if (elements.size() == 1) {
            item.remove(name);
            return;
        }
        item.put(name, removeIn(item.get(name), elements, 1));
    }

    private static AttributeValue removeIn(AttributeValue container, List<PathElement> elements, int i) {
        boolean last = i == elements.size() - 1;
        PathElement step = elements.get(i);
        if (container instanceof AttributeValue.M m && step instanceof PathElement.AttributeName name) {
            Map<String, AttributeValue> copy = new LinkedHashMap<>(m.value());
            if (last) {
                copy.remove(name.name());
            } else {
                copy.put(name.name(), removeIn(copy.get(name.name()), elements, i + 1));
            }
            return new AttributeValue.M(copy);
        }
        if (container instanceof AttributeValue.L l && step instanceof PathElement.ListIndex index) {
            List<AttributeValue> copy = new ArrayList<>(l.value());
            if (last) {
                copy.remove(index.index());
            } else {
                copy.set(index.index(), removeIn(copy.get(index.index()), elements, i + 1));
            }
            return new AttributeValue.L(copy);
        }
        // Checked against the old item before any change; a path that existed there still does.
        throw new IllegalStateException("path vanished during update: " + elements);
    }

    /** Orders paths step by step: names by text, list indexes by number. */
    private static int comparePaths(List<PathElement> a, List<PathElement> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
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
