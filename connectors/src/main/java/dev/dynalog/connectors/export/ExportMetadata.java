package dev.dynalog.connectors.export;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;

/**
 * What an export says about itself besides its items.
 *
 * @param exportArn        {@code <tableArn>/export/<ExportId>}, as DynamoDB names exports
 * @param tableArn         the exported table's ARN
 * @param tableId          the exported table's id
 * @param startTime        when the export was requested
 * @param exportTime       the point in time whose table content the export holds
 * @param tableDescription the CreateTable members that re-create the table (TableName, KeySchema,
 *                         AttributeDefinitions, BillingMode, ProvisionedThroughput,
 *                         LocalSecondaryIndexes, GlobalSecondaryIndexes), written to dynalog-table.json
 */
public record ExportMetadata(String exportArn, String tableArn, String tableId, Instant startTime,
        Instant exportTime, ObjectNode tableDescription) {

    public ExportMetadata {
        Objects.requireNonNull(exportArn, "exportArn");
        Objects.requireNonNull(tableArn, "tableArn");
        Objects.requireNonNull(tableId, "tableId");
        Objects.requireNonNull(startTime, "startTime");
        Objects.requireNonNull(exportTime, "exportTime");
        Objects.requireNonNull(tableDescription, "tableDescription");
    }
}
