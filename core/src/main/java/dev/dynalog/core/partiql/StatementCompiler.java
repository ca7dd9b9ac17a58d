package dev.dynalog.core.partiql;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dynalog.core.error.Errors;
import dev.dynalog.core.index.SecondaryIndex;
import dev.dynalog.core.model.KeyAttribute;
import dev.dynalog.core.model.KeySchema;
import dev.dynalog.core.model.TableDefinition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Compiles a {@link Statement} against its table's key schema into the JSON API requests that
 * carry it out (see {@link CompiledStatement}), the way DynamoDB plans PartiQL:
 * <ul>
 *   <li>a SELECT with an equality (or {@code IN}) on the partition key is a Query per value, with
 *       at most one sort key condition as key condition and the rest as filter; any other SELECT
 *       is a Scan with the whole WHERE clause as filter;</li>
 *   <li>INSERT is a PutItem on condition that the item does not exist;</li>
 *   <li>UPDATE and DELETE need an equality on every key attribute; the rest of the WHERE clause is
 *       the write's condition, and an UPDATE's also requires the item to exist.</li>
 * </ul>
 */
public final class StatementCompiler {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** The tables a statement may name; a missing one fails with the caller's error. */
    @FunctionalInterface
    public interface Tables {
        TableDefinition table(String name);
    }

    /** DynamoDB's error for an EXISTS that is not a condition on one item. */
    private static final String EXISTS_WITHOUT_CONDITION =
            "EXISTS() must contain a single item read with additional condition";

    private final Tables tables;

    public StatementCompiler(Tables tables) {
        this.tables = tables;
    }

    public CompiledStatement compile(Statement statement, boolean consistentRead) {
        if (statement instanceof Statement.Select s) {
            return select(s, consistentRead);
        }
        if (statement instanceof Statement.Insert i) {
            return insert(i);
        }
        if (statement instanceof Statement.Update u) {
            return update(u);
        }
        if (statement instanceof Statement.Delete d) {
            return delete(d);
        }
        return exists((Statement.Exists) statement);
    }

    private CompiledStatement.Read select(Statement.Select s, boolean consistentRead) {
        TableDefinition table = tables.table(s.table());
        KeySchema schema = table.keySchema();
        if (s.index().isPresent()) {
            SecondaryIndex index = table.indexes().named(s.index().get()).orElseThrow(() ->
                    Errors.validation("The table does not have the specified index: " + s.index().get()));
            if (index.isGlobal() && consistentRead) {
                throw Errors.validation("Consistent read cannot be true when scanning a GSI");
            }
            schema = index.keySchema();
        }
        Set<String> resultNames = new HashSet<>();
        for (Path p : s.projection()) {
            if (!resultNames.add(p.resultName())) {
                throw Errors.validation("Duplicate identifiers in select clause: " + p.resultName());
            }
        }
        boolean descending = orderBy(s, schema);
        List<Condition> conjuncts = s.where().map(StatementCompiler::conjuncts).orElse(List.of());

        KeyAttribute hash = schema.partitionKey();
        Optional<KeyAttribute> range = schema.sortKey();
        List<ObjectNode> hashValues = null;
        Condition hashConjunct = null;
        for (Condition c : conjuncts) {
            Optional<ObjectNode> eq = equality(c, hash.name());
            if (eq.isPresent()) {
                hashValues = List.of(checkedKey(hash, eq.get()));
                hashConjunct = c;
                break;
            }
            Optional<List<ObjectNode>> in = inList(c, hash.name());
            if (in.isPresent()) {
                hashValues = in.get().stream().map(v -> checkedKey(hash, v)).toList();
                hashConjunct = c;
                break;
            }
        }
        List<Condition> rest = new ArrayList<>(conjuncts);
        Condition rangeConjunct = null;
        if (hashConjunct != null) {
            rest.remove(hashConjunct);
            if (range.isPresent()) {
                for (Condition c : rest) {
                    if (isSortKeyCondition(c, range.get())) {
                        rangeConjunct = c;
                        break;
                    }
                }
                rest.remove(rangeConjunct);
            }
            for (Condition c : rest) {
                if (mentions(c, hash.name()) || range.filter(r -> mentions(c, r.name())).isPresent()) {
                    // A filter may not name a key attribute: DynamoDB answers such a SELECT by scanning.
                    hashConjunct = null;
                    break;
                }
            }
        }

        List<ObjectNode> requests = new ArrayList<>();
        String operation;
        if (hashConjunct != null) {
            operation = "Query";
            for (ObjectNode hashValue : hashValues) {
                ExpressionWriter w = new ExpressionWriter();
                ObjectNode q = readRequest(s, table, consistentRead, w);
                String keyCondition = w.path(new Path(List.of(new Path.Field(hash.name())))) + " = " + w.value(hashValue);
                if (rangeConjunct != null) {
                    keyCondition += " AND " + w.condition(rangeConjunct);
                }
                q.put("KeyConditionExpression", keyCondition);
                if (!rest.isEmpty()) {
                    q.put("FilterExpression", w.condition(and(rest)));
                }
                if (descending) {
                    q.put("ScanIndexForward", false);
                }
                requests.add(w.into(q));
            }
        } else {
            if (!s.orderBy().isEmpty()) {
                throw Errors.validation("Must have at least one non-optional hash key condition in WHERE clause when "
                        + "using ORDER BY clause.");
            }
            operation = "Scan";
            ExpressionWriter w = new ExpressionWriter();
            ObjectNode scan = readRequest(s, table, consistentRead, w);
            s.where().ifPresent(where -> scan.put("FilterExpression", w.condition(where)));
            requests.add(w.into(scan));
        }
        return new CompiledStatement.Read(table.name(), operation, requests, s.projection(),
                getRequest(s, table, conjuncts, false), getRequest(s, table, conjuncts, true));
    }

    private static ObjectNode readRequest(Statement.Select s, TableDefinition table, boolean consistentRead,
                                          ExpressionWriter w) {
        ObjectNode r = JSON.objectNode().put("TableName", table.name());
        s.index().ifPresent(i -> r.put("IndexName", i));
        if (consistentRead) {
            r.put("ConsistentRead", true);
        }
        projection(s, r, w);
        return r;
    }

    /**
     * The top-level attributes of the selected paths: the result takes each path's value out of
     * them (a projection of list elements would renumber the list's elements).
     */
    private static void projection(Statement.Select s, ObjectNode request, ExpressionWriter w) {
        if (!s.projection().isEmpty()) {
            List<String> attributes = s.projection().stream().map(Path::attribute).distinct()
                    .map(a -> w.path(new Path(List.of(new Path.Field(a))))).toList();
            request.put("ProjectionExpression", String.join(", ", attributes));
        }
    }

    /** A GetItem for a SELECT of one item by its whole key, with no other condition; else empty. */
    private Optional<ObjectNode> getRequest(Statement.Select s, TableDefinition table, List<Condition> conjuncts,
                                            boolean topLevel) {
        if (s.index().isPresent() || conjuncts.size() != table.keySchema().size()) {
            return Optional.empty();
        }
        ObjectNode key = JSON.objectNode();
        for (KeyAttribute k : keyAttributes(table.keySchema())) {
            Optional<ObjectNode> v = conjuncts.stream().map(c -> equality(c, k.name())).flatMap(Optional::stream)
                    .findFirst();
            if (v.isEmpty()) {
                return Optional.empty();
            }
            key.set(k.name(), v.get());
        }
        // A GetItem's projection is the JSON API's: nested paths keep their place in the item.
        ExpressionWriter w = new ExpressionWriter();
        ObjectNode get = JSON.objectNode().put("TableName", table.name());
        get.set("Key", key);
        if (topLevel) {
            projection(s, get, w);
        } else if (!s.projection().isEmpty()) {
            get.put("ProjectionExpression", String.join(", ", s.projection().stream().map(w::path).toList()));
        }
        return Optional.of(w.into(get));
    }

    /** True for ORDER BY the sort key descending; refuses an ORDER BY that DynamoDB refuses. */
    private static boolean orderBy(Statement.Select s, KeySchema schema) {
        if (s.orderBy().isEmpty()) {
            return false;
        }
        if (s.where().isEmpty()) {
            throw Errors.validation("Must have WHERE clause in the statement when using ORDER BY clause.");
        }
        boolean descending = false;
        for (Statement.OrderItem o : s.orderBy()) {
            if (!o.path().isTopLevel() || !schema.isKeyAttribute(o.path().attribute())) {
                throw Errors.validation("Variable reference " + o.path().attribute()
                        + " in ORDER BY clause must be part of the primary key");
            }
            if (schema.sortKey().filter(k -> k.name().equals(o.path().attribute())).isPresent()) {
                descending = o.descending();
            }
        }
        return descending;
    }

    private CompiledStatement.Write insert(Statement.Insert i) {
        TableDefinition table = tables.table(i.table());
        ObjectNode key = JSON.objectNode();
        for (KeyAttribute k : keyAttributes(table.keySchema())) {
            if (!i.item().has(k.name())) {
                throw Errors.validation("Key attribute should be present in the item: Key " + k.name());
            }
            key.set(k.name(), checkedKey(k, (ObjectNode) i.item().get(k.name())));
        }
        ExpressionWriter w = new ExpressionWriter();
        ObjectNode put = JSON.objectNode().put("TableName", table.name());
        put.set("Item", i.item());
        put.put("ConditionExpression", "attribute_not_exists("
                + w.path(new Path(List.of(new Path.Field(table.keySchema().partitionKey().name())))) + ")");
        return new CompiledStatement.Write(table.name(), "PutItem", w.into(put), true, key, Optional.empty());
    }

    private CompiledStatement.Write update(Statement.Update u) {
        TableDefinition table = writeTarget(u.table(), u.index());
        List<Condition> rest = new ArrayList<>(u.where().map(StatementCompiler::conjuncts).orElse(List.of()));
        ObjectNode key = key(table, rest);
        ExpressionWriter w = new ExpressionWriter();
        List<String> sets = new ArrayList<>();
        List<String> adds = new ArrayList<>();
        List<String> deletes = new ArrayList<>();
        for (Statement.SetAction a : u.sets()) {
            if (a.value() instanceof Operand.Call call && isSetFunction(call)) {
                // set_add and set_delete are the expression language's ADD and DELETE of set members.
                List<Operand> args = call.arguments();
                if (args.size() != 2 || !(args.get(0) instanceof Operand.PathOperand p) || !p.path().equals(a.path())
                        || !(args.get(1) instanceof Operand.Literal members)) {
                    throw Errors.validation("Incorrect number of operands for operator or function; operator or "
                            + "function: " + call.function() + ", number of operands: " + args.size());
                }
                String clause = w.path(a.path()) + " " + w.value(members.value());
                (call.function().equalsIgnoreCase("set_add") ? adds : deletes).add(clause);
            } else {
                sets.add(w.path(a.path()) + " = " + w.updateOperand(a.value()));
            }
        }
        List<String> clauses = new ArrayList<>();
        if (!sets.isEmpty()) {
            clauses.add("SET " + String.join(", ", sets));
        }
        if (!u.removes().isEmpty()) {
            clauses.add("REMOVE " + String.join(", ", u.removes().stream().map(w::path).toList()));
        }
        if (!adds.isEmpty()) {
            clauses.add("ADD " + String.join(", ", adds));
        }
        if (!deletes.isEmpty()) {
            clauses.add("DELETE " + String.join(", ", deletes));
        }
        ObjectNode update = JSON.objectNode().put("TableName", table.name());
        update.set("Key", key);
        update.put("UpdateExpression", String.join(" ", clauses));
        String exists = "attribute_exists("
                + w.path(new Path(List.of(new Path.Field(table.keySchema().partitionKey().name())))) + ")";
        update.put("ConditionExpression", rest.isEmpty() ? exists : exists + " AND (" + w.condition(and(rest)) + ")");
        Optional<List<String>> modified = Optional.empty();
        if (u.returning().isPresent()) {
            String returning = u.returning().get();
            update.put("ReturnValues", returning.replace("UPDATED_", "ALL_"));
            if (returning.startsWith("UPDATED_")) {
                List<String> names = new ArrayList<>();
                u.sets().forEach(a -> names.add(a.path().attribute()));
                u.removes().forEach(r -> names.add(r.attribute()));
                modified = Optional.of(names.stream().distinct().toList());
            }
        }
        return new CompiledStatement.Write(table.name(), "UpdateItem", w.into(update), false, key, modified);
    }

    /** The table of an UPDATE or DELETE, which may not name an index. */
    private TableDefinition writeTarget(String name, Optional<String> index) {
        TableDefinition table = tables.table(name);
        if (index.isPresent()) {
            if (table.indexes().named(index.get()).isPresent()) {
                throw Errors.validation("This operation is not supported on an index");
            }
            throw Errors.validation("Table name should be within the length [3, 255] and only contain 'a-z', 'A-Z', "
                    + "'0-9', '-', '_', '.'.");
        }
        return table;
    }

    private static boolean isSetFunction(Operand.Call call) {
        return call.function().equalsIgnoreCase("set_add") || call.function().equalsIgnoreCase("set_delete");
    }

    private CompiledStatement.Write delete(Statement.Delete d) {
        TableDefinition table = writeTarget(d.table(), d.index());
        List<Condition> rest = new ArrayList<>(d.where().map(StatementCompiler::conjuncts).orElse(List.of()));
        ObjectNode key = key(table, rest);
        ExpressionWriter w = new ExpressionWriter();
        ObjectNode delete = JSON.objectNode().put("TableName", table.name());
        delete.set("Key", key);
        if (!rest.isEmpty()) {
            delete.put("ConditionExpression", w.condition(and(rest)));
        }
        d.returning().ifPresent(r -> delete.put("ReturnValues", r));
        return new CompiledStatement.Write(table.name(), "DeleteItem", w.into(delete), false, key, Optional.empty());
    }

    private CompiledStatement.Check exists(Statement.Exists e) {
        TableDefinition table = tables.table(e.table());
        List<Condition> rest = new ArrayList<>(e.select().where().map(StatementCompiler::conjuncts).orElse(List.of()));
        ObjectNode key;
        try {
            key = key(table, rest);
        } catch (RuntimeException notByKey) {
            throw Errors.validation(EXISTS_WITHOUT_CONDITION);
        }
        if (rest.isEmpty()) {
            throw Errors.validation(EXISTS_WITHOUT_CONDITION);
        }
        ExpressionWriter w = new ExpressionWriter();
        ObjectNode check = JSON.objectNode().put("TableName", table.name());
        check.set("Key", key);
        String exists = "attribute_exists("
                + w.path(new Path(List.of(new Path.Field(table.keySchema().partitionKey().name())))) + ")";
        check.put("ConditionExpression", rest.isEmpty() ? exists : exists + " AND (" + w.condition(and(rest)) + ")");
        return new CompiledStatement.Check(table.name(), w.into(check), key);
    }

    /**
     * The write's primary key from the equalities of its WHERE clause, which are taken out of
     * {@code conjuncts}; what is left is the write's condition.
     */
    private static ObjectNode key(TableDefinition table, List<Condition> conjuncts) {
        ObjectNode key = JSON.objectNode();
        for (KeyAttribute k : keyAttributes(table.keySchema())) {
            Condition found = null;
            for (Condition c : conjuncts) {
                Optional<ObjectNode> v = equality(c, k.name());
                if (v.isPresent()) {
                    key.set(k.name(), checkedKey(k, v.get()));
                    found = c;
                    break;
                }
            }
            if (found == null) {
                throw Errors.validation("Where clause does not contain a mandatory equality on all key attributes");
            }
            conjuncts.remove(found);
            if (conjuncts.stream().anyMatch(c -> equality(c, k.name()).isPresent())) {
                throw Errors.validation("Multiple conditions on same key " + k.name()
                        + ". Only single item Update/Insert/Delete are supported");
            }
        }
        return key;
    }

    private static List<KeyAttribute> keyAttributes(KeySchema schema) {
        List<KeyAttribute> keys = new ArrayList<>();
        keys.add(schema.partitionKey());
        schema.sortKey().ifPresent(keys::add);
        return keys;
    }

    private static ObjectNode checkedKey(KeyAttribute k, ObjectNode value) {
        if (value.size() != 1 || !value.has(k.type().name())) {
            throw Errors.validation("Key attribute's data type should match its data type in table's schema: Key "
                    + k.name());
        }
        return value;
    }

    /** The top-level ANDs of a condition, in order. */
    static List<Condition> conjuncts(Condition c) {
        List<Condition> out = new ArrayList<>();
        if (c instanceof Condition.And a) {
            out.addAll(conjuncts(a.left()));
            out.addAll(conjuncts(a.right()));
        } else {
            out.add(c);
        }
        return out;
    }

    private static Condition and(List<Condition> conjuncts) {
        Condition c = conjuncts.get(0);
        for (int i = 1; i < conjuncts.size(); i++) {
            c = new Condition.And(c, conjuncts.get(i));
        }
        return c;
    }

    /** The value of {@code attribute = value} (either way round), if the condition is that. */
    private static Optional<ObjectNode> equality(Condition c, String attribute) {
        if (c instanceof Condition.Comparison cmp && cmp.operator().equals("=")) {
            if (isAttribute(cmp.left(), attribute) && cmp.right() instanceof Operand.Literal l) {
                return Optional.of(l.value());
            }
            if (isAttribute(cmp.right(), attribute) && cmp.left() instanceof Operand.Literal l) {
                return Optional.of(l.value());
            }
        }
        return Optional.empty();
    }

    private static Optional<List<ObjectNode>> inList(Condition c, String attribute) {
        if (c instanceof Condition.In in && !in.negated() && isAttribute(in.operand(), attribute)
                && in.candidates().stream().allMatch(o -> o instanceof Operand.Literal)) {
            return Optional.of(in.candidates().stream().map(o -> ((Operand.Literal) o).value()).toList());
        }
        return Optional.empty();
    }

    /** A condition that a Query's KeyConditionExpression takes for the sort key. */
    private static boolean isSortKeyCondition(Condition c, KeyAttribute sortKey) {
        String name = sortKey.name();
        if (c instanceof Condition.Comparison cmp && !cmp.operator().equals("<>")) {
            boolean keyLeft = isAttribute(cmp.left(), name) && cmp.right() instanceof Operand.Literal;
            boolean keyRight = isAttribute(cmp.right(), name) && cmp.left() instanceof Operand.Literal;
            if (keyLeft || keyRight) {
                checkedKey(sortKey, ((Operand.Literal) (keyLeft ? cmp.right() : cmp.left())).value());
                return true;
            }
            return false;
        }
        if (c instanceof Condition.Between b && !b.negated() && isAttribute(b.operand(), name)
                && b.low() instanceof Operand.Literal low && b.high() instanceof Operand.Literal high) {
            checkedKey(sortKey, low.value());
            checkedKey(sortKey, high.value());
            return true;
        }
        return c instanceof Condition.CallCondition call && call.call().function().equalsIgnoreCase("begins_with")
                && call.call().arguments().size() == 2 && isAttribute(call.call().arguments().get(0), name)
                && call.call().arguments().get(1) instanceof Operand.Literal;
    }

    private static boolean isAttribute(Operand o, String attribute) {
        return o instanceof Operand.PathOperand p && p.path().isTopLevel() && p.path().attribute().equals(attribute);
    }

    /** Whether the condition names the top-level attribute anywhere. */
    private static boolean mentions(Condition c, String attribute) {
        if (c instanceof Condition.And a) {
            return mentions(a.left(), attribute) || mentions(a.right(), attribute);
        }
        if (c instanceof Condition.Or o) {
            return mentions(o.left(), attribute) || mentions(o.right(), attribute);
        }
        if (c instanceof Condition.Not n) {
            return mentions(n.condition(), attribute);
        }
        if (c instanceof Condition.Comparison cmp) {
            return mentions(cmp.left(), attribute) || mentions(cmp.right(), attribute);
        }
        if (c instanceof Condition.Between b) {
            return mentions(b.operand(), attribute) || mentions(b.low(), attribute) || mentions(b.high(), attribute);
        }
        if (c instanceof Condition.In in) {
            return mentions(in.operand(), attribute) || in.candidates().stream().anyMatch(o -> mentions(o, attribute));
        }
        if (c instanceof Condition.Is is) {
            return mentions(is.operand(), attribute);
        }
        return mentions(((Condition.CallCondition) c).call(), attribute);
    }

    private static boolean mentions(Operand o, String attribute) {
        if (o instanceof Operand.PathOperand p) {
            return p.path().attribute().equals(attribute);
        }
        if (o instanceof Operand.Call call) {
            return call.arguments().stream().anyMatch(a -> mentions(a, attribute));
        }
        if (o instanceof Operand.Arithmetic a) {
            return mentions(a.left(), attribute) || mentions(a.right(), attribute);
        }
        return false;
    }
}
