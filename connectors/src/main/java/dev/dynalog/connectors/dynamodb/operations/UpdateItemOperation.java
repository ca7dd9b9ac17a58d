package dev.dynalog.connectors.dynamodb.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynalog.connectors.dynamodb.JsonWritable;
import dev.dynalog.connectors.dynamodb.Operation;
import dev.dynalog.connectors.dynamodb.SingleItemWrite;
import dev.dynalog.connectors.dynamodb.TableResolver;
import dev.dynalog.connectors.dynamodb.ThroughputBudgets;
import dev.dynalog.connectors.dynamodb.WriteExpressions;
import dev.dynalog.connectors.dynamodb.WriteReturnValues;
import dev.dynalog.core.encoding.ItemCodec;
import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.core.validation.KeyValidator;
import dev.dynalog.schemas.command.UpdateItem;
import dev.dynalog.streams.ItemAddress;
import dev.dynalog.streams.write.CommandWriter;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * UpdateItem: the expressions are checked here; the update itself is applied by the partition's
 * processor to the item as it is at the command's log position, so concurrent updates of one item
 * (counters, list appends) never lose each other's changes.
 */
public final class UpdateItemOperation implements Operation {
    private final TableResolver tables;
    private final CommandWriter writer;
    private final ThroughputBudgets budgets;

    public UpdateItemOperation(TableResolver tables, CommandWriter writer, ThroughputBudgets budgets) {
        this.tables = tables;
        this.writer = writer;
        this.budgets = budgets;
    }

    /** Validates, then appends; the answer comes from the returned future. */
    @Override
    public boolean mayBlock() {
        return false;
    }

    @Override
    public CompletableFuture<JsonWritable> execute(JsonNode request) {
        SingleItemWrite write = SingleItemWrite.update(request);
        WriteExpressions read = WriteExpressions.read(write.fields(), "UpdateItem", write.expected(),
                write.attributeUpdates());
        TableDefinition table = tables.active(write.tableName());
        KeyValidator.validateKey(table.keySchema(), write.target());
        WriteExpressions expressions = read.translateLegacy();
        expressions.rejectKeyAttributeUpdates(table.keySchema());

        ItemAddress address = ItemAddress.of(table, write.target());
        UpdateItem update = UpdateItem.newBuilder()
                .setKey(ByteBuffer.wrap(address.primaryKey()))
                .setKeyItem(ByteBuffer.wrap(ItemCodec.encode(write.target())))
                .setUpdate(expressions.updateRecord())
                .setCondition(expressions.conditionRecord())
                .setReturnValues(WriteReturnValues.any(write.returnValues()))
                .setReturnOldOnConditionFailure(write.oldItemOnConditionFailure())
                .setLegacyUpdate(write.attributeUpdates() != null)
                .build();
        budgets.admitWrite(table);
        return write.answer(table, writer.submit(table, address.partition(), address.partitionKey(),
                writer.newCommand(table).setBody(update).build()), budgets);
    }
}
