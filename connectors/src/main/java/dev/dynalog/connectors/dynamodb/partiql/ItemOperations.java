package dev.dynalog.connectors.dynamodb.partiql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import dev.dynalog.connectors.dynamodb.JsonWritable;
import dev.dynalog.connectors.dynamodb.Operation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The JSON API's operations as PartiQL runs them: a compiled statement is a request to one of
 * them, answered as a JSON tree for the PartiQL operation to shape. A request refused before it
 * runs comes back as a failed future, as one refused later does.
 */
public final class ItemOperations {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Function<String, Operation> operations;

    public ItemOperations(Function<String, Operation> operations) {
        this.operations = operations;
    }

    /** For tests and wiring: the operations of a map. */
    public static ItemOperations of(Map<String, Operation> operations) {
        return new ItemOperations(operations::get);
    }

    public CompletableFuture<JsonNode> call(String operation, ObjectNode request) {
        CompletableFuture<JsonWritable> answer;
        try {
            answer = operations.apply(operation).execute(request);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return answer.thenApply(ItemOperations::tree);
    }

    private static JsonNode tree(JsonWritable body) {
        try (TokenBuffer buffer = new TokenBuffer(JSON, false)) {
            body.writeTo(buffer);
            return JSON.readTree(buffer.asParser());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
