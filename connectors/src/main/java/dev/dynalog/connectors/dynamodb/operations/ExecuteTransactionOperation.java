package dev.dynalog.connectors.dynamodb.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dynalog.connectors.dynamodb.JsonWritable;
import dev.dynalog.connectors.dynamodb.Operation;
import dev.dynalog.connectors.dynamodb.partiql.ItemOperations;
import dev.dynalog.connectors.dynamodb.partiql.StatementRunner;
import dev.dynalog.core.error.CancellationReason;
import dev.dynalog.core.error.DynamoDbException;
import dev.dynalog.core.error.Errors;
import dev.dynalog.core.error.TransactionCanceledException;
import dev.dynalog.core.partiql.CompiledStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * ExecuteTransaction: PartiQL statements run as one TransactWriteItems (INSERT as a Put on
 * condition that the item is new, UPDATE, DELETE, EXISTS as a ConditionCheck) or one
 * TransactGetItems (SELECTs of one item each), so they go through the transaction protocol with
 * its ClientRequestToken idempotency and cancellation reasons.
 */
public final class ExecuteTransactionOperation implements Operation {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StatementRunner runner;
    private final ItemOperations operations;

    public ExecuteTransactionOperation(StatementRunner runner, ItemOperations operations) {
        this.runner = runner;
        this.operations = operations;
    }

    @Override
    public CompletableFuture<JsonWritable> execute(JsonNode request) {
        JsonNode statements = request.get("TransactStatements");
        if (statements == null || !statements.isArray() || statements.isEmpty()) {
            throw Errors.validation("ExecutePartiQLTransaction can not have empty statement.");
        }
        List<CompiledStatement> compiled = new ArrayList<>();
        boolean reads = false;
        boolean writes = false;
        for (int i = 0; i < statements.size(); i++) {
            JsonNode s = statements.get(i);
            CompiledStatement c;
            try {
                c = runner.compile(s.get("Statement"), s.get("Parameters"), false, true);
            } catch (DynamoDbException e) {
                // DynamoDB names the statement a validation failed in, but not for a malformed one.
                if (e.type().equals("ValidationException") && !e.getMessage().startsWith("Statement wasn't well formed")) {
                    throw invalid(i, e.getMessage());
                }
                throw e;
            }
            if (c instanceof CompiledStatement.Read r && r.index()) {
                throw invalid(i, "Reads on indices are not supported within transactions.");
            }
            if (c instanceof CompiledStatement.Read r && r.get().isEmpty()) {
                throw invalid(i, "Select statements within ExecuteTransaction must specify the primary key in the "
                        + "where clause.");
            }
            if (c instanceof CompiledStatement.Write w && w.request().has("ReturnValues")) {
                throw invalid(i, "RETURNING clause is not supported in ExecuteTransaction.");
            }
            reads |= c instanceof CompiledStatement.Read;
            writes |= !(c instanceof CompiledStatement.Read);
            compiled.add(c);
        }
        if (reads && writes) {
            throw Errors.validation("ExecuteTransaction API does not support both read and write operations in the "
                    + "same request.");
        }
        return reads ? get(compiled, request) : write(compiled, statements, request);
    }

    private CompletableFuture<JsonWritable> get(List<CompiledStatement> compiled, JsonNode request) {
        ObjectNode transact = JSON.createObjectNode();
        ArrayNode items = transact.putArray("TransactItems");
        compiled.forEach(c -> items.addObject().set("Get", ((CompiledStatement.Read) c).get().orElseThrow()));
        copy(request, transact, "ReturnConsumedCapacity");
        return operations.call("TransactGetItems", transact).thenApply(answer -> {
            ObjectNode out = JSON.createObjectNode();
            ArrayNode responses = out.putArray("Responses");
            for (int i = 0; i < compiled.size(); i++) {
                ObjectNode response = responses.addObject();
                JsonNode item = answer.path("Responses").path(i).get("Item");
                if (item != null) {
                    response.set("Item", item);
                }
            }
            if (answer.has("ConsumedCapacity")) {
                out.set("ConsumedCapacity", answer.get("ConsumedCapacity"));
            }
            return json -> json.writeTree(out);
        });
    }

    private CompletableFuture<JsonWritable> write(List<CompiledStatement> compiled, JsonNode statements,
                                                  JsonNode request) {
        ObjectNode transact = JSON.createObjectNode();
        ArrayNode items = transact.putArray("TransactItems");
        for (int i = 0; i < compiled.size(); i++) {
            CompiledStatement c = compiled.get(i);
            ObjectNode action;
            String kind;
            if (c instanceof CompiledStatement.Check check) {
                action = check.request().deepCopy();
                kind = "ConditionCheck";
            } else {
                CompiledStatement.Write w = (CompiledStatement.Write) c;
                action = w.request().deepCopy();
                action.remove("ReturnValues");
                kind = switch (w.operation()) {
                    case "PutItem" -> "Put";
                    case "UpdateItem" -> "Update";
                    default -> "Delete";
                };
            }
            copy(statements.get(i), action, "ReturnValuesOnConditionCheckFailure");
            items.addObject().set(kind, action);
        }
        copy(request, transact, "ClientRequestToken");
        copy(request, transact, "ReturnConsumedCapacity");
        return operations.call("TransactWriteItems", transact).handle((answer, error) -> {
            if (error != null) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                if (cause instanceof TransactionCanceledException canceled) {
                    throw duplicatesNamed(canceled, compiled);
                }
                throw cause instanceof RuntimeException r ? r : new CompletionException(cause);
            }
            ObjectNode out = JSON.createObjectNode();
            out.putArray("Responses");
            if (answer.has("ConsumedCapacity")) {
                out.set("ConsumedCapacity", answer.get("ConsumedCapacity"));
            }
            return json -> json.writeTree(out);
        });
    }

    /** An INSERT whose item exists is cancelled for a duplicate key, not for its Put's condition. */
    private static DynamoDbException duplicatesNamed(TransactionCanceledException canceled,
                                                     List<CompiledStatement> compiled) {
        List<CancellationReason> reasons = new ArrayList<>();
        for (int i = 0; i < canceled.reasons().size(); i++) {
            CancellationReason r = canceled.reasons().get(i);
            boolean insert = compiled.get(i) instanceof CompiledStatement.Write w && w.insert();
            reasons.add(insert && r.code().equals(CancellationReason.CONDITIONAL_CHECK_FAILED)
                    ? CancellationReason.validationError("Duplicate primary key exists in table") : r);
        }
        return Errors.transactionCanceled(reasons);
    }

    private static DynamoDbException invalid(int statement, String message) {
        return Errors.validation("Validation failed in TransactStatements[" + statement + "]: " + message);
    }

    private static void copy(JsonNode from, ObjectNode to, String member) {
        if (from.hasNonNull(member)) {
            to.set(member, from.get(member));
        }
    }
}
