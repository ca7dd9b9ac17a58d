package dev.dynalog.connectors.dynamodb.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynalog.connectors.dynamodb.JsonWritable;
import dev.dynalog.connectors.dynamodb.Operation;
import java.util.concurrent.CompletableFuture;

/**
 * DescribeLimits: DynamoDB's default provisioned-capacity quotas of an account in a region
 * (developer guide, "Service, account, and table quotas"). dynalog does not throttle and enforces
 * none of them, but tools that size tables by them get the numbers they would from DynamoDB.
 */
public final class DescribeLimitsOperation implements Operation {
    static final long ACCOUNT_MAX_CAPACITY_UNITS = 80_000;
    static final long TABLE_MAX_CAPACITY_UNITS = 40_000;

    @Override
    public CompletableFuture<JsonWritable> execute(JsonNode request) {
        return CompletableFuture.completedFuture(json -> {
            json.writeStartObject();
            json.writeNumberField("AccountMaxReadCapacityUnits", ACCOUNT_MAX_CAPACITY_UNITS);
            json.writeNumberField("AccountMaxWriteCapacityUnits", ACCOUNT_MAX_CAPACITY_UNITS);
            json.writeNumberField("TableMaxReadCapacityUnits", TABLE_MAX_CAPACITY_UNITS);
            json.writeNumberField("TableMaxWriteCapacityUnits", TABLE_MAX_CAPACITY_UNITS);
            json.writeEndObject();
        });
    }

    @Override
    public boolean mayBlock() {
        return false;
    }
}
