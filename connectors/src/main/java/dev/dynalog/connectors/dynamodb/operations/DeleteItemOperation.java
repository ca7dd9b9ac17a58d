package dev.dynalog.connectors.dynamodb.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynalog.connectors.dynamodb.CapacityReport;
import dev.dynalog.connectors.dynamodb.JsonWritable;
import dev.dynalog.connectors.dynamodb.Operation;
import dev.dynalog.connectors.dynamodb.SingleItemWrite;
import dev.dynalog.connectors.dynamodb.TableResolver;
import dev.dynalog.connectors.dynamodb.ThroughputBudgets;
import dev.dynalog.connectors.dynamodb.WriteExpressions;
import dev.dynalog.connectors.dynamodb.WriteReturnValues;
import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.core.validation.KeyValidator;
import dev.dynalog.schemas.command.Command;
import dev.dynalog.schemas.command.DeleteItem;
import dev.dynalog.schemas.command.ReturnValues;
import dev.dynalog.streams.ItemAddress;
import dev.dynalog.streams.write.CommandWriter;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/** DeleteItem: appended to the table's log like every write. */
public final class DeleteItemOperation implements Operation {
    private final TableResolver tables;
    private final CommandWriter writer;
    private final ThroughputBudgets budgets;

    public DeleteItemOperation(TableResolver tables, CommandWriter writer, ThroughputBudgets budgets) {
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
        SingleItemWrite write = SingleItemWrite.delete(request);
        WriteExpressions read = WriteExpressions.read(write.fields(), "DeleteItem", write.expected(), null);
        ReturnValues returned = WriteReturnValues.noneOrAllOld(write.returnValues());
        TableDefinition table = tables.active(write.tableName());
        KeyValidator.validateKey(table.keySchema(), write.target());
        WriteExpressions expressions = read.translateLegacy();

        ItemAddress address = ItemAddress.of(table, write.target());
        DeleteItem delete = DeleteItem.newBuilder()
                .setKey(ByteBuffer.wrap(address.primaryKey()))
                .setReturnValues(returned)
                .setCondition(expressions.conditionRecord())
                .setReturnOldOnConditionFailure(write.oldItemOnConditionFailure())
                .build();
        Command command = writer.newCommand(table).setBody(delete).build();
        // Nothing to decide, return or measure: the answer is known once the command is durable.
        boolean awaitDecision = delete.getCondition() != null || returned != ReturnValues.NONE
                || write.capacity() != CapacityReport.NONE;
        budgets.admitWrite(table);
        return write.answer(table, writer.submit(table, address.partition(), address.partitionKey(), command,
                awaitDecision), budgets);
    }
}
