package dev.dynalog.connectors.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynalog.connectors.dynamodb.JsonWritable;
import java.util.concurrent.CompletableFuture;

/**
 * An API of the AWS JSON 1.0 protocol served on the endpoint: requests whose {@code X-Amz-Target}
 * starts with {@link #targetPrefix()} (e.g. {@code DynamoDB_20120810.}) go to it.
 */
public interface JsonApi {
    String targetPrefix();

    /** True if the name is an operation of this API. */
    boolean supports(String operation);

    /**
     * Whether the operation may wait (then it runs on a request thread, not the event loop); true
     * unless the API knows better.
     */
    default boolean mayBlock(String operation) {
        return true;
    }

    /** Runs an operation; validation errors surface as a failed future or a thrown DynamoDbException. */
    CompletableFuture<JsonWritable> execute(String operation, JsonNode request);
}
