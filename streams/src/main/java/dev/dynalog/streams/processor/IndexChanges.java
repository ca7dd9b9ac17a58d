package dev.dynalog.streams.processor;

import dev.dynalog.core.encoding.ItemCodec;
import dev.dynalog.core.encoding.KeyCodec;
import dev.dynalog.core.index.IndexDelta;
import dev.dynalog.core.index.IndexDeltas;
import dev.dynalog.core.index.IndexEntry;
import dev.dynalog.core.index.IndexEntrySize;
import dev.dynalog.core.index.SecondaryIndex;
import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.schemas.index.IndexOp;
import dev.dynalog.schemas.index.IndexUpdate;
import dev.dynalog.streams.digest.ItemDigest;
import dev.dynalog.streams.index.TableIndexes;
import dev.dynalog.streams.processor.ItemEvent.CollectionSizeChanged;
import dev.dynalog.streams.processor.ItemEvent.LocalIndexEntryRemoved;
import dev.dynalog.streams.processor.ItemEvent.LocalIndexEntryWritten;
import dev.dynalog.streams.state.ItemState;
import dev.dynalog.streams.state.ItemStoreKeys;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * What one base write does to the table's secondary indexes: the local index events (applied in
 * the partition's task, in the same transaction as the item), the global index updates (sent to
 * the index log) and the new size of the item collection, which DynamoDB limits for tables with
 * local indexes.
 *
 * @param localEvents         events for local index entries and the collection size
 * @param globalUpdates       updates for the global indexes' materializer
 * @param collectionSizeBytes the item collection's size after the write, or -1 for a table without
 *                            local indexes (no collection is tracked)
 * @param collectionTooLarge  the write would grow the collection past the table's limit
 */
record IndexChanges(List<ItemEvent> localEvents, List<IndexUpdate> globalUpdates, long collectionSizeBytes,
                    boolean collectionTooLarge) {
    static final IndexChanges NONE = new IndexChanges(List.of(), List.of(), -1, false);

    /**
     * @param oldItem the item before the write, or null
     * @param newItem the item after it, or null when it is deleted
     * @param sizeChange the change of the base item's size
     */
    static IndexChanges of(byte[] tableId, TableIndexes indexes, ItemState state, Map<String, AttributeValue> oldItem,
                           Map<String, AttributeValue> newItem, long sizeChange) {
        if (indexes == null || indexes.indexes().isEmpty()) {
            return NONE;
        }
        List<ItemEvent> events = new ArrayList<>();
        List<IndexUpdate> updates = new ArrayList<>();
        long collectionChange = sizeChange;
        String tableIdHex = HexFormat.of().formatHex(tableId);
        for (SecondaryIndex index : indexes.indexes()) {
            IndexDelta delta = IndexDeltas.of(index, indexes.tableKey(), oldItem, newItem);
            if (delta.isEmpty()) {
                continue;
            }
            if (index.isGlobal()) {
                delta.removed().ifPresent(e -> updates.add(update(tableIdHex, indexes, index, IndexOp.REMOVE, e)));
                delta.put().ifPresent(e -> updates.add(update(tableIdHex, indexes, index, IndexOp.PUT, e)));
                continue;
            }
            byte[] indexId = HexFormat.of().parseHex(index.indexId());
            long removedSize = delta.removed().map(e -> IndexEntrySize.of(e.value())).orElse(0L);
            delta.removed().ifPresent(e -> events.add(new LocalIndexEntryRemoved(tableId, indexId, e.key(), removedSize,
                    ItemDigest.ofEntry(e.key(), e.value()))));
            collectionChange -= removedSize;
            if (delta.put().isPresent()) {
                IndexEntry e = delta.put().get();
                long size = IndexEntrySize.of(e.value());
                long replaced = delta.replaced().map(old -> IndexEntrySize.of(old.value())).orElse(0L);
                long replacedDigest = delta.replaced().map(old -> ItemDigest.ofEntry(old.key(), old.value())).orElse(0L);
                events.add(new LocalIndexEntryWritten(tableId, indexId, e.key(), ItemCodec.encode(e.value()),
                        delta.replaced().isPresent() ? 0 : 1, size - replaced,
                        ItemDigest.ofEntry(e.key(), e.value()) - replacedDigest));
                collectionChange += size - replaced;
            }
        }
        if (!indexes.hasLocalIndexes()) {
            return new IndexChanges(List.of(), updates, -1, false);
        }
        Map<String, AttributeValue> anyImage = newItem != null ? newItem : oldItem;
        byte[] partitionKey = KeyCodec.encodeValue(anyImage.get(indexes.tableKey().partitionKey().name()));
        byte[] stored = state.get(ItemStoreKeys.collectionSize(tableId, partitionKey));
        long before = stored == null ? 0 : ByteBuffer.wrap(stored).getLong();
        long after = before + collectionChange;
        boolean tooLarge = collectionChange > 0 && after > indexes.itemCollectionLimitBytes();
        if (collectionChange != 0) {
            events.add(new CollectionSizeChanged(tableId, partitionKey, after));
        }
        return new IndexChanges(events, updates, after, tooLarge);
    }

    static IndexUpdate update(String tableIdHex, TableIndexes indexes, SecondaryIndex index, IndexOp op,
                              IndexEntry entry) {
        return IndexUpdate.newBuilder()
                .setTableId(tableIdHex)
                .setTableName(indexes.tableName())
                .setIndexId(index.indexId())
                .setIndexName(index.name())
                .setOp(op)
                .setEntryKey(ByteBuffer.wrap(entry.key()))
                .setEntry(ByteBuffer.wrap(op == IndexOp.PUT ? ItemCodec.encode(entry.value()) : new byte[0]))
                .setPartitionKey(ByteBuffer.wrap(KeyCodec.encodeValue(entry.partitionKey())))
                .build();
    }

    /** The update that empties a deleted global index, for every partition of the index log. */
    static IndexUpdate purge(String tableIdHex, String tableName, SecondaryIndex index) {
        return IndexUpdate.newBuilder()
                .setTableId(tableIdHex)
                .setTableName(tableName)
                .setIndexId(index.indexId())
                .setIndexName(index.name())
                .setOp(IndexOp.PURGE)
                .build();
    }
}
