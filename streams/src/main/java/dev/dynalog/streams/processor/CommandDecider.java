package dev.dynalog.streams.processor;

import dev.dynalog.core.encoding.ItemCodec;
import dev.dynalog.core.error.DynamoDbException;
import dev.dynalog.core.expression.eval.UpdateApplier;
import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.size.ItemSize;
import dev.dynalog.schemas.command.Command;
import dev.dynalog.schemas.command.DeleteItem;
import dev.dynalog.schemas.command.Expression;
import dev.dynalog.schemas.command.PurgeTable;
import dev.dynalog.schemas.command.PutItem;
import dev.dynalog.schemas.command.ReturnValues;
import dev.dynalog.schemas.command.UpdateItem;
import dev.dynalog.streams.processor.ItemEvent.ItemRemoved;
import dev.dynalog.streams.processor.ItemEvent.ItemWritten;
import dev.dynalog.streams.processor.ItemEvent.TablePurged;
import dev.dynalog.streams.state.ItemState;
import dev.dynalog.streams.state.ItemStoreKeys;
import java.util.List;
import java.util.Map;

/**
 * Decides what a command does, given the partition's current state: a pure function of the
 * command and the state, so replaying the log decides the same way. It changes nothing itself.
 *
 * <p>Conditions are checked here, against the item as it is at the command's log position, and
 * never at the front door: two writers racing on one item are ordered by the log, and the second
 * sees the first's result.
 */
public final class CommandDecider {
    private static final String ITEM_TOO_LARGE = "Item size to update has exceeded the maximum allowed size";

    public Decision decide(Command command, ItemState state) {
        byte[] tableId = ItemStoreKeys.tableIdBytes(command.getTableId());
        Object body = command.getBody();
        if (body instanceof PutItem put) {
            return decidePut(tableId, put, state);
        }
        if (body instanceof UpdateItem update) {
            return decideUpdate(tableId, update, state);
        }
        if (body instanceof DeleteItem delete) {
            return decideDelete(tableId, delete, state);
        }
        if (body instanceof PurgeTable) {
            return new Decision(List.of(new TablePurged(tableId)), CommandResult.applied(null, 0));
        }
        return new Decision(List.of(), CommandResult.rejected());
    }

    private Decision decidePut(byte[] tableId, PutItem put, ItemState state) {
        byte[] key = CommandExpressions.bytes(put.getKey());
        byte[] newItem = CommandExpressions.bytes(put.getItem());
        byte[] oldItem = state.item(tableId, key);
        long oldSize = sizeOf(oldItem);
        if (!CommandExpressions.conditionHolds(put.getCondition(), oldItem)) {
            return conditionFailed(oldItem, oldSize, put.getReturnOldOnConditionFailure());
        }
        long newSize = sizeOf(newItem);
        ItemWritten event = new ItemWritten(tableId, key, newItem, newSize, oldItem, oldSize);
        byte[] returned = put.getReturnValues() == ReturnValues.ALL_OLD ? oldItem : null;
        return new Decision(List.of(event), CommandResult.applied(returned, Math.max(oldSize, newSize)));
    }

    private Decision decideUpdate(byte[] tableId, UpdateItem update, ItemState state) {
        byte[] key = CommandExpressions.bytes(update.getKey());
        byte[] oldItem = state.item(tableId, key);
        long oldSize = sizeOf(oldItem);
        Map<String, AttributeValue> old = decodeOrEmpty(oldItem);
        if (!CommandExpressions.conditionHolds(update.getCondition(), old)) {
            return conditionFailed(oldItem, oldSize, update.getReturnOldOnConditionFailure());
        }
        // An update of a missing item creates it from its key attributes.
        Map<String, AttributeValue> base = oldItem == null
                ? ItemCodec.decode(CommandExpressions.bytes(update.getKeyItem())) : old;
        UpdateApplier.Result updated;
        Expression expression = update.getUpdate();
        if (expression == null) {
            updated = null;
        } else {
            try {
                updated = CommandExpressions.update(expression, base);
            } catch (DynamoDbException e) {
                return new Decision(List.of(), CommandResult.invalid(e.getMessage()));
            }
        }
        Map<String, AttributeValue> newMap = updated == null ? base : updated.item();
        long newSize = ItemSize.of(newMap);
        if (newSize > ItemSize.MAX_ITEM_BYTES) {
            return new Decision(List.of(), CommandResult.invalid(ITEM_TOO_LARGE));
        }
        byte[] newItem = ItemCodec.encode(newMap);
        ItemWritten event = new ItemWritten(tableId, key, newItem, newSize, oldItem, oldSize);
        Map<String, AttributeValue> returned = switch (update.getReturnValues()) {
            case NONE -> null;
            case ALL_OLD -> oldItem == null ? null : old;
            case ALL_NEW -> newMap;
            case UPDATED_OLD -> updated == null ? null : CommandExpressions.project(old, updated.updatedPaths());
            case UPDATED_NEW -> updated == null ? null : CommandExpressions.project(newMap, updated.updatedPaths());
        };
        byte[] returnedBytes = returned == null || returned.isEmpty() ? null : ItemCodec.encode(returned);
        return new Decision(List.of(event), CommandResult.applied(returnedBytes, Math.max(oldSize, newSize)));
    }

    private Decision decideDelete(byte[] tableId, DeleteItem delete, ItemState state) {
        byte[] key = CommandExpressions.bytes(delete.getKey());
        byte[] oldItem = state.item(tableId, key);
        long oldSize = sizeOf(oldItem);
        if (!CommandExpressions.conditionHolds(delete.getCondition(), oldItem)) {
            return conditionFailed(oldItem, oldSize, delete.getReturnOldOnConditionFailure());
        }
        if (oldItem == null) {
            return new Decision(List.of(), CommandResult.applied(null, 0));
        }
        ItemRemoved event = new ItemRemoved(tableId, key, oldItem, oldSize);
        byte[] returned = delete.getReturnValues() == ReturnValues.ALL_OLD ? oldItem : null;
        return new Decision(List.of(event), CommandResult.applied(returned, oldSize));
    }

    private static Decision conditionFailed(byte[] oldItem, long oldSize, boolean returnOld) {
        return new Decision(List.of(), CommandResult.conditionFailed(returnOld ? oldItem : null, oldSize));
    }

    private static Map<String, AttributeValue> decodeOrEmpty(byte[] encodedItem) {
        return encodedItem == null ? Map.of() : ItemCodec.decode(encodedItem);
    }

    private static long sizeOf(byte[] encodedItem) {
        return encodedItem == null ? 0 : ItemSize.of(ItemCodec.decode(encodedItem));
    }
}
