package dev.dynalog.connectors.dynamodb.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynalog.connectors.dynamodb.ContributorInsights;
import dev.dynalog.connectors.dynamodb.JsonWritable;
import dev.dynalog.connectors.dynamodb.Operation;
import dev.dynalog.connectors.dynamodb.RequestFields;
import dev.dynalog.connectors.dynamodb.TableResolver;
import dev.dynalog.core.model.TableDefinition;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * UpdateContributorInsights: DISABLE is accepted (Contributor Insights is disabled already);
 * ENABLE is refused with a ValidationException naming the feature (see {@link ContributorInsights}).
 */
public final class UpdateContributorInsightsOperation implements Operation {
    private final TableResolver tables;

    public UpdateContributorInsightsOperation(TableResolver tables) {
        this.tables = tables;
    }

    @Override
    public CompletableFuture<JsonWritable> execute(JsonNode request) {
        RequestFields f = new RequestFields(request);
        String name = f.tableNameOrArn("TableName");
        String indexName = f.string("IndexName");
        String action = f.enumValue("ContributorInsightsAction", List.of("ENABLE", "DISABLE"));
        if (action == null) {
            f.violation("Value null at 'contributorInsightsAction' failed to satisfy constraint: Member must not be null");
        }
        f.enumValue("ContributorInsightsMode", List.of("ACCESSED_AND_THROTTLED_KEYS", "THROTTLED_KEYS"));
        f.check();
        TableDefinition table = tables.existing(name);
        if (indexName != null) {
            ContributorInsights.globalIndex(table, indexName);
        }
        if (action.equals("ENABLE")) {
            throw ContributorInsights.notAvailable();
        }
        return CompletableFuture.completedFuture(json -> {
            json.writeStartObject();
            ContributorInsights.writeStatus(json, table.name(), indexName);
            json.writeEndObject();
        });
    }
}
