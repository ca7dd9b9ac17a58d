package dev.dynalog.connectors.dynamodb.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynalog.connectors.dynamodb.JsonWritable;
import dev.dynalog.connectors.dynamodb.Operation;
import dev.dynalog.connectors.dynamodb.PageCollector;
import dev.dynalog.connectors.dynamodb.RequestFields;
import dev.dynalog.connectors.dynamodb.TableResolver;
import dev.dynalog.connectors.dynamodb.UnsupportedMembers;
import dev.dynalog.core.expression.ExpressionAttributes;
import dev.dynalog.core.expression.Projection;
import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.core.validation.KeyValidator;
import dev.dynalog.streams.ItemAddress;
import dev.dynalog.streams.query.ItemReader;
import dev.dynalog.streams.query.QueryRange;
import dev.dynalog.streams.state.ItemStoreKeys;
import dev.dynalog.streams.state.KeyRange;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Scan: the table's partitions in order, each in key order. ExclusiveStartKey names the partition
 * to resume in (the partitioner of its partition key) and the key to resume after.
 */
public final class ScanOperation implements Operation {
    private final TableResolver tables;
    private final ItemReader reader;

    public ScanOperation(TableResolver tables, ItemReader reader) {
        this.tables = tables;
        this.reader = reader;
    }

    @Override
    public CompletableFuture<JsonWritable> execute(JsonNode request) {
        RequestFields f = new RequestFields(request);
        String name = f.tableName();
        Integer limit = f.integer("Limit", 1);
        boolean consistent = f.bool("ConsistentRead", false);
        f.check();
        UnsupportedMembers.reject(request, "IndexName", "FilterExpression", "ScanFilter", "AttributesToGet",
                "ConditionalOperator", "Select", "Segment", "TotalSegments");
        Map<String, AttributeValue> startKey = f.item("ExclusiveStartKey");
        ExpressionAttributes attributes = ExpressionAttributes.of(f.stringMap("ExpressionAttributeNames"),
                f.item("ExpressionAttributeValues"));
        String projectionText = f.string("ProjectionExpression");
        attributes.assertExpressionsPresent(projectionText != null);
        Projection projection = projectionText == null ? null : Projection.parse(projectionText, attributes);
        attributes.assertAllUsed();
        TableDefinition table = tables.active(name);

        byte[] tableId = ItemStoreKeys.tableIdBytes(table.tableId());
        KeyRange all = ItemStoreKeys.allItems(tableId);
        int firstPartition = 0;
        byte[] resumeAfter = null;
        if (startKey != null) {
            KeyValidator.validateKey(table.keySchema(), startKey);
            ItemAddress start = ItemAddress.of(table, startKey);
            firstPartition = start.partition();
            resumeAfter = ItemStoreKeys.item(tableId, start.primaryKey()).get();
        }
        PageCollector page = new PageCollector(table.keySchema(), limit, projection);
        for (int p = firstPartition; p < table.partitions() && !page.isFull(); p++) {
            KeyRange range = p == firstPartition && resumeAfter != null ? QueryRange.after(all, resumeAfter, false) : all;
            reader.scan(table, p, range, false, consistent, page);
        }
        return CompletableFuture.completedFuture(page.response());
    }
}
