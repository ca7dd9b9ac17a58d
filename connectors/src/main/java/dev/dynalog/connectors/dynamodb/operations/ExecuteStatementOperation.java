package dev.dynalog.connectors.dynamodb.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynalog.connectors.dynamodb.JsonWritable;
import dev.dynalog.connectors.dynamodb.Operation;
import dev.dynalog.connectors.dynamodb.RequestFields;
import dev.dynalog.connectors.dynamodb.partiql.StatementRunner;
import dev.dynalog.core.partiql.CompiledStatement;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * ExecuteStatement: one PartiQL statement, compiled into a GetItem-like Query, a Scan, a PutItem,
 * an UpdateItem or a DeleteItem and run by that operation (see StatementCompiler).
 */
public final class ExecuteStatementOperation implements Operation {
    private final StatementRunner runner;

    public ExecuteStatementOperation(StatementRunner runner) {
        this.runner = runner;
    }

    @Override
    public CompletableFuture<JsonWritable> execute(JsonNode request) {
        RequestFields f = new RequestFields(request);
        Integer limit = f.integer("Limit", 1);
        boolean consistent = f.bool("ConsistentRead", false);
        // Checked here: a read does not pass it on to an operation that would check it.
        f.enumValue("ReturnValuesOnConditionCheckFailure", List.of("ALL_OLD", "NONE"));
        String token = f.string("NextToken");
        f.check();
        CompiledStatement compiled = runner.compile(request.get("Statement"), request.get("Parameters"), consistent,
                false);
        JsonNode capacity = request.get("ReturnConsumedCapacity");
        if (compiled instanceof CompiledStatement.Read read) {
            if (read.getOne().isPresent() && limit == null && token == null) {
                return runner.readOne(read, consistent, capacity).thenApply(body -> json -> json.writeTree(body));
            }
            return runner.read(read, limit, token, capacity).thenApply(body -> json -> json.writeTree(body));
        }
        if (compiled instanceof CompiledStatement.Write write) {
            return runner.write(write, request.get("ReturnValuesOnConditionCheckFailure"), capacity)
                    .thenApply(body -> json -> json.writeTree(body));
        }
        throw new IllegalStateException("EXISTS compiled outside a transaction");
    }
}
