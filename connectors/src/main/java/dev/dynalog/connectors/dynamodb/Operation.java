package dev.dynalog.connectors.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.CompletableFuture;

/**
 * One DynamoDB API operation. {@link #execute} validates the whole request before it reads or
 * changes anything; invalid requests fail with DynamoDB's error and change nothing.
 */
public interface Operation {
    CompletableFuture<JsonWritable> execute(JsonNode request);

    /**
     * Whether {@link #execute} may wait (on the read barrier, on the catalog, on the broker). An
     * operation that never waits, only validates and appends, runs on the connection's event loop:
     * handing it to a request thread would cost a thread switch for no gain.
     */
    default boolean mayBlock() {
        return true;
    }
}
