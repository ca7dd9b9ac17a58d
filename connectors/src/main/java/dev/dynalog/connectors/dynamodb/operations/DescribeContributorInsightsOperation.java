package dev.dynalog.connectors.dynamodb.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynalog.connectors.dynamodb.ContributorInsights;
import dev.dynalog.connectors.dynamodb.JsonWritable;
import dev.dynalog.connectors.dynamodb.Operation;
import dev.dynalog.connectors.dynamodb.RequestFields;
import dev.dynalog.connectors.dynamodb.TableResolver;
import dev.dynalog.core.model.TableDefinition;
import java.util.concurrent.CompletableFuture;

/** DescribeContributorInsights: DISABLED for an existing table or global index (see {@link ContributorInsights}). */
public final class DescribeContributorInsightsOperation implements Operation {
    private final TableResolver tables;

    public DescribeContributorInsightsOperation(TableResolver tables) {
        this.tables = tables;
    }

    @Override
    public CompletableFuture<JsonWritable> execute(JsonNode request) {
        RequestFields f = new RequestFields(request);
        String name = f.tableNameOrArn("TableName");
        String indexName = f.string("IndexName");
        f.check();
        TableDefinition table = tables.existing(name);
        if (indexName != null) {
            ContributorInsights.globalIndex(table, indexName);
        }
        return CompletableFuture.completedFuture(json -> {
            json.writeStartObject();
            ContributorInsights.writeStatus(json, table.name(), indexName);
            json.writeEndObject();
        });
    }
}
