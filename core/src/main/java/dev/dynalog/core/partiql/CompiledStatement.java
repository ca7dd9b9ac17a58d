package dev.dynalog.core.partiql;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * A statement compiled into requests of the JSON API's item operations, which run it as they run
 * their own requests: the same validation, commands, conditions decided by the processor, change
 * records and index updates.
 */
public sealed interface CompiledStatement permits CompiledStatement.Read, CompiledStatement.Write,
        CompiledStatement.Check {

    String table();

    /**
     * A SELECT: Query requests run one after the other (one per partition key value of an
     * {@code IN}), or one Scan.
     *
     * @param operation  {@code Query} or {@code Scan}
     * @param projection the selected paths (empty for {@code *}), whose values the result carries
     *                   under their {@link Path#resultName()}
     * @param get        a GetItem request for the item, when the statement selects one item of the
     *                   table by its whole primary key and has no other condition (what
     *                   BatchExecuteStatement and ExecuteTransaction accept, and answer with the
     *                   item as GetItem projects it, nested paths in their place)
     * @param getOne     the same GetItem with the selected paths' top-level attributes as its
     *                   projection, for ExecuteStatement, whose result carries each path's value
     *                   under its result name
     */
    record Read(String table, String operation, List<ObjectNode> requests, List<Path> projection,
                Optional<ObjectNode> get, Optional<ObjectNode> getOne) implements CompiledStatement {
        public Read {
            requests = List.copyOf(requests);
            projection = List.copyOf(projection);
        }

        /** Whether the SELECT reads an index ({@code FROM "T"."I"}). */
        public boolean index() {
            return requests.get(0).has("IndexName");
        }
    }

    /**
     * An INSERT (PutItem), UPDATE (UpdateItem) or DELETE (DeleteItem).
     *
     * @param insert true for an INSERT, whose failed condition DynamoDB reports as a duplicate item
     * @param key    the item's primary key
     * @param modified for {@code RETURNING MODIFIED ...}, the top-level attributes the update names,
     *                 which are what it returns, whole (not just the changed paths of them);
     *                 empty to return what the request's ReturnValues returns
     */
    record Write(String table, String operation, ObjectNode request, boolean insert, ObjectNode key,
                 Optional<List<String>> modified) implements CompiledStatement {
    }

    /** An EXISTS of ExecuteTransaction: a ConditionCheck action. */
    record Check(String table, ObjectNode request, ObjectNode key) implements CompiledStatement {
    }
}
