package dev.dynalog.connectors.dynamodb.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynalog.connectors.dynamodb.ContinuousBackups;
import dev.dynalog.connectors.dynamodb.JsonWritable;
import dev.dynalog.connectors.dynamodb.Operation;
import dev.dynalog.connectors.dynamodb.RequestFields;
import dev.dynalog.connectors.dynamodb.TableResolver;
import dev.dynalog.core.model.TableDefinition;
import java.util.concurrent.CompletableFuture;

/** DescribeContinuousBackups: the table's point-in-time recovery status and restorable window. */
public final class DescribeContinuousBackupsOperation implements Operation {
    private final TableResolver tables;
    private final ContinuousBackups backups;

    public DescribeContinuousBackupsOperation(TableResolver tables, ContinuousBackups backups) {
        this.tables = tables;
        this.backups = backups;
    }

    @Override
    public CompletableFuture<JsonWritable> execute(JsonNode request) {
        RequestFields f = new RequestFields(request);
        String name = f.tableNameOrArn("TableName");
        f.check();
        TableDefinition table = tables.backedUp(name);
        return CompletableFuture.completedFuture(json -> {
            json.writeStartObject();
            json.writeFieldName("ContinuousBackupsDescription");
            backups.write(json, table);
            json.writeEndObject();
        });
    }
}
