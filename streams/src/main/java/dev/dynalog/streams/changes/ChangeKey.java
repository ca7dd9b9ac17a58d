package dev.dynalog.streams.changes;

/**
 * The key of a change record as the processor forwards it: the record's key bytes and the
 * partition (shard) it goes to, which is the partition of the command that made the change, so
 * the changes of an item stay in its log's order.
 *
 * @param partition the change topic's partition, equal to the command's log partition
 * @param bytes     the record key: the item's primary key as DynamoDB JSON, UTF-8, attributes in
 *                  key-schema order (partition key first), e.g. {@code {"pk":{"S":"a"},"sk":{"N":"1"}}}
 */
public record ChangeKey(int partition, byte[] bytes) {
}
