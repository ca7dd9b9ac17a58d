package dev.dynalog.connectors.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.CompletableFuture;

/**
 * One DynamoDB API operation. {@link #execute} validates the whole request before it reads or
 * changes anything; invalid requests fail with DynamoDB's error and change nothing.
 */
public interface Operation {
    CompletableFuture<JsonWritable> execute(JsonNode request);
}
