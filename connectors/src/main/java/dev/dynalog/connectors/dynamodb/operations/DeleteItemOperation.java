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
import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.core.validation.KeyValidator;
import dev.dynalog.schemas.command.Command;
import dev.dynalog.schemas.command.DeleteItem;
import dev.dynalog.schemas.command.ReturnValues;
import dev.dynalog.streams.ItemAddress;
import dev.dynalog.streams.write.CommandWriter;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** DeleteItem: appended to the table's log like every write. */
public final class DeleteItemOperation implements Operation {
    private final TableResolver tables;
    private final CommandWriter writer;

    public DeleteItemOperation(TableResolver tables, CommandWriter writer) {
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
        CapacityReport capacity = CapacityReport.read(f);
        boolean collectionMetrics = ItemCollectionMetrics.read(f);
        f.check();
        Map<String, AttributeValue> key = f.item("Key");
        WriteExpressions read = WriteExpressions.read(f, "DeleteItem", expected, null);
        ReturnValues returned = WriteReturnValues.noneOrAllOld(returnValues);
        TableDefinition table = tables.active(name);
        KeyValidator.validateKey(table.keySchema(), key);
        WriteExpressions expressions = read.translateLegacy();

        ItemAddress address = ItemAddress.of(table, key);
        DeleteItem delete = DeleteItem.newBuilder()
                .setKey(ByteBuffer.wrap(address.primaryKey()))
                .setReturnValues(returned)
                .setCondition(expressions.conditionRecord())
                .setReturnOldOnConditionFailure(WriteReturnValues.oldItemOnConditionFailure(onConditionFailure))
                .build();
        Command command = writer.newCommand(table).setBody(delete).build();
        // Nothing to decide, return or measure: the answer is known once the command is durable.
        boolean awaitDecision = delete.getCondition() != null || returned != ReturnValues.NONE
                || capacity != CapacityReport.NONE;
        return writer.submit(table, address.partition(), address.partitionKey(), command, awaitDecision)
                .thenApply(WriteOutcomes::requireApplied)
                .thenApply(result -> ItemResponses.withStoredItem("Attributes", result.returnedItem(), capacity,
                        WriteCapacity.of(table, result),
                        ItemCollectionMetrics.of(collectionMetrics, table, key, result)));
    }
}
