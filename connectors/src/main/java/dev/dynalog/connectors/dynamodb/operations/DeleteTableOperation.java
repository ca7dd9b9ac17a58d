package dev.dynalog.connectors.dynamodb.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynalog.connectors.dynamodb.JsonWritable;
import dev.dynalog.connectors.dynamodb.Operation;
import dev.dynalog.connectors.dynamodb.RequestFields;
import dev.dynalog.connectors.dynamodb.TableDescriptionWriter;
import dev.dynalog.connectors.dynamodb.TableResolver;
import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.streams.catalog.TableLifecycle;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;

/** DeleteTable: the table turns DELETING at once and disappears when its state is purged. */
public final class DeleteTableOperation implements Operation {
    private final TableResolver tables;
    private final TableLifecycle lifecycle;
    private final TableDescriptionWriter descriptions;
    private final Clock clock;

    public DeleteTableOperation(TableResolver tables, TableLifecycle lifecycle, TableDescriptionWriter descriptions,
                                Clock clock) {
        this.tables = tables;
        this.lifecycle = lifecycle;
        this.descriptions = descriptions;
        this.clock = clock;
    }

    @Override
    public CompletableFuture<JsonWritable> execute(JsonNode request) {
        RequestFields f = new RequestFields(request);
        String name = f.tableName();
        f.check();
        tables.existing(name);
        TableDefinition deleting = lifecycle.delete(name, clock.millis());
        return CompletableFuture.completedFuture(json -> {
            json.writeStartObject();
            json.writeFieldName("TableDescription");
            descriptions.write(json, deleting, null);
            json.writeEndObject();
        });
    }
}
