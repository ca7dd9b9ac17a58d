package dev.dynalog.connectors.dynamodb.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynalog.connectors.dynamodb.JsonWritable;
import dev.dynalog.connectors.dynamodb.Operation;
import dev.dynalog.connectors.dynamodb.RequestFields;
import dev.dynalog.connectors.dynamodb.TableResolver;
import dev.dynalog.core.model.TimeToLive;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * DescribeTimeToLive: the table's TTL status and attribute. After a change the status is
 * ENABLING or DISABLING for the transition (two sweep intervals: by then every node's sweeper
 * has started a sweep with the new setting, and finished any it began with the old one), then
 * ENABLED or DISABLED. The attribute is named unless TTL is DISABLED.
 */
public final class DescribeTimeToLiveOperation implements Operation {
    private final TableResolver tables;
    private final Duration transition;
    private final Clock clock;

    public DescribeTimeToLiveOperation(TableResolver tables, Duration transition, Clock clock) {
        this.tables = tables;
        this.transition = transition;
        this.clock = clock;
    }

    @Override
    public CompletableFuture<JsonWritable> execute(JsonNode request) {
        RequestFields f = new RequestFields(request);
        String name = f.tableNameOrArn("TableName");
        f.check();
        TimeToLive ttl = tables.existing(name).timeToLive();
        TimeToLive.Status status = ttl.status(clock.millis(), transition.toMillis());
        return CompletableFuture.completedFuture(json -> {
            json.writeStartObject();
            json.writeObjectFieldStart("TimeToLiveDescription");
            json.writeStringField("TimeToLiveStatus", status.name());
            if (status != TimeToLive.Status.DISABLED) {
                json.writeStringField("AttributeName", ttl.attributeName());
            }
            json.writeEndObject();
            json.writeEndObject();
        });
    }
}
