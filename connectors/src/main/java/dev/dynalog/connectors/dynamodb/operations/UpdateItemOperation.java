package dev.dynalog.connectors.dynamodb.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynalog.connectors.dynamodb.CapacityReport;
import dev.dynalog.connectors.dynamodb.ItemResponses;
import dev.dynalog.connectors.dynamodb.JsonWritable;
import dev.dynalog.connectors.dynamodb.Operation;
import dev.dynalog.connectors.dynamodb.RequestFields;
import dev.dynalog.connectors.dynamodb.TableResolver;
import dev.dynalog.connectors.dynamodb.ItemCollectionMetrics;
import dev.dynalog.connectors.dynamodb.LegacyParameters;
import dev.dynalog.connectors.dynamodb.LegacyParameters.ExpectedMembers;
import dev.dynalog.connectors.dynamodb.WriteCapacity;
import dev.dynalog.connectors.dynamodb.WriteExpressions;
import dev.dynalog.connectors.dynamodb.WriteOutcomes;
import dev.dynalog.connectors.dynamodb.WriteReturnValues;
import dev.dynalog.core.encoding.ItemCodec;
import dev.dynalog.core.error.Errors;
import dev.dynalog.core.expression.ast.UpdateAction;
import dev.dynalog.core.expression.legacy.AttributeUpdates.ValueUpdate;
import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.core.validation.KeyValidator;
import dev.dynalog.schemas.command.UpdateItem;
import dev.dynalog.streams.ItemAddress;
import dev.dynalog.streams.write.CommandWriter;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * UpdateItem: the expressions are checked here; the update itself is applied by the partition's
 * processor to the item as it is at the command's log position, so concurrent updates of one item
 * (counters, list appends) never lose each other's changes.
 */
public final class UpdateItemOperation implements Operation {
    private final TableResolver tables;
    private final CommandWriter writer;

    public UpdateItemOperation(TableResolver tables, CommandWriter writer) {
        this.tables = tables;
        this.writer = writer;
    }

    /** Validates, then appends; the answer comes from the returned future. */
    @Override
    public boolean mayBlock() {
        return false;
    }

    @Override
    public CompletableFuture<JsonWritable> execute(JsonNode request) {
        RequestFields f = new RequestFields(request);
        String name = f.tableName();
        if (!f.has("Key")) {
            f.violation("Value null at 'key' failed to satisfy constraint: Member must not be null");
        }
        String returnValues = f.enumValue("ReturnValues", WriteReturnValues.MODEL_VALUES);
        String onConditionFailure = f.enumValue("ReturnValuesOnConditionCheckFailure",
                WriteReturnValues.ON_CONDITION_FAILURE_VALUES);
        ExpectedMembers expected = LegacyParameters.expected(f);
        Map<String, ValueUpdate> attributeUpdates = LegacyParameters.attributeUpdates(f);
        CapacityReport capacity = CapacityReport.read(f);
        boolean collectionMetrics = ItemCollectionMetrics.read(f);
        f.check();
        Map<String, AttributeValue> key = f.item("Key");
        WriteExpressions read = WriteExpressions.read(f, "UpdateItem", expected, attributeUpdates);
        TableDefinition table = tables.active(name);
        KeyValidator.validateKey(table.keySchema(), key);
        WriteExpressions expressions = read.translateLegacy();
        if (expressions.update() != null) {
            for (UpdateAction action : expressions.update().actions()) {
                String attribute = action.path().topLevelName();
                if (table.keySchema().isKeyAttribute(attribute)) {
                    throw Errors.validation("One or more parameter values were invalid: Cannot update attribute "
                            + attribute + ". This attribute is part of the key");
                }
            }
        }

        ItemAddress address = ItemAddress.of(table, key);
        UpdateItem update = UpdateItem.newBuilder()
                .setKey(ByteBuffer.wrap(address.primaryKey()))
                .setKeyItem(ByteBuffer.wrap(ItemCodec.encode(key)))
                .setUpdate(expressions.updateRecord())
                .setCondition(expressions.conditionRecord())
                .setReturnValues(WriteReturnValues.any(returnValues))
                .setReturnOldOnConditionFailure(WriteReturnValues.oldItemOnConditionFailure(onConditionFailure))
                .build();
        return writer.submit(table, address.partition(), address.partitionKey(),
                        writer.newCommand(table).setBody(update).build())
                .thenApply(WriteOutcomes::requireApplied)
                .thenApply(result -> ItemResponses.withStoredItem("Attributes", result.returnedItem(), capacity,
                        WriteCapacity.of(table, result),
                        ItemCollectionMetrics.of(collectionMetrics, table, key, result)));
    }
}
