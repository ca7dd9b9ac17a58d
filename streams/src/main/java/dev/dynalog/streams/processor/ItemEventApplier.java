package dev.dynalog.streams.processor;

import dev.dynalog.streams.processor.ItemEvent.ItemRemoved;
import dev.dynalog.streams.processor.ItemEvent.ItemWritten;
import dev.dynalog.streams.processor.ItemEvent.TablePurged;
import dev.dynalog.streams.state.ItemStoreKeys;
import dev.dynalog.streams.state.MutableItemState;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;

/** The only code that changes a partition's item state: it applies events, one at a time. */
public final class ItemEventApplier {

    public void apply(ItemEvent event, MutableItemState state) {
        if (event instanceof ItemWritten w) {
            state.putItem(w.tableId(), w.primaryKey(), w.newItem());
            long added = w.oldItem() == null ? 1 : 0;
            state.putStats(w.tableId(), state.stats(w.tableId()).plus(added, w.newSize() - w.oldSize()));
        } else if (event instanceof ItemRemoved r) {
            state.deleteItem(r.tableId(), r.primaryKey());
            state.putStats(r.tableId(), state.stats(r.tableId()).plus(-1, -r.oldSize()));
        } else if (event instanceof TablePurged p) {
            List<byte[]> storeKeys = new ArrayList<>();
            state.scan(ItemStoreKeys.allItems(p.tableId()), false, item -> storeKeys.add(item.storeKey()));
            for (byte[] storeKey : storeKeys) {
                state.deleteItem(p.tableId(), ItemStoreKeys.primaryKey(Bytes.wrap(storeKey)));
            }
            state.deleteStats(p.tableId());
        } else {
            throw new IllegalArgumentException("no applier for " + event);
        }
    }
}
