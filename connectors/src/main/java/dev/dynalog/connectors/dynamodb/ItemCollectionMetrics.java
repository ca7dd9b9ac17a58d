package dev.dynalog.connectors.dynamodb;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.dynalog.core.json.AttributeValueJson;
import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.streams.processor.CommandResult;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The ReturnItemCollectionMetrics member of the write operations and the ItemCollectionMetrics
 * they return. DynamoDB returns item collection metrics only for tables with local secondary
 * indexes (only they have size-limited item collections): the collection's partition key and an
 * estimate of its size in GB as a lower and an upper bound, here the whole gigabytes below and
 * above the size the partition's processor counted.
 *
 * @param key         ItemCollectionKey: the table's partition key attribute of the written item
 * @param sizeBytes   the collection's size after the write
 */
public record ItemCollectionMetrics(Map<String, AttributeValue> key, long sizeBytes) {
    public static final List<String> VALUES = List.of("SIZE", "NONE");
    private static final double GB = 1024.0 * 1024 * 1024;

    /** Validates the member against the model; true when the request asks for SIZE. */
    public static boolean read(RequestFields f) {
        return "SIZE".equals(f.enumValue("ReturnItemCollectionMetrics", VALUES));
    }

    /** The metrics to return for a write, or null when there are none to return. */
    public static ItemCollectionMetrics of(boolean asked, TableDefinition table, Map<String, AttributeValue> keyOrItem,
                                           CommandResult result) {
        return of(asked, table, keyOrItem, result.collectionSizeBytes());
    }

    /** {@code collectionSizeBytes}: the size the processor counted after the write, or -1 for none. */
    public static ItemCollectionMetrics of(boolean asked, TableDefinition table, Map<String, AttributeValue> keyOrItem,
                                           long collectionSizeBytes) {
        if (!asked || table.indexes().locals().isEmpty() || collectionSizeBytes < 0) {
            return null;
        }
        String pk = table.keySchema().partitionKey().name();
        return new ItemCollectionMetrics(Map.of(pk, keyOrItem.get(pk)), collectionSizeBytes);
    }

    void write(JsonGenerator json) throws IOException {
        json.writeFieldName("ItemCollectionMetrics");
        writeObject(json);
    }

    /**
     * Writes {@code "ItemCollectionMetrics": {table: [metrics, ...]}}, the form of the operations
     * that write several items (TransactWriteItems).
     */
    public static void writePerTable(JsonGenerator json, Map<String, List<ItemCollectionMetrics>> byTable)
            throws IOException {
        json.writeObjectFieldStart("ItemCollectionMetrics");
        for (Map.Entry<String, List<ItemCollectionMetrics>> e : byTable.entrySet()) {
            json.writeArrayFieldStart(e.getKey());
            for (ItemCollectionMetrics m : e.getValue()) {
                m.writeObject(json);
            }
            json.writeEndArray();
        }
        json.writeEndObject();
    }

    private void writeObject(JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeFieldName("ItemCollectionKey");
        AttributeValueJson.writeItem(json, key);
        double lower = Math.floor(sizeBytes / GB);
        json.writeArrayFieldStart("SizeEstimateRangeGB");
        json.writeNumber(lower);
        json.writeNumber(lower + 1);
        json.writeEndArray();
        json.writeEndObject();
    }
}
