package dev.dynalog.streams.processor;

import dev.dynalog.streams.processor.ItemEvent.CollectionSizeChanged;
import dev.dynalog.streams.processor.ItemEvent.IndexesDefined;
import dev.dynalog.streams.processor.ItemEvent.ItemRemoved;
import dev.dynalog.streams.processor.ItemEvent.ItemWritten;
import dev.dynalog.streams.processor.ItemEvent.LocalIndexEntryRemoved;
import dev.dynalog.streams.processor.ItemEvent.LocalIndexEntryWritten;
import dev.dynalog.streams.processor.ItemEvent.TablePurged;
import dev.dynalog.streams.state.ItemStoreKeys;
import dev.dynalog.streams.state.MutableItemState;
import dev.dynalog.streams.state.TableStats;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;

/** The only code that changes a partition's item state: it applies events, one at a time. */
public final class ItemEventApplier {

    public void apply(ItemEvent event, MutableItemState state) {
        if (event instanceof ItemWritten w) {
            state.putItem(w.tableId(), w.primaryKey(), w.newItem());
            long added = w.oldItem() == null ? 1 : 0;
            state.putStats(w.tableId(), state.stats(w.tableId()).plus(added, w.newSize() - w.oldSize(), w.digestChange()));
        } else if (event instanceof ItemRemoved r) {
            state.deleteItem(r.tableId(), r.primaryKey());
            state.putStats(r.tableId(), state.stats(r.tableId()).plus(-1, -r.oldSize(), -r.oldDigest()));
        } else if (event instanceof TablePurged p) {
            List<byte[]> storeKeys = new ArrayList<>();
            state.scan(ItemStoreKeys.everything(p.tableId()), false, item -> storeKeys.add(item.storeKey()));
            for (byte[] storeKey : storeKeys) {
                state.delete(Bytes.wrap(storeKey));
            }
        } else if (event instanceof IndexesDefined d) {
            state.put(ItemStoreKeys.indexDefinitions(d.tableId()), d.definitions());
        } else if (event instanceof LocalIndexEntryWritten w) {
            state.put(ItemStoreKeys.localIndexEntry(w.tableId(), w.indexId(), w.entryKey()), w.entry());
            adjustIndexStats(state, w.tableId(), w.indexId(), w.addedEntries(), w.addedBytes(), w.digestChange());
        } else if (event instanceof LocalIndexEntryRemoved r) {
            state.delete(ItemStoreKeys.localIndexEntry(r.tableId(), r.indexId(), r.entryKey()));
            adjustIndexStats(state, r.tableId(), r.indexId(), -1, -r.removedBytes(), -r.removedDigest());
        } else if (event instanceof CollectionSizeChanged c) {
            Bytes key = ItemStoreKeys.collectionSize(c.tableId(), c.partitionKey());
            if (c.sizeBytes() == 0) {
                state.delete(key);
            } else {
                state.put(key, ByteBuffer.allocate(Long.BYTES).putLong(c.sizeBytes()).array());
            }
        } else {
            throw new IllegalArgumentException("no applier for " + event);
        }
    }

    private static void adjustIndexStats(MutableItemState state, byte[] tableId, byte[] indexId, long entries,
                                         long bytes, long digest) {
        Bytes key = ItemStoreKeys.localIndexStats(tableId, indexId);
        state.put(key, TableStats.decode(state.get(key)).plus(entries, bytes, digest).encode());
    }
}
