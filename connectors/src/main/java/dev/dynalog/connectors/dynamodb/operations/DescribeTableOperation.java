package dev.dynalog.connectors.dynamodb.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynalog.connectors.dynamodb.JsonWritable;
import dev.dynalog.connectors.dynamodb.Operation;
import dev.dynalog.connectors.dynamodb.RequestFields;
import dev.dynalog.connectors.dynamodb.TableDescriptionWriter;
import dev.dynalog.connectors.dynamodb.TableResolver;
import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.core.model.TableStatus;
import dev.dynalog.streams.query.ItemReader;
import dev.dynalog.streams.state.TableStats;
import java.util.concurrent.CompletableFuture;

/** DescribeTable, with ItemCount and TableSizeBytes summed from the partitions' state. */
public final class DescribeTableOperation implements Operation {
    private final TableResolver tables;
    private final ItemReader reader;
    private final TableDescriptionWriter descriptions;

    public DescribeTableOperation(TableResolver tables, ItemReader reader, TableDescriptionWriter descriptions) {
        this.tables = tables;
        this.reader = reader;
        this.descriptions = descriptions;
    }

    @Override
    public CompletableFuture<JsonWritable> execute(JsonNode request) {
        RequestFields f = new RequestFields(request);
        String name = f.tableName();
        f.check();
        TableDefinition table = tables.existing(name);
        boolean readable = table.status() == TableStatus.ACTIVE || table.status() == TableStatus.UPDATING;
        TableStats stats = readable ? reader.stats(table) : null;
        return CompletableFuture.completedFuture(json -> {
            json.writeStartObject();
            json.writeFieldName("Table");
            descriptions.write(json, table, stats, index -> readable ? reader.indexStats(table, index) : null);
            json.writeEndObject();
        });
    }
}
