package dev.dynalog.core.partiql;

import java.util.List;
import java.util.Optional;

/** A parsed PartiQL statement, before its table is known. */
public sealed interface Statement permits Statement.Select, Statement.Insert, Statement.Update, Statement.Delete,
        Statement.Exists {

    /** The table the statement names. */
    String table();

    /**
     * @param index      the index of {@code FROM "T"."I"}, if named
     * @param projection the selected paths; empty for {@code *}
     * @param where      the WHERE clause, if any
     * @param orderBy    the ORDER BY items
     */
    record Select(String table, Optional<String> index, List<Path> projection, Optional<Condition> where,
                  List<OrderItem> orderBy) implements Statement {
        public Select {
            projection = List.copyOf(projection);
            orderBy = List.copyOf(orderBy);
        }
    }

    record OrderItem(Path path, boolean descending) {
    }

    /** {@code INSERT INTO T VALUE {...}}; the item is a DynamoDB JSON map. */
    record Insert(String table, com.fasterxml.jackson.databind.node.ObjectNode item) implements Statement {
    }

    record SetAction(Path path, Operand value) {
    }

    /**
     * @param index     the index of {@code UPDATE "T"."I"}, which DynamoDB refuses
     * @param returning ReturnValues of {@code RETURNING ...}: ALL_OLD, UPDATED_OLD, ALL_NEW,
     *                  UPDATED_NEW; empty for none
     */
    record Update(String table, Optional<String> index, List<SetAction> sets, List<Path> removes, Optional<Condition> where,
                  Optional<String> returning) implements Statement {
        public Update {
            sets = List.copyOf(sets);
            removes = List.copyOf(removes);
        }
    }

    record Delete(String table, Optional<String> index, Optional<Condition> where, Optional<String> returning) implements Statement {
    }

    /** {@code EXISTS(SELECT ...)}: a condition check, only in ExecuteTransaction. */
    record Exists(Select select) implements Statement {
        @Override
        public String table() {
            return select.table();
        }
    }
}
