package dev.dynalog.connectors.dynamodb.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dynalog.connectors.dynamodb.JsonWritable;
import dev.dynalog.connectors.dynamodb.Operation;
import dev.dynalog.connectors.dynamodb.partiql.CapacitySums;
import dev.dynalog.connectors.dynamodb.partiql.ItemOperations;
import dev.dynalog.connectors.dynamodb.partiql.StatementRunner;
import dev.dynalog.core.error.DynamoDbException;
import dev.dynalog.core.error.Errors;
import dev.dynalog.core.partiql.CompiledStatement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * BatchExecuteStatement: up to 25 statements, all reads (each a GetItem of one item by its key)
 * or all writes (each run on its own, as ExecuteStatement runs it); every statement gets its own
 * result or error, in request order.
 */
public final class BatchExecuteStatementOperation implements Operation {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_STATEMENTS = 25;
    private static final Map<String, String> CODES = Map.ofEntries(
            Map.entry("ConditionalCheckFailedException", "ConditionalCheckFailed"),
            Map.entry("DuplicateItemException", "DuplicateItem"),
            Map.entry("ValidationException", "ValidationError"),
            Map.entry("ResourceNotFoundException", "ResourceNotFound"),
            Map.entry("ProvisionedThroughputExceededException", "ProvisionedThroughputExceeded"),
            Map.entry("TransactionConflictException", "TransactionConflict"),
            Map.entry("ItemCollectionSizeLimitExceededException", "ItemCollectionSizeLimitExceeded"),
            Map.entry("RequestLimitExceeded", "RequestLimitExceeded"),
            Map.entry("ThrottlingException", "ThrottlingError"),
            Map.entry("AccessDeniedException", "AccessDenied"));

    private final StatementRunner runner;
    private final ItemOperations operations;

    public BatchExecuteStatementOperation(StatementRunner runner, ItemOperations operations) {
        this.runner = runner;
        this.operations = operations;
    }

    @Override
    public CompletableFuture<JsonWritable> execute(JsonNode request) {
        JsonNode statements = request.get("Statements");
        if (statements == null || !statements.isArray() || statements.isEmpty()) {
            throw Errors.validation("The statement was empty.");
        }
        int n = statements.size();
        List<Object> compiled = new ArrayList<>(n);
        boolean reads = false;
        boolean writes = false;
        for (JsonNode s : statements) {
            try {
                CompiledStatement c = runner.compile(s.get("Statement"), s.get("Parameters"),
                        s.path("ConsistentRead").asBoolean(false), false);
                reads |= c instanceof CompiledStatement.Read;
                writes |= c instanceof CompiledStatement.Write;
                compiled.add(c);
            } catch (DynamoDbException e) {
                compiled.add(e);
            }
        }
        if (reads && writes) {
            throw Errors.validation("Read and write requests together in the same batch is not supported.");
        }
        if (n > MAX_STATEMENTS) {
            throw Errors.validation(reads ? "BatchGetItem cannot fetch more than 25 items"
                    : "Too many items requested for the BatchWriteItem call");
        }
        Set<String> keys = new HashSet<>();
        for (Object c : compiled) {
            String key = c instanceof CompiledStatement.Write w ? w.table() + w.key()
                    : c instanceof CompiledStatement.Read r && r.get().isPresent()
                            ? r.table() + r.get().get().get("Key") : null;
            if (key != null && !keys.add(key)) {
                throw Errors.validation("Provided list of item keys contains duplicates");
            }
        }
        JsonNode capacity = request.get("ReturnConsumedCapacity");
        List<JsonNode> consumed = java.util.Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<ObjectNode>> results = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            results.add(run(compiled.get(i), statements.get(i), capacity, consumed));
        }
        return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).thenApply(done -> {
            ObjectNode out = JSON.createObjectNode();
            ArrayNode responses = out.putArray("Responses");
            results.forEach(r -> responses.add(r.join()));
            if (!consumed.isEmpty()) {
                out.set("ConsumedCapacity", CapacitySums.byTable(consumed));
            }
            return json -> json.writeTree(out);
        });
    }

    private CompletableFuture<ObjectNode> run(Object compiled, JsonNode statement, JsonNode capacity,
                                              List<JsonNode> consumed) {
        if (compiled instanceof DynamoDbException e) {
            return CompletableFuture.completedFuture(error(e, null));
        }
        if (compiled instanceof CompiledStatement.Read r) {
            if (r.get().isEmpty()) {
                return CompletableFuture.completedFuture(
                        error(Errors.validation("Only single item select is supported"), null));
            }
            ObjectNode get = r.get().get().deepCopy();
            if (statement.path("ConsistentRead").asBoolean(false)) {
                get.put("ConsistentRead", true);
            }
            if (capacity != null) {
                get.set("ReturnConsumedCapacity", capacity);
            }
            return operations.call("GetItem", get).handle((answer, error) -> {
                if (error != null) {
                    return error(cause(error), r.table());
                }
                if (answer.has("ConsumedCapacity")) {
                    consumed.add(answer.get("ConsumedCapacity"));
                }
                ObjectNode out = JSON.createObjectNode().put("TableName", r.table());
                if (answer.has("Item")) {
                    out.set("Item", answer.get("Item"));
                }
                return out;
            });
        }
        CompiledStatement.Write w = (CompiledStatement.Write) compiled;
        return runner.write(w, statement.get("ReturnValuesOnConditionCheckFailure"), capacity).handle((answer, error) -> {
            if (error != null) {
                return error(cause(error), w.table());
            }
            if (answer.has("ConsumedCapacity")) {
                consumed.add(answer.get("ConsumedCapacity"));
            }
            ObjectNode out = JSON.createObjectNode().put("TableName", w.table());
            if (!answer.path("Items").isEmpty()) {
                out.set("Item", answer.path("Items").get(0));
            }
            return out;
        });
    }

    private static Throwable cause(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    private static ObjectNode error(Throwable cause, String table) {
        ObjectNode out = JSON.createObjectNode();
        ObjectNode error = out.putObject("Error");
        if (cause instanceof DynamoDbException d) {
            error.put("Code", CODES.getOrDefault(d.type(), "InternalServerError"));
            error.put("Message", d.getMessage());
            if (d.item() != null) {
                error.set("Item", JSON.valueToTree(itemJson(d)));
            }
        } else {
            error.put("Code", "InternalServerError");
            error.put("Message", "Internal server error");
        }
        if (table != null) {
            out.put("TableName", table);
        }
        return out;
    }

    private static JsonNode itemJson(DynamoDbException d) {
        try (com.fasterxml.jackson.databind.util.TokenBuffer buffer =
                     new com.fasterxml.jackson.databind.util.TokenBuffer(JSON, false)) {
            dev.dynalog.core.json.AttributeValueJson.writeItem(buffer, d.item());
            return JSON.readTree(buffer.asParser());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
