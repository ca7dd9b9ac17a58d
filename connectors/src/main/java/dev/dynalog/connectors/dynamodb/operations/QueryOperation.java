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
import dev.dynalog.core.error.Errors;
import dev.dynalog.core.expression.ExpressionAttributes;
import dev.dynalog.core.expression.ExpressionParser;
import dev.dynalog.core.expression.ExpressionResolver;
import dev.dynalog.core.expression.KeyCondition;
import dev.dynalog.core.expression.KeyConditions;
import dev.dynalog.core.expression.Projection;
import dev.dynalog.core.expression.ast.Condition;
import dev.dynalog.core.expression.legacy.AttributesToGet;
import dev.dynalog.core.expression.legacy.LegacyFilters.FilterCondition;
import dev.dynalog.core.expression.legacy.LegacyFilters.LegacyQuery;
import dev.dynalog.core.expression.legacy.LegacyFilters;
import dev.dynalog.core.expression.legacy.ParameterMixing;
import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.streams.query.ItemReader;
import dev.dynalog.streams.query.QueryRange;
import dev.dynalog.streams.state.KeyRange;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Query: one partition key's items in sort-key order, as a range scan of one partition's store. */
public final class QueryOperation implements Operation {
    private final ThroughputBudgets budgets;
    private final TableResolver tables;
    private final ItemReader reader;

    public QueryOperation(TableResolver tables, ItemReader reader, ThroughputBudgets budgets) {
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
        boolean forward = f.bool("ScanIndexForward", true);
        String select = f.enumValue("Select", ItemSelection.SELECT_VALUES);
        Map<String, FilterCondition> keyConditions = LegacyParameters.filter(f, LegacyFilters.KEY_CONDITIONS);
        Map<String, FilterCondition> queryFilter = LegacyParameters.filter(f, LegacyFilters.QUERY_FILTER);
        String conditionalOperator = LegacyParameters.conditionalOperator(f);
        List<String> attributesToGet = LegacyParameters.attributesToGet(f, AttributesToGet.MEMBER);
        CapacityReport capacity = CapacityReport.read(f);
        String indexName = f.string("IndexName");
        f.check();
        ParameterMixing.check("Query", f.presentMembers());
        String keyConditionText = f.string("KeyConditionExpression");
        if (keyConditionText == null && keyConditions == null) {
            throw Errors.validation("Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.");
        }
        Map<String, AttributeValue> startKey = f.item("ExclusiveStartKey");
        ExpressionAttributes attributes = ExpressionAttributes.of(f.stringMap("ExpressionAttributeNames"),
                f.item("ExpressionAttributeValues"));
        // DynamoDB's order: syntax and placeholders of the filter, the projection and the key
        // condition, then unused placeholders, then Select, then the key condition's meaning
        // against the table's key schema.
        Condition filter = ReadFilters.parse(f.string("FilterExpression"), attributes);
        Projection projection = ItemSelection.parseProjection(attributesToGet, f.string("ProjectionExpression"), attributes);
        Condition keyCondition = keyConditionText == null ? null : ExpressionResolver.resolveCondition(
                ExpressionParser.parseKeyCondition(keyConditionText), attributes, ExpressionParser.KEY_CONDITION_EXPRESSION);
        attributes.assertAllUsed();
        ItemSelection selection = ItemSelection.of(select, projection, ItemSelection.projectionMember(attributesToGet),
                indexName != null);
        TableDefinition table = tables.active(name);
        ReadTarget target = ReadTarget.of(table, indexName, consistent, select);
        target.checkProjected(projection == null ? null : projection.topLevelAttributes(), ReadFilters.attributes(filter));
        KeyCondition condition;
        if (keyCondition != null) {
            condition = KeyConditions.analyze(keyCondition, target.keySchema());
        } else {
            // KeyConditions, with QueryFilter or with a FilterExpression (never both: ParameterMixing)
            LegacyQuery legacy = LegacyFilters.query(keyConditions, queryFilter, conditionalOperator, target.keySchema());
            condition = legacy.keyCondition();
            filter = legacy.filter().orElse(filter);
        }
        if (queryFilter == null) {
            ReadFilters.requireNoKeyAttributes(filter, target.keySchema());
        }

        KeyRange range = target.queryRange(condition);
        if (startKey != null) {
            range = QueryRange.after(range, target.startKey(startKey).storeKey(), !forward);
        }
        int partition = target.partitionOf(condition.partitionKey());
        ItemSelection shaped = target.shape(selection);
        if (target.isGlobalIndex()) {
            budgets.admitIndexRead(table, target.globalIndex());
        } else {
            budgets.admitRead(table);
        }
        PageCollector page = new PageCollector(target::lastEvaluatedKey, limit, shaped, filter);
        target.scan(reader, partition, range, !forward, consistent, ReadFilters.needed(shaped, filter), page);
        if (target.isGlobalIndex()) {
            budgets.chargeIndexRead(table, target.globalIndex(), condition.partitionKey(), page.readUnits(consistent));
        } else {
            budgets.chargeRead(table, condition.partitionKey(), page.readUnits(consistent));
        }
        return CompletableFuture.completedFuture(page.response(capacity,
                ConsumedCapacity.ofTable(table.name(), page.readUnits(consistent))));
    }
}
