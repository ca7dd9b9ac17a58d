package dev.dynalog.streams.processor;

import dev.dynalog.core.encoding.ItemCodec;
import dev.dynalog.core.expression.eval.UpdateApplier;
import dev.dynalog.core.index.IndexProjector;
import dev.dynalog.core.index.SecondaryIndex;
import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.size.ItemSize;
import dev.dynalog.core.ttl.ExpiryRule;
import dev.dynalog.schemas.command.BackfillIndex;
import dev.dynalog.schemas.command.Command;
import dev.dynalog.schemas.command.DefineIndexes;
import dev.dynalog.schemas.command.DeleteItem;
import dev.dynalog.schemas.command.ExpireItem;
import dev.dynalog.schemas.command.PurgeTable;
import dev.dynalog.schemas.command.PutItem;
import dev.dynalog.schemas.command.ReturnValues;
import dev.dynalog.schemas.command.UpdateItem;
import dev.dynalog.schemas.index.IndexOp;
import dev.dynalog.schemas.index.IndexUpdate;
import dev.dynalog.streams.digest.ItemDigest;
import dev.dynalog.streams.index.TableIndexes;
import dev.dynalog.streams.processor.ItemEvent.IndexesDefined;
import dev.dynalog.streams.processor.ItemEvent.ItemRemoved;
import dev.dynalog.streams.processor.ItemEvent.ItemWritten;
import dev.dynalog.streams.processor.ItemEvent.TablePurged;
import dev.dynalog.streams.state.ItemState;
import dev.dynalog.streams.state.ItemStoreKeys;
import dev.dynalog.streams.state.KeyRange;
import dev.dynalog.streams.transaction.LockView;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Bytes;

/**
 * Decides what a command does, given the partition's current state: a pure function of the
 * command and the state, so replaying the log decides the same way. It changes nothing itself.
 *
 * <p>Conditions are checked here, against the item as it is at the command's log position, and
 * never at the front door: two writers racing on one item are ordered by the log, and the second
 * sees the first's result.
 */
public final class CommandDecider {
    /**
     * @param indexes the table's secondary indexes as this partition's log defined them, or null
     *                when it has none
     * @param locks   the partition's transaction state: a write to an item that a transaction
     *                holds is refused with a conflict
     */
    public Decision decide(Command command, ItemState state, TableIndexes indexes, LockView locks) {
        byte[] tableId = ItemStoreKeys.tableIdBytes(command.getTableId());
        Object body = command.getBody();
        if (body instanceof PutItem put) {
            return heldByTransaction(locks, tableId, put.getKey()) ? conflict() : decidePut(tableId, put, state, indexes);
        }
        if (body instanceof UpdateItem update) {
            return heldByTransaction(locks, tableId, update.getKey()) ? conflict()
                    : decideUpdate(tableId, update, state, indexes);
        }
        if (body instanceof DeleteItem delete) {
            return heldByTransaction(locks, tableId, delete.getKey()) ? conflict()
                    : decideDelete(tableId, delete, state, indexes);
        }
        if (body instanceof ExpireItem expire) {
            // A held item is left to a later sweep: the transaction may yet give it a new expiry.
            return heldByTransaction(locks, tableId, expire.getKey()) ? conflict()
                    : decideExpiry(tableId, expire, state, indexes);
        }
        if (body instanceof DefineIndexes define) {
            return decideDefineIndexes(tableId, command.getTableId(), define, indexes);
        }
        if (body instanceof BackfillIndex backfill) {
            return decideBackfill(tableId, command.getTableId(), backfill, state, indexes);
        }
        if (body instanceof PurgeTable) {
            // A transaction still holding items of the table finds them gone when it completes.
            return new Decision(List.of(new TablePurged(tableId)),
                    purgesOfGlobalIndexes(command.getTableId(), indexes, null),
                    List.of(new TransactionEvent.TableLocksDropped(tableId)), CommandResult.applied(null, 0));
        }
        return new Decision(List.of(), CommandResult.rejected());
    }

    private static boolean heldByTransaction(LockView locks, byte[] tableId, ByteBuffer key) {
        return locks.lockHolder(tableId, CommandExpressions.bytes(key)) != null;
    }

    private static Decision conflict() {
        return new Decision(List.of(), CommandResult.transactionConflict());
    }

    /**
     * The events of a committed transaction's write of {@code newItem} (null: a delete) over the
     * item as it is now, with what it does to the table's indexes. Unlike a client's write it is
     * never refused: the transaction was decided at prepare time, against the same item.
     */
    static Decision committedWrite(byte[] tableId, byte[] key, byte[] newItem, ItemState state, TableIndexes indexes) {
        byte[] oldItem = state.item(tableId, key);
        Map<String, AttributeValue> old = decodeOrNull(oldItem);
        long oldSize = old == null ? 0 : ItemSize.of(old);
        if (newItem == null) {
            return oldItem == null ? new Decision(List.of(), CommandResult.applied(null, 0))
                    : withIndexChanges(new ItemRemoved(tableId, key, oldItem, oldSize, ItemDigest.of(old)), old, null, state, indexes,
                            CommandResult.applied(null, oldSize), false);
        }
        Map<String, AttributeValue> newMap = ItemCodec.decode(newItem);
        long newSize = ItemSize.of(newMap);
        return withIndexChanges(new ItemWritten(tableId, key, newItem, newSize, oldItem, oldSize,
                digestChange(old, newMap)), old, newMap, state,
                indexes, CommandResult.applied(null, Math.max(oldSize, newSize)), false);
    }

    private Decision decidePut(byte[] tableId, PutItem put, ItemState state, TableIndexes indexes) {
        byte[] key = CommandExpressions.bytes(put.getKey());
        byte[] newItem = CommandExpressions.bytes(put.getItem());
        byte[] oldItem = state.item(tableId, key);
        Map<String, AttributeValue> old = decodeOrNull(oldItem);
        long oldSize = old == null ? 0 : ItemSize.of(old);
        if (!CommandExpressions.conditionHolds(put.getCondition(), old == null ? Map.of() : old)) {
            return conditionFailed(oldItem, oldSize, put.getReturnOldOnConditionFailure());
        }
        Map<String, AttributeValue> newMap = ItemCodec.decode(newItem);
        long newSize = ItemSize.of(newMap);
        byte[] returned = put.getReturnValues() == ReturnValues.ALL_OLD ? oldItem : null;
        return written(new ItemWritten(tableId, key, newItem, newSize, oldItem, oldSize, digestChange(old, newMap)),
                old, newMap, state, indexes,
                CommandResult.applied(returned, Math.max(oldSize, newSize)));
    }

    /** The decision for an applied write, with what it does to the table's indexes. */
    private static Decision written(ItemEvent event, Map<String, AttributeValue> old, Map<String, AttributeValue> newMap,
                                    ItemState state, TableIndexes indexes, CommandResult result) {
        return withIndexChanges(event, old, newMap, state, indexes, result, true);
    }

    /** {@code enforceCollectionLimit}: refuse the write if it grows its item collection past the table's limit. */
    private static Decision withIndexChanges(ItemEvent event, Map<String, AttributeValue> old,
                                             Map<String, AttributeValue> newMap, ItemState state, TableIndexes indexes,
                                             CommandResult result, boolean enforceCollectionLimit) {
        long oldSize = event instanceof ItemWritten w ? w.oldSize() : ((ItemRemoved) event).oldSize();
        long newSize = event instanceof ItemWritten w ? w.newSize() : 0;
        IndexChanges changes = IndexChanges.of(event.tableId(), indexes, state, old, newMap, newSize - oldSize);
        if (enforceCollectionLimit && changes.collectionTooLarge()) {
            return new Decision(List.of(), CommandResult.collectionTooLarge());
        }
        if (changes == IndexChanges.NONE) {
            return new Decision(List.of(event), result);
        }
        List<ItemEvent> events = new ArrayList<>(1 + changes.localEvents().size());
        events.add(event);
        events.addAll(changes.localEvents());
        return new Decision(events, changes.globalUpdates(), result.withCollectionSize(changes.collectionSizeBytes()));
    }

    private Decision decideDefineIndexes(byte[] tableId, String tableIdHex, DefineIndexes define, TableIndexes before) {
        TableIndexes after = TableIndexes.of(define);
        return new Decision(List.of(new IndexesDefined(tableId, TableIndexes.encode(define))),
                purgesOfGlobalIndexes(tableIdHex, before, after), CommandResult.applied(null, 0));
    }

    /**
     * PURGE updates for the global indexes in {@code before} that {@code after} no longer has
     * (every one when {@code after} is null: the table is purged). Each base partition sends its
     * own after its last update for the index, so once every partition's purge has arrived no
     * update of the deleted index can follow in the index log.
     */
    private static List<IndexUpdate> purgesOfGlobalIndexes(String tableIdHex, TableIndexes before, TableIndexes after) {
        if (before == null) {
            return List.of();
        }
        List<IndexUpdate> purges = new ArrayList<>();
        for (SecondaryIndex index : before.indexes()) {
            if (index.isGlobal() && (after == null || after.byId(index.indexId()).isEmpty())) {
                purges.add(IndexChanges.purge(tableIdHex, before.tableName(), index));
            }
        }
        return purges;
    }

    /**
     * One backfill step: PUT updates for up to {@code maxItems} items after {@code afterKey}, in
     * key order. Items written after this step get their updates from their own writes, since the
     * index is defined in this partition before its first step.
     */
    private Decision decideBackfill(byte[] tableId, String tableIdHex, BackfillIndex backfill, ItemState state,
                                    TableIndexes indexes) {
        SecondaryIndex index = indexes == null ? null : indexes.byId(backfill.getIndexId().toString()).orElse(null);
        if (index == null || !index.isGlobal()) {
            return new Decision(List.of(), CommandResult.backfilled(null));
        }
        KeyRange range = ItemStoreKeys.allItems(tableId);
        if (backfill.getAfterKey() != null) {
            range = range.withFrom(ItemStoreKeys.item(tableId, CommandExpressions.bytes(backfill.getAfterKey())).get(), false);
        }
        List<IndexUpdate> updates = new ArrayList<>();
        int max = backfill.getMaxItems();
        byte[][] last = new byte[1][];
        int[] read = {0};
        state.scan(range, false, stored -> {
            Map<String, AttributeValue> item = ItemCodec.decode(stored.value());
            IndexProjector.entry(index, indexes.tableKey(), item).ifPresent(e ->
                    updates.add(IndexChanges.update(tableIdHex, indexes, index, IndexOp.PUT, e)));
            last[0] = stored.storeKey();
            return ++read[0] < max;
        });
        byte[] resume = read[0] < max ? null : ItemStoreKeys.primaryKey(Bytes.wrap(last[0]));
        return new Decision(List.of(), updates, CommandResult.backfilled(resume));
    }

    private Decision decideUpdate(byte[] tableId, UpdateItem update, ItemState state, TableIndexes indexes) {
        byte[] key = CommandExpressions.bytes(update.getKey());
        byte[] oldItem = state.item(tableId, key);
        Map<String, AttributeValue> old = oldItem == null ? Map.of() : ItemCodec.decode(oldItem);
        long oldSize = oldItem == null ? 0 : ItemSize.of(old);
        if (!CommandExpressions.conditionHolds(update.getCondition(), old)) {
            return conditionFailed(oldItem, oldSize, update.getReturnOldOnConditionFailure());
        }
        UpdatedItem result = UpdatedItem.of(update.getUpdate(), oldItem == null ? null : old,
                CommandExpressions.bytes(update.getKeyItem()), indexes, update.getLegacyUpdate());
        if (result.invalidMessage() != null) {
            return new Decision(List.of(), CommandResult.invalid(result.invalidMessage()));
        }
        Map<String, AttributeValue> newMap = result.item();
        long newSize = result.size();
        UpdateApplier.Result updated = result.applied();
        byte[] newItem = ItemCodec.encode(newMap);
        ItemWritten event = new ItemWritten(tableId, key, newItem, newSize, oldItem, oldSize,
                digestChange(oldItem == null ? null : old, newMap));
        Map<String, AttributeValue> returned = switch (update.getReturnValues()) {
            case NONE -> null;
            case ALL_OLD -> oldItem == null ? null : old;
            case ALL_NEW -> newMap;
            case UPDATED_OLD -> updated == null ? null : CommandExpressions.project(old, updated.updatedPaths());
            case UPDATED_NEW -> updated == null ? null : CommandExpressions.project(newMap, updated.updatedPaths());
        };
        byte[] returnedBytes = returned == null || returned.isEmpty() ? null : ItemCodec.encode(returned);
        return written(event, oldItem == null ? null : old, newMap, state, indexes,
                CommandResult.applied(returnedBytes, Math.max(oldSize, newSize)));
    }

    private Decision decideDelete(byte[] tableId, DeleteItem delete, ItemState state, TableIndexes indexes) {
        byte[] key = CommandExpressions.bytes(delete.getKey());
        byte[] oldItem = state.item(tableId, key);
        Map<String, AttributeValue> old = decodeOrNull(oldItem);
        long oldSize = old == null ? 0 : ItemSize.of(old);
        if (!CommandExpressions.conditionHolds(delete.getCondition(), old == null ? Map.of() : old)) {
            return conditionFailed(oldItem, oldSize, delete.getReturnOldOnConditionFailure());
        }
        if (oldItem == null) {
            return new Decision(List.of(), CommandResult.applied(null, 0));
        }
        ItemRemoved event = new ItemRemoved(tableId, key, oldItem, oldSize, ItemDigest.of(old));
        byte[] returned = delete.getReturnValues() == ReturnValues.ALL_OLD ? oldItem : null;
        return written(event, old, null, state, indexes, CommandResult.applied(returned, oldSize));
    }

    /**
     * A Time to Live expiry: a delete, with its index changes, of an item that has expired by the
     * attribute and time the sweeper put in the command, judged on the item as it is at this log
     * position. An item deleted meanwhile, or rewritten with a later expiry or without one, stays
     * as it is (CONDITION_FAILED: the expiry's own condition no longer holds).
     */
    private Decision decideExpiry(byte[] tableId, ExpireItem expire, ItemState state, TableIndexes indexes) {
        byte[] key = CommandExpressions.bytes(expire.getKey());
        byte[] oldItem = state.item(tableId, key);
        if (oldItem == null) {
            return new Decision(List.of(), CommandResult.conditionFailed(null, 0));
        }
        Map<String, AttributeValue> old = ItemCodec.decode(oldItem);
        long oldSize = ItemSize.of(old);
        if (!ExpiryRule.expired(old, expire.getAttributeName(), expire.getAsOfMillis())) {
            return new Decision(List.of(), CommandResult.conditionFailed(null, oldSize));
        }
        ItemRemoved event = new ItemRemoved(tableId, key, oldItem, oldSize, ItemDigest.of(old));
        return written(event, old, null, state, indexes, CommandResult.applied(null, oldSize));
    }

    /** What replacing {@code old} (null: none) with {@code newItem} does to the table's checksum. */
    private static long digestChange(Map<String, AttributeValue> old, Map<String, AttributeValue> newItem) {
        return ItemDigest.of(newItem) - (old == null ? 0 : ItemDigest.of(old));
    }

    private static Map<String, AttributeValue> decodeOrNull(byte[] encodedItem) {
        return encodedItem == null ? null : ItemCodec.decode(encodedItem);
    }

    private static Decision conditionFailed(byte[] oldItem, long oldSize, boolean returnOld) {
        return new Decision(List.of(), CommandResult.conditionFailed(returnOld ? oldItem : null, oldSize));
    }

}
