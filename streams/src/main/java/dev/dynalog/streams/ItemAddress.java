package dev.dynalog.streams;

import dev.dynalog.core.encoding.KeyCodec;
import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.core.partition.Partitioner;
import java.util.Map;

/**
 * Where an item lives: its log partition (dynalog's partitioner over the encoded partition key),
 * the encoded partition key (the log record's key) and the encoded primary key (its store key
 * within the table).
 */
public record ItemAddress(int partition, byte[] partitionKey, byte[] primaryKey) {

    /** The address of the item with this key (or of this item; only key attributes are read). */
    public static ItemAddress of(TableDefinition table, Map<String, AttributeValue> keyOrItem) {
        AttributeValue pk = keyOrItem.get(table.keySchema().partitionKey().name());
        byte[] partitionKey = KeyCodec.encodeValue(pk);
        return new ItemAddress(
                Partitioner.partition(partitionKey, table.partitions()),
                partitionKey,
                KeyCodec.encodePrimaryKey(table.keySchema(), keyOrItem));
    }

    /** The partition of a partition-key value. */
    public static int partitionOf(TableDefinition table, AttributeValue partitionKeyValue) {
        return Partitioner.partition(KeyCodec.encodeValue(partitionKeyValue), table.partitions());
    }
}
