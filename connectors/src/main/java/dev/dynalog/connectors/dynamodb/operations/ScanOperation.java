package dev.dynalog.connectors.dynamodb.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynalog.connectors.dynamodb.CapacityReport;
import dev.dynalog.connectors.dynamodb.ConsumedCapacity;
import dev.dynalog.connectors.dynamodb.ItemSelection;
import dev.dynalog.connectors.dynamodb.JsonWritable;
import dev.dynalog.connectors.dynamodb.LegacyParameters;
import dev.dynalog.connectors.dynamodb.Operation;
import dev.dynalog.connectors.dynamodb.PageCollector;
import dev.dynalog.connectors.dynamodb.ReadFilters;
import dev.dynalog.connectors.dynamodb.ReadTarget;
import dev.dynalog.connectors.dynamodb.RequestFields;
import dev.dynalog.connectors.dynamodb.TableResolver;
import dev.dynalog.connectors.dynamodb.ThroughputBudgets;
import dev.dynalog.core.encoding.ItemCodec;
import dev.dynalog.core.encoding.KeyCodec;
import dev.dynalog.core.error.Errors;
import dev.dynalog.core.expression.ExpressionAttributes;
import dev.dynalog.core.expression.Projection;
import dev.dynalog.core.expression.ast.Condition;
import dev.dynalog.core.expression.legacy.AttributesToGet;
import dev.dynalog.core.expression.legacy.LegacyFilters.FilterCondition;
import dev.dynalog.core.expression.legacy.LegacyFilters;
import dev.dynalog.core.expression.legacy.ParameterMixing;
import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.core.partition.ScanSegment;
import dev.dynalog.streams.query.ItemReader;
import dev.dynalog.streams.query.QueryRange;
import dev.dynalog.streams.state.ItemState.StoredItem;
import dev.dynalog.streams.state.KeyRange;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * Scan: the table's partitions in order, each in key order. ExclusiveStartKey names the partition
 * to resume in (the partitioner of its partition key) and the key to resume after. A parallel
 * scan's segment reads the partitions {@link ScanSegment} assigns it.
 */
public final class ScanOperation implements Operation {
    private final ThroughputBudgets budgets;
    static final int MAX_SEGMENTS = 1_000_000;
    private final TableResolver tables;
    private final ItemReader reader;

    public ScanOperation(TableResolver tables, ItemReader reader, ThroughputBudgets budgets) {
        this.budgets = budgets;
        this.tables = tables;
        this.reader = reader;
    }

    @Override
    public CompletableFuture<JsonWritable> execute(JsonNode request) {
        RequestFields f = new RequestFields(request);
        String name = f.tableName();
        Integer limit = f.integer("Limit", 1);
        boolean consistent = f.bool("ConsistentRead", false);
        String select = f.enumValue("Select", ItemSelection.SELECT_VALUES);
        ScanSegment segment = segment(f);
        Map<String, FilterCondition> scanFilter = LegacyParameters.filter(f, LegacyFilters.SCAN_FILTER);
        String conditionalOperator = LegacyParameters.conditionalOperator(f);
        List<String> attributesToGet = LegacyParameters.attributesToGet(f, AttributesToGet.MEMBER);
        CapacityReport capacity = CapacityReport.read(f);
        String indexName = f.string("IndexName");
        f.check();
        ParameterMixing.check("Scan", f.presentMembers());
        Map<String, AttributeValue> startKey = f.item("ExclusiveStartKey");
        ExpressionAttributes attributes = ExpressionAttributes.of(f.stringMap("ExpressionAttributeNames"),
                f.item("ExpressionAttributeValues"));
        Condition filter = ReadFilters.parse(f.string("FilterExpression"), attributes);
        Projection projection = ItemSelection.parseProjection(attributesToGet, f.string("ProjectionExpression"), attributes);
        attributes.assertAllUsed();
        ItemSelection selection = ItemSelection.of(select, projection, ItemSelection.projectionMember(attributesToGet),
                indexName != null);
        TableDefinition table = tables.active(name);
        ReadTarget target = ReadTarget.of(table, indexName, consistent, select);
        target.checkProjected(projection == null ? null : projection.topLevelAttributes(), ReadFilters.attributes(filter));
        if (scanFilter != null || conditionalOperator != null) {
            filter = LegacyFilters.scanFilter(scanFilter, conditionalOperator).orElse(null);
        }

        KeyRange all = target.all();
        int partitions = table.partitions();
        int firstPartition = segment.firstPartition(partitions);
        byte[] resumeAfter = null;
        if (startKey != null) {
            ReadTarget.StartKey start = target.startKey(startKey);
            if (!segment.contains(KeyCodec.encodeValue(start.partitionKey()), partitions)) {
                throw Errors.validation("Exclusive start key must lie within the segment");
            }
            firstPartition = start.partition();
            resumeAfter = start.storeKey();
        }
        ItemSelection shaped = target.shape(selection);
        if (target.isGlobalIndex()) {
            budgets.admitIndexRead(table, target.globalIndex());
        } else {
            budgets.admitRead(table);
        }
        PageCollector page = new PageCollector(target::lastEvaluatedKey, limit, shaped, filter);
        Predicate<StoredItem> visitor = segment.isWhole() ? page
                : inSegment(target.keySchema().partitionKey().name(), partitions, segment, page);
        Set<String> needed = ReadFilters.needed(shaped, filter);
        for (int p = firstPartition; p <= segment.lastPartition(partitions) && !page.isFull(); p++) {
            KeyRange range = p == firstPartition && resumeAfter != null ? QueryRange.after(all, resumeAfter, false) : all;
            target.scan(reader, p, range, false, consistent, needed, visitor);
        }
        if (target.isGlobalIndex()) {
            budgets.chargeIndexRead(table, target.globalIndex(), null, page.readUnits(consistent));
        } else {
            budgets.chargeRead(table, page.readUnits(consistent));
        }
        return CompletableFuture.completedFuture(page.response(capacity,
                ConsumedCapacity.ofTable(table.name(), page.readUnits(consistent))));
    }

    /** Segment and TotalSegments, checked as DynamoDB does; the whole table when both are absent. */
    private static ScanSegment segment(RequestFields f) {
        Integer segment = f.integer("Segment", 0);
        Integer total = f.integer("TotalSegments", 1);
        if (total != null && total > MAX_SEGMENTS) {
            f.violation("Value '" + total + "' at 'totalSegments' failed to satisfy constraint: "
                    + "Member must have value less than or equal to " + MAX_SEGMENTS);
        }
        if (segment != null && total != null && total >= 1 && segment >= total) {
            f.violation("Value '" + segment + "' at 'segment' failed to satisfy constraint: "
                    + "Member must have value less than or equal to " + (total - 1));
        }
        f.check();
        if (segment != null && total == null) {
            throw Errors.validation("If segment is specified, total segment must also be specified");
        }
        if (total != null && segment == null) {
            throw Errors.validation("If total segments is specified, a particular segment must also be specified "
                    + "for this request");
        }
        return segment == null ? ScanSegment.whole() : new ScanSegment(segment, total);
    }

    /** Passes on only the items of the segment; the others are not part of this scan at all. */
    private static Predicate<StoredItem> inSegment(String partitionKeyName, int partitions, ScanSegment segment,
                                                   PageCollector page) {
        return stored -> {
            Map<String, AttributeValue> item = ItemCodec.decode(stored.value());
            byte[] partitionKey = KeyCodec.encodeValue(item.get(partitionKeyName));
            return !segment.contains(partitionKey, partitions) || page.test(stored);
        };
    }
}
