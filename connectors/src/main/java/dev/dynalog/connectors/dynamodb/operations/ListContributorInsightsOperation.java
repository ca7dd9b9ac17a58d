package dev.dynalog.connectors.dynamodb.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynalog.connectors.dynamodb.ContributorInsights;
import dev.dynalog.connectors.dynamodb.JsonWritable;
import dev.dynalog.connectors.dynamodb.Operation;
import dev.dynalog.connectors.dynamodb.RequestFields;
import dev.dynalog.connectors.dynamodb.TableResolver;
import dev.dynalog.core.error.Errors;
import dev.dynalog.core.index.SecondaryIndex;
import dev.dynalog.core.model.TableDefinition;
import java.util.concurrent.CompletableFuture;

/**
 * ListContributorInsights: for a table, a DISABLED summary of the table and of each of its global
 * secondary indexes, as DynamoDB lists them (see {@link ContributorInsights}).
 */
public final class ListContributorInsightsOperation implements Operation {
    private static final int MAX_RESULTS = 100;

    private final TableResolver tables;

    public ListContributorInsightsOperation(TableResolver tables) {
        this.tables = tables;
    }

    @Override
    public CompletableFuture<JsonWritable> execute(JsonNode request) {
        RequestFields f = new RequestFields(request);
        String name = f.has("TableName") ? f.tableNameOrArn("TableName") : null;
        Integer maxResults = f.integer("MaxResults", Integer.MIN_VALUE);
        if (maxResults != null && maxResults > MAX_RESULTS) {
            f.violation("Value '" + maxResults + "' at 'maxResults' failed to satisfy constraint: Member must have "
                    + "value less than or equal to " + MAX_RESULTS);
        }
        String nextToken = f.string("NextToken");
        f.check();
        if (nextToken != null) {
            throw Errors.validation("Invalid NextToken: " + nextToken);
        }
        TableDefinition table = name == null ? null : tables.existing(name);
        return CompletableFuture.completedFuture(json -> {
            json.writeStartObject();
            json.writeArrayFieldStart("ContributorInsightsSummaries");
            if (table != null) {
                json.writeStartObject();
                ContributorInsights.writeStatus(json, table.name(), null);
                json.writeEndObject();
                for (SecondaryIndex index : table.indexes().globals()) {
                    json.writeStartObject();
                    ContributorInsights.writeStatus(json, table.name(), index.name());
                    json.writeEndObject();
                }
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }
}
