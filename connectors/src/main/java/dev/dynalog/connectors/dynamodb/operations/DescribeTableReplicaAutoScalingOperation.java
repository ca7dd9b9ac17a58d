package dev.dynalog.connectors.dynamodb.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynalog.connectors.dynamodb.JsonWritable;
import dev.dynalog.connectors.dynamodb.Operation;
import dev.dynalog.connectors.dynamodb.RequestFields;
import dev.dynalog.connectors.dynamodb.TableResolver;
import dev.dynalog.core.model.TableDefinition;
import java.util.concurrent.CompletableFuture;

/**
 * DescribeTableReplicaAutoScaling: the auto scaling settings of a global table's replicas. A
 * dynalog table is a single-region table, not a global table, so it has no replicas to describe.
 */
public final class DescribeTableReplicaAutoScalingOperation implements Operation {
    private final TableResolver tables;

    public DescribeTableReplicaAutoScalingOperation(TableResolver tables) {
        this.tables = tables;
    }

    @Override
    public CompletableFuture<JsonWritable> execute(JsonNode request) {
        RequestFields f = new RequestFields(request);
        String name = f.tableNameOrArn("TableName");
        f.check();
        TableDefinition table = tables.existing(name);
        return CompletableFuture.completedFuture(json -> {
            json.writeStartObject();
            json.writeObjectFieldStart("TableAutoScalingDescription");
            json.writeStringField("TableName", table.name());
            json.writeStringField("TableStatus", table.status().name());
            json.writeArrayFieldStart("Replicas");
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndObject();
        });
    }
}
