package dev.dynalog.connectors.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynalog.connectors.dynamodb.LegacyParameters.ExpectedMembers;
import dev.dynalog.core.capacity.CapacityUnits;
import dev.dynalog.core.expression.legacy.AttributeUpdates.ValueUpdate;
import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.core.size.ItemSize;
import dev.dynalog.streams.processor.CommandResult;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The members PutItem, UpdateItem and DeleteItem share, read and checked in DynamoDB's order
 * (table name, the item or key, ReturnValues, ReturnValuesOnConditionCheckFailure, Expected, for
 * UpdateItem AttributeUpdates, ReturnConsumedCapacity, ReturnItemCollectionMetrics), and the
 * answer they share once the partition's processor has decided the write.
 *
 * @param target the request's {@code Item} (PutItem) or {@code Key} (UpdateItem, DeleteItem)
 * @param attributeUpdates the legacy AttributeUpdates, or null where the operation has none
 */
public record SingleItemWrite(RequestFields fields, String tableName, Map<String, AttributeValue> target,
                              String returnValues, String onConditionFailure, ExpectedMembers expected,
                              Map<String, ValueUpdate> attributeUpdates, CapacityReport capacity,
                              boolean collectionMetrics) {

    /** A PutItem request: its target is the whole {@code Item}. */
    public static SingleItemWrite put(JsonNode request) {
        return read(request, "Item", false);
    }

    /** An UpdateItem request, which alone may carry AttributeUpdates. */
    public static SingleItemWrite update(JsonNode request) {
        return read(request, "Key", true);
    }

    /** A DeleteItem request. */
    public static SingleItemWrite delete(JsonNode request) {
        return read(request, "Key", false);
    }

    private static SingleItemWrite read(JsonNode request, String targetMember, boolean withAttributeUpdates) {
        RequestFields f = new RequestFields(request);
        String name = f.tableName();
        if (!f.has(targetMember)) {
            f.violation("Value null at '" + Character.toLowerCase(targetMember.charAt(0)) + targetMember.substring(1)
                    + "' failed to satisfy constraint: Member must not be null");
        }
        String returnValues = f.enumValue("ReturnValues", WriteReturnValues.MODEL_VALUES);
        String onConditionFailure = f.enumValue("ReturnValuesOnConditionCheckFailure",
                WriteReturnValues.ON_CONDITION_FAILURE_VALUES);
        ExpectedMembers expected = LegacyParameters.expected(f);
        Map<String, ValueUpdate> attributeUpdates = withAttributeUpdates ? LegacyParameters.attributeUpdates(f) : null;
        CapacityReport capacity = CapacityReport.read(f);
        boolean collectionMetrics = ItemCollectionMetrics.read(f);
        f.check();
        return new SingleItemWrite(f, name, f.item(targetMember), returnValues, onConditionFailure, expected,
                attributeUpdates, capacity, collectionMetrics);
    }

    /** The least a write charges: a put the units of its item, others one unit. */
    private double minimumUnits() {
        return fields().has("Item") ? CapacityUnits.write(ItemSize.of(target)) : 1;
    }

    /** ReturnValuesOnConditionCheckFailure ALL_OLD. */
    public boolean oldItemOnConditionFailure() {
        return WriteReturnValues.oldItemOnConditionFailure(onConditionFailure);
    }

    /**
     * DynamoDB's answer to the write once decided: its error if it was not applied, else the
     * returned attributes, the capacity consumed and the item collection metrics asked for.
     */
    public CompletableFuture<JsonWritable> answer(TableDefinition table, CompletableFuture<CommandResult> decided,
                                                  ThroughputBudgets budgets) {
        return decided
                .whenComplete((result, error) -> {
                    if (result != null) {
                        // A write answered once durable carries no size: charge at least the new item's.
                        budgets.chargeWrite(table, target.get(table.keySchema().partitionKey().name()),
                                Math.max(WriteCapacity.units(result), minimumUnits()));
                    }
                })
                .thenApply(WriteOutcomes::requireApplied)
                .thenApply(result -> ItemResponses.withStoredItem("Attributes", result.returnedItem(), capacity,
                        WriteCapacity.of(table, result),
                        ItemCollectionMetrics.of(collectionMetrics, table, target, result)));
    }
}
