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
import dev.dynalog.core.encoding.ItemCodec;
import dev.dynalog.core.index.IndexKeyValidator;
import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.core.validation.KeyValidator;
import dev.dynalog.schemas.command.Command;
import dev.dynalog.schemas.command.PutItem;
import dev.dynalog.schemas.command.ReturnValues;
import dev.dynalog.streams.ItemAddress;
import dev.dynalog.streams.write.CommandWriter;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/** PutItem: validated here, appended to the table's log, applied by the partition's processor. */
public final class PutItemOperation implements Operation {
    private final TableResolver tables;
    private final CommandWriter writer;
    private final ThroughputBudgets budgets;

    public PutItemOperation(TableResolver tables, CommandWriter writer, ThroughputBudgets budgets) {
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
        SingleItemWrite write = SingleItemWrite.put(request);
        WriteExpressions read = WriteExpressions.read(write.fields(), "PutItem", write.expected(), null);
        ReturnValues returned = WriteReturnValues.noneOrAllOld(write.returnValues());
        TableDefinition table = tables.active(write.tableName());
        KeyValidator.validateItem(table.keySchema(), write.target());
        IndexKeyValidator.validatePut(table.indexes(), write.target());
        WriteExpressions expressions = read.translateLegacy();

        ItemAddress address = ItemAddress.of(table, write.target());
        PutItem put = PutItem.newBuilder()
                .setKey(ByteBuffer.wrap(address.primaryKey()))
                .setItem(ByteBuffer.wrap(ItemCodec.encode(write.target())))
                .setReturnValues(returned)
                .setCondition(expressions.conditionRecord())
                .setReturnOldOnConditionFailure(write.oldItemOnConditionFailure())
                .build();
        Command command = writer.newCommand(table).setBody(put).build();
        // Nothing to decide, return or measure: the answer is known once the command is durable.
        boolean awaitDecision = put.getCondition() != null || returned != ReturnValues.NONE
                || write.capacity() != CapacityReport.NONE;
        budgets.admitWrite(table);
        return write.answer(table, writer.submit(table, address.partition(), address.partitionKey(), command,
                awaitDecision), budgets);
    }
}
