package dev.dynalog.connectors.dynamodb;

import dev.dynalog.core.error.Errors;
import dev.dynalog.core.expression.KeyCondition;
import dev.dynalog.core.index.IndexEntryCodec;
import dev.dynalog.core.index.IndexProjector;
import dev.dynalog.core.index.IndexStartKeys;
import dev.dynalog.core.index.IndexStatus;
import dev.dynalog.core.index.ProjectionType;
import dev.dynalog.core.index.SecondaryIndex;
import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.model.KeySchema;
import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.core.validation.KeyValidator;
import dev.dynalog.streams.ItemAddress;
import dev.dynalog.streams.index.GlobalIndexStoreKeys;
import dev.dynalog.streams.query.ItemReader;
import dev.dynalog.streams.query.QueryRange;
import dev.dynalog.streams.state.ItemState.StoredItem;
import dev.dynalog.streams.state.ItemStoreKeys;
import dev.dynalog.streams.state.KeyRange;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What a Query or Scan reads: the table, one of its local indexes (entries beside the items, in
 * the partition's store, strongly consistent) or one of its global indexes (entries in the index
 * materializer's store, partitioned by the index partition key, eventually consistent). Each has
 * its own key schema, store-key prefix and pagination keys; the operations read them alike.
 */
public final class ReadTarget {
    private final TableDefinition table;
    private final SecondaryIndex index;
    private final byte[] prefix;

    private ReadTarget(TableDefinition table, SecondaryIndex index) {
        this.table = table;
        this.index = index;
        byte[] tableId = ItemStoreKeys.tableIdBytes(table.tableId());
        if (index == null) {
            prefix = ItemStoreKeys.allItems(tableId).from();
        } else if (index.isGlobal()) {
            prefix = GlobalIndexStoreKeys.entryPrefix(HexFormat.of().parseHex(index.indexId()), new byte[0]);
        } else {
            prefix = ItemStoreKeys.localIndexPrefix(tableId, HexFormat.of().parseHex(index.indexId()));
        }
    }

    /**
     * The table, or its index named {@code indexName}, checked as DynamoDB checks a read of it.
     *
     * @param select the Select member, or null
     */
    public static ReadTarget of(TableDefinition table, String indexName, boolean consistent, String select) {
        if (indexName == null) {
            return new ReadTarget(table, null);
        }
        SecondaryIndex index = table.indexes().named(indexName)
                .filter(i -> i.status() != IndexStatus.DELETING)
                .orElseThrow(() -> Errors.validation("The table does not have the specified index: " + indexName));
        if (index.isGlobal()) {
            if (consistent) {
                throw Errors.validation("Consistent reads are not supported on global secondary indexes");
            }
            if (index.status() != IndexStatus.ACTIVE) {
                throw Errors.validation("Cannot read from backfilling global secondary index: " + indexName);
            }
            if ("ALL_ATTRIBUTES".equals(select) && index.projection().type() != ProjectionType.ALL) {
                throw Errors.validation("One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not "
                        + "supported for global secondary index " + indexName + " because its projection type is not ALL");
            }
        }
        return new ReadTarget(table, index);
    }

    /**
     * Rejects what an index cannot serve, with DynamoDB's messages: a filter on attributes the
     * index does not project (local or global), and, on a global index, a projection asking for
     * them (a local index fetches those from the table instead).
     *
     * @param selected the top-level attributes of the projection, or null when there is none
     * @param filtered the top-level attributes the filter names
     */
    public void checkProjected(Collection<String> selected, Collection<String> filtered) {
        if (index == null || index.projection().type() == ProjectionType.ALL) {
            return;
        }
        List<String> unfiltered = notProjected(filtered);
        if (!unfiltered.isEmpty()) {
            throw Errors.validation("One or more parameter values were invalid: Secondary index " + index.name()
                    + " does not project one or more filter attributes: " + unfiltered);
        }
        if (index.isGlobal() && selected != null) {
            List<String> unselected = notProjected(selected);
            if (!unselected.isEmpty()) {
                throw Errors.validation("One or more parameter values were invalid: Global secondary index "
                        + index.name() + " does not project " + unselected);
            }
        }
    }

    private List<String> notProjected(Collection<String> names) {
        return names.stream().filter(n -> !IndexProjector.projects(index, table.keySchema(), n)).distinct().toList();
    }

    public boolean isIndex() {
        return index != null;
    }

    /** True for a global index, whose entries live in the index's own log partitions. */
    public boolean isGlobalIndex() {
        return index != null && index.isGlobal();
    }

    /** The global index read, which has a read budget of its own; null for the table and its local indexes. */
    public SecondaryIndex globalIndex() {
        return isGlobalIndex() ? index : null;
    }

    /** The key a Query's key condition is about. */
    public KeySchema keySchema() {
        return index == null ? table.keySchema() : index.keySchema();
    }

    /** Every entry (or item) of the target in a partition's store. */
    public KeyRange all() {
        return KeyRange.withPrefix(prefix);
    }

    public KeyRange queryRange(KeyCondition condition) {
        return index == null ? QueryRange.of(table, condition) : QueryRange.ofIndex(prefix, condition);
    }

    /** The partition that holds the entries (or items) of an index (or table) partition key value. */
    public int partitionOf(AttributeValue partitionKey) {
        return ItemAddress.partitionOf(table, partitionKey);
    }

    /** The checked ExclusiveStartKey as a store key to resume after, and its partition. */
    public StartKey startKey(Map<String, AttributeValue> startKey) {
        if (index == null) {
            KeyValidator.validateKey(table.keySchema(), startKey);
            ItemAddress address = ItemAddress.of(table, startKey);
            return new StartKey(ItemStoreKeys.item(ItemStoreKeys.tableIdBytes(table.tableId()), address.primaryKey()).get(),
                    address.partition(), startKey.get(table.keySchema().partitionKey().name()));
        }
        byte[] entryKey = IndexStartKeys.startEntryKey(index, table.keySchema(), startKey);
        byte[] storeKey = new byte[prefix.length + entryKey.length];
        System.arraycopy(prefix, 0, storeKey, 0, prefix.length);
        System.arraycopy(entryKey, 0, storeKey, prefix.length, entryKey.length);
        AttributeValue partitionKey = startKey.get(index.keySchema().partitionKey().name());
        return new StartKey(storeKey, partitionOf(partitionKey), partitionKey);
    }

    /** @param partitionKey the start key's partition key value of the target (index or table) */
    public record StartKey(byte[] storeKey, int partition, AttributeValue partitionKey) {
    }

    /** LastEvaluatedKey of a page that ended at {@code item}: the table key, plus the index key for an index. */
    public Map<String, AttributeValue> lastEvaluatedKey(Map<String, AttributeValue> item) {
        return index == null ? KeyValidator.extractKey(table.keySchema(), item)
                : IndexStartKeys.lastEvaluatedKey(index, table.keySchema(), item);
    }

    /**
     * Reads a partition's range. A local index's entries are replaced by their base items when
     * the request needs attributes the index does not project, as DynamoDB fetches them.
     *
     * @param needed the top-level attributes the request reads (projection and filter), or null
     *               for all of them
     */
    public void scan(ItemReader reader, int partition, KeyRange range, boolean reverse, boolean consistent,
                     Collection<String> needed, Predicate<StoredItem> visitor) {
        if (index == null) {
            reader.scan(table, partition, range, reverse, consistent, visitor);
        } else if (index.isGlobal()) {
            reader.scanGlobalIndex(partition, range, reverse, visitor);
        } else if (fetchesFromTable(needed)) {
            reader.scan(table, partition, range, reverse, consistent, entry -> {
                byte[] entryKey = Arrays.copyOfRange(entry.storeKey(), prefix.length, entry.storeKey().length);
                Map<String, AttributeValue> tableKey = IndexEntryCodec.decodeKey(index, table.keySchema(), entryKey)
                        .tableKey();
                byte[] item = reader.get(table, partition, ItemAddress.of(table, tableKey).primaryKey(), false);
                return item == null || visitor.test(new StoredItem(entry.storeKey(), item));
            });
        } else {
            reader.scan(table, partition, range, reverse, consistent, visitor);
        }
    }

    private boolean fetchesFromTable(Collection<String> needed) {
        if (index.projection().type() == ProjectionType.ALL) {
            return false;
        }
        return needed == null || !IndexProjector.projectsAll(index, table.keySchema(), needed);
    }

    /** The selection as it applies to this target (on an index, the index's projection by default). */
    public ItemSelection shape(ItemSelection selection) {
        return index == null ? selection : selection.onIndex(item -> IndexProjector.project(index, table.keySchema(), item));
    }
}
