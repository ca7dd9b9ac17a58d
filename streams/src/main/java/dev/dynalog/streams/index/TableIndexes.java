package dev.dynalog.streams.index;

import dev.dynalog.core.index.IndexKind;
import dev.dynalog.core.index.IndexProjection;
import dev.dynalog.core.index.IndexStatus;
import dev.dynalog.core.index.ProjectionType;
import dev.dynalog.core.index.SecondaryIndex;
import dev.dynalog.core.model.AttributeType;
import dev.dynalog.core.model.KeyAttribute;
import dev.dynalog.core.model.KeySchema;
import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.schemas.command.DefineIndexes;
import dev.dynalog.schemas.command.IndexDefinition;
import dev.dynalog.schemas.command.KeyAttributeDefinition;
import dev.dynalog.schemas.command.KeyType;
import dev.dynalog.schemas.command.ProjectionKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The secondary indexes one table partition maintains, as the last {@code DefineIndexes} command
 * in its log set them: what the partition's processor reads to keep local indexes and to emit
 * global index updates. Kept in the partition's own store, so it is part of the state that the
 * log determines and that Kafka Streams restores.
 *
 * @param tableName                the table's name (for metrics and index readers)
 * @param tableKey                 the table's key schema
 * @param indexes                  the indexes, local ones first
 * @param itemCollectionLimitBytes the largest item collection allowed when the table has local indexes
 */
public record TableIndexes(String tableName, KeySchema tableKey, List<SecondaryIndex> indexes,
                           long itemCollectionLimitBytes) {

    public TableIndexes {
        indexes = List.copyOf(indexes);
    }

    public boolean hasLocalIndexes() {
        return indexes.stream().anyMatch(i -> !i.isGlobal());
    }

    public Optional<SecondaryIndex> byId(String indexId) {
        return indexes.stream().filter(i -> i.indexId().equals(indexId)).findFirst();
    }

    /** The command that defines a table's indexes (those not being deleted) from its log position on. */
    public static DefineIndexes command(TableDefinition table, long itemCollectionLimitBytes) {
        List<IndexDefinition> definitions = new ArrayList<>();
        for (SecondaryIndex index : table.indexes().all()) {
            if (index.status() == IndexStatus.DELETING) {
                continue;
            }
            definitions.add(IndexDefinition.newBuilder()
                    .setIndexId(index.indexId())
                    .setName(index.name())
                    .setGlobal(index.isGlobal())
                    .setPartitionKey(key(index.keySchema().partitionKey()))
                    .setSortKey(index.keySchema().sortKey().map(TableIndexes::key).orElse(null))
                    .setProjection(ProjectionKind.valueOf(index.projection().type().name()))
                    .setNonKeyAttributes(new ArrayList<>(index.projection().nonKeyAttributes()))
                    .build());
        }
        return DefineIndexes.newBuilder()
                .setTablePartitionKey(key(table.keySchema().partitionKey()))
                .setTableSortKey(table.keySchema().sortKey().map(TableIndexes::key).orElse(null))
                .setIndexes(definitions)
                .setItemCollectionLimitBytes(itemCollectionLimitBytes)
                .setTableName(table.name())
                .build();
    }

    public static TableIndexes of(DefineIndexes command) {
        List<SecondaryIndex> indexes = new ArrayList<>();
        for (IndexDefinition d : command.getIndexes()) {
            KeySchema key = d.getSortKey() == null ? KeySchema.of(key(d.getPartitionKey()))
                    : KeySchema.of(key(d.getPartitionKey()), key(d.getSortKey()));
            List<String> nonKey = d.getNonKeyAttributes().stream().map(CharSequence::toString).toList();
            indexes.add(new SecondaryIndex(d.getName().toString(), d.getIndexId().toString(),
                    d.getGlobal() ? IndexKind.GLOBAL : IndexKind.LOCAL, key,
                    new IndexProjection(ProjectionType.valueOf(d.getProjection().name()), nonKey),
                    IndexStatus.ACTIVE, false, 0, 0));
        }
        KeySchema tableKey = command.getTableSortKey() == null ? KeySchema.of(key(command.getTablePartitionKey()))
                : KeySchema.of(key(command.getTablePartitionKey()), key(command.getTableSortKey()));
        return new TableIndexes(command.getTableName().toString(), tableKey, indexes,
                command.getItemCollectionLimitBytes());
    }

    public static byte[] encode(DefineIndexes command) {
        try {
            ByteBuffer buffer = command.toByteBuffer();
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TableIndexes decode(byte[] bytes) {
        try {
            return of(DefineIndexes.fromByteBuffer(ByteBuffer.wrap(bytes)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static KeyAttributeDefinition key(KeyAttribute a) {
        return new KeyAttributeDefinition(a.name(), KeyType.valueOf(a.type().name()));
    }

    private static KeyAttribute key(KeyAttributeDefinition a) {
        return new KeyAttribute(a.getName().toString(), AttributeType.valueOf(a.getType().name()));
    }
}
