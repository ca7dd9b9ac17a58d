package dev.dynalog.connectors.dynamodb;

import dev.dynalog.core.capacity.CapacityUnits;
import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.streams.processor.CommandResult;

/** The write capacity of one applied write, from the item size its processor charged. */
public final class WriteCapacity {
    private WriteCapacity() {
    }

    /** Units of a Put, Update or Delete: 1 KB steps of {@link CommandResult#capacityBytes()}, at least 1. */
    public static double units(CommandResult result) {
        return CapacityUnits.write(result.capacityBytes());
    }

    public static ConsumedCapacity of(TableDefinition table, CommandResult result) {
        return ConsumedCapacity.ofTable(table.name(), units(result));
    }
}
