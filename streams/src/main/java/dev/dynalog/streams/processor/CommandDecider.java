package dev.dynalog.streams.processor;

import dev.dynalog.core.encoding.ItemCodec;
import dev.dynalog.core.size.ItemSize;
import dev.dynalog.schemas.command.Command;
import dev.dynalog.schemas.command.DeleteItem;
import dev.dynalog.schemas.command.PurgeTable;
import dev.dynalog.schemas.command.PutItem;
import dev.dynalog.schemas.command.ReturnValues;
import dev.dynalog.streams.processor.CommandResult.Outcome;
import dev.dynalog.streams.processor.ItemEvent.ItemRemoved;
import dev.dynalog.streams.processor.ItemEvent.ItemWritten;
import dev.dynalog.streams.processor.ItemEvent.TablePurged;
import dev.dynalog.streams.state.ItemState;
import dev.dynalog.streams.state.ItemStoreKeys;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Decides what a command does, given the partition's current state: a pure function of the
 * command and the state, so replaying the log decides the same way. It changes nothing itself.
 */
public final class CommandDecider {

    public Decision decide(Command command, ItemState state) {
        byte[] tableId = ItemStoreKeys.tableIdBytes(command.getTableId());
        Object body = command.getBody();
        if (body instanceof PutItem put) {
            return decidePut(tableId, put, state);
        }
        if (body instanceof DeleteItem delete) {
            return decideDelete(tableId, delete, state);
        }
        if (body instanceof PurgeTable) {
            return new Decision(List.of(new TablePurged(tableId)), applied(null));
        }
        return new Decision(List.of(), new CommandResult(Outcome.REJECTED, null, -1));
    }

    private Decision decidePut(byte[] tableId, PutItem put, ItemState state) {
        byte[] key = bytes(put.getKey());
        byte[] newItem = bytes(put.getItem());
        byte[] oldItem = state.item(tableId, key);
        ItemWritten event = new ItemWritten(tableId, key, newItem, sizeOf(newItem), oldItem, sizeOf(oldItem));
        return new Decision(List.of(event), applied(put.getReturnValues() == ReturnValues.ALL_OLD ? oldItem : null));
    }

    private Decision decideDelete(byte[] tableId, DeleteItem delete, ItemState state) {
        byte[] key = bytes(delete.getKey());
        byte[] oldItem = state.item(tableId, key);
        if (oldItem == null) {
            return new Decision(List.of(), applied(null));
        }
        ItemRemoved event = new ItemRemoved(tableId, key, oldItem, sizeOf(oldItem));
        return new Decision(List.of(event), applied(delete.getReturnValues() == ReturnValues.ALL_OLD ? oldItem : null));
    }

    private static CommandResult applied(byte[] returnedItem) {
        return new CommandResult(Outcome.APPLIED, returnedItem, -1);
    }

    private static long sizeOf(byte[] encodedItem) {
        return encodedItem == null ? 0 : ItemSize.of(ItemCodec.decode(encodedItem));
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer b = buffer.duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
