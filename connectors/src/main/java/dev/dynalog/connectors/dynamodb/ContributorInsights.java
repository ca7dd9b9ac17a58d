package dev.dynalog.connectors.dynamodb;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.dynalog.core.error.DynamoDbException;
import dev.dynalog.core.error.Errors;
import dev.dynalog.core.index.SecondaryIndex;
import dev.dynalog.core.model.TableDefinition;
import java.io.IOException;

/**
 * CloudWatch Contributor Insights as a node without CloudWatch has it: DISABLED for every table
 * and global secondary index, and refused to be enabled with an error that names the feature,
 * rather than reported ENABLED with no rules behind it.
 */
public final class ContributorInsights {
    public static final String DISABLED = "DISABLED";

    private ContributorInsights() {
    }

    /** The table's global secondary index of that name, or DynamoDB's error if it has none. */
    public static SecondaryIndex globalIndex(TableDefinition table, String indexName) {
        return table.indexes().named(indexName).filter(SecondaryIndex::isGlobal)
                .orElseThrow(() -> Errors.resourceNotFound("Requested resource not found: Index: " + indexName
                        + " not found for table: " + table.name()));
    }

    /** The error of a request to enable Contributor Insights. */
    public static DynamoDbException notAvailable() {
        return Errors.validation("Contributor Insights is not available in dynalog: it publishes to Amazon "
                + "CloudWatch, which a dynalog node does not have");
    }

    /** The members of a summary or description: TableName, IndexName if any, and the status. */
    public static void writeStatus(JsonGenerator json, String tableName, String indexName) throws IOException {
        json.writeStringField("TableName", tableName);
        if (indexName != null) {
            json.writeStringField("IndexName", indexName);
        }
        json.writeStringField("ContributorInsightsStatus", DISABLED);
    }
}
