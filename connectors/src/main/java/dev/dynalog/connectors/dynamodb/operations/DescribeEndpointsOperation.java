package dev.dynalog.connectors.dynamodb.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynalog.connectors.dynamodb.JsonWritable;
import dev.dynalog.connectors.dynamodb.Operation;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * DescribeEndpoints: the endpoint to send this API's requests to, for SDKs that discover it. A
 * node serves every table itself, so it names its own address (host and port, without a scheme,
 * as DynamoDB names its host), to be cached for DynamoDB's 1440 minutes.
 */
public final class DescribeEndpointsOperation implements Operation {
    static final long CACHE_PERIOD_MINUTES = 1440;

    private final Supplier<String> address;

    /** @param address this node's address ({@code host:port}), known once its HTTP endpoint listens */
    public DescribeEndpointsOperation(Supplier<String> address) {
        this.address = address;
    }

    @Override
    public CompletableFuture<JsonWritable> execute(JsonNode request) {
        String own = address.get();
        return CompletableFuture.completedFuture(json -> {
            json.writeStartObject();
            json.writeArrayFieldStart("Endpoints");
            json.writeStartObject();
            json.writeStringField("Address", own);
            json.writeNumberField("CachePeriodInMinutes", CACHE_PERIOD_MINUTES);
            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    @Override
    public boolean mayBlock() {
        return false;
    }
}
