package dev.dynalog.connectors.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynalog.connectors.dynamodb.JsonWritable;
import java.util.List;
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

    /**
     * The permissions the request needs, for the node's access policy; read from a request not yet
     * validated, so a member that is missing or malformed gives what it can (the operation will
     * refuse the request anyway if it is allowed that far). By default the operation's name under
     * {@code dynamodb:} on no particular resource.
     */
    default List<Access> accesses(String operation, JsonNode request) {
        return List.of(new Access("dynamodb:" + operation, Access.ANY_RESOURCE));
    }

    /** Runs an operation; validation errors surface as a failed future or a thrown DynamoDbException. */
    CompletableFuture<JsonWritable> execute(String operation, JsonNode request);
}
