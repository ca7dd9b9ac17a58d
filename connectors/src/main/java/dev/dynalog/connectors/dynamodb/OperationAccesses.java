package dev.dynalog.connectors.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynalog.connectors.http.Access;
import dev.dynalog.core.partiql.Statement;
import dev.dynalog.core.partiql.StatementParser;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The IAM permissions each DynamoDB operation needs, as DynamoDB's authorization reference lists
 * them: the operation's own action on its table (or on the index of a Query or Scan with
 * IndexName); BatchGetItem and BatchWriteItem their action on every table named; each action of
 * TransactWriteItems the action of the single-item call it stands for (PutItem, UpdateItem,
 * DeleteItem, ConditionCheckItem) and TransactGetItems GetItem on each table; the tagging calls
 * the ResourceArn given; each PartiQL statement its PartiQL action on its table or index; calls on
 * no table (ListTables, DescribeLimits, DescribeEndpoints) on {@code *}.
 */
final class OperationAccesses {
    private static final Map<String, String> TRANSACT_WRITE_ACTIONS = Map.of("Put", "PutItem", "Update", "UpdateItem",
            "Delete", "DeleteItem", "ConditionCheck", "ConditionCheckItem");

    private final UnaryOperator<String> tableArn;

    OperationAccesses(UnaryOperator<String> tableArn) {
        this.tableArn = tableArn;
    }

    List<Access> of(String operation, JsonNode request) {
        String action = "dynamodb:" + operation;
        List<Access> accesses = new ArrayList<>();
        switch (operation) {
            case "BatchGetItem", "BatchWriteItem" -> {
                for (Iterator<String> tables = request.path("RequestItems").fieldNames(); tables.hasNext(); ) {
                    accesses.add(new Access(action, tableArn.apply(tables.next())));
                }
            }
            case "TransactWriteItems" -> {
                for (JsonNode item : request.path("TransactItems")) {
                    for (Map.Entry<String, String> kind : TRANSACT_WRITE_ACTIONS.entrySet()) {
                        if (item.has(kind.getKey())) {
                            accesses.add(new Access("dynamodb:" + kind.getValue(),
                                    table(item.get(kind.getKey()).path("TableName"))));
                        }
                    }
                }
            }
            case "TransactGetItems" -> {
                for (JsonNode item : request.path("TransactItems")) {
                    accesses.add(new Access("dynamodb:GetItem", table(item.path("Get").path("TableName"))));
                }
            }
            case "ExecuteStatement" -> statement(request, accesses);
            case "BatchExecuteStatement" -> request.path("Statements").forEach(s -> statement(s, accesses));
            case "ExecuteTransaction" -> request.path("TransactStatements").forEach(s -> statement(s, accesses));
            case "TagResource", "UntagResource", "ListTagsOfResource" ->
                    accesses.add(new Access(action, request.path("ResourceArn").asText(Access.ANY_RESOURCE)));
            case "RestoreTableToPointInTime" -> {
                JsonNode source = request.path("SourceTableName");
                accesses.add(new Access(action, source.isTextual() ? table(source)
                        : request.path("SourceTableArn").asText(Access.ANY_RESOURCE)));
                accesses.add(new Access(action, table(request.path("TargetTableName"))));
            }
            default -> {
                JsonNode name = request.path("TableName");
                if (!name.isTextual()) {
                    accesses.add(new Access(action, Access.ANY_RESOURCE));
                } else if (request.path("IndexName").isTextual()) {
                    accesses.add(new Access(action, table(name) + "/index/" + request.get("IndexName").asText()));
                } else {
                    accesses.add(new Access(action, table(name)));
                }
            }
        }
        if (accesses.isEmpty()) {
            // An empty batch still needs permission for something, or it would pass unchecked.
            accesses.add(new Access(action, Access.ANY_RESOURCE));
        }
        return accesses;
    }

    /**
     * A PartiQL statement's permission, as IAM names them: PartiQLSelect (also for EXISTS),
     * PartiQLInsert, PartiQLUpdate or PartiQLDelete on its table, or on the index it reads. A
     * statement that does not parse adds none: it changes nothing, and the operation answers its
     * error (a request with no statement that parses needs the operation's own action on *).
     */
    private void statement(JsonNode member, List<Access> accesses) {
        Statement statement;
        try {
            List<JsonNode> parameters = new ArrayList<>();
            member.path("Parameters").forEach(parameters::add);
            statement = StatementParser.parse(member.path("Statement").asText(""), parameters);
        } catch (RuntimeException e) {
            return;
        }
        String action = statement instanceof Statement.Insert ? "PartiQLInsert"
                : statement instanceof Statement.Update ? "PartiQLUpdate"
                : statement instanceof Statement.Delete ? "PartiQLDelete" : "PartiQLSelect";
        String resource = tableArn.apply(statement.table());
        if (statement instanceof Statement.Select select && select.index().isPresent()) {
            resource += "/index/" + select.index().get();
        }
        accesses.add(new Access("dynamodb:" + action, resource));
    }

    private String table(JsonNode name) {
        return name.isTextual() ? tableArn.apply(name.asText()) : Access.ANY_RESOURCE;
    }
}
