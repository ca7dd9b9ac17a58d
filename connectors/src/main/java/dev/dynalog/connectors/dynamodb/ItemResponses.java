package dev.dynalog.connectors.dynamodb;

import dev.dynalog.core.encoding.ItemCodec;
import dev.dynalog.core.json.AttributeValueJson;

/** Response bodies that carry at most one item, and the ConsumedCapacity the request asked for. */
public final class ItemResponses {
    private ItemResponses() {
    }

    /**
     * {@code {"<member>": item, "ConsumedCapacity": ...}}: the item is left out when there is
     * none, ConsumedCapacity when {@code report} is NONE.
     */
    public static JsonWritable withStoredItem(String member, byte[] storedItem, CapacityReport report,
                                              ConsumedCapacity consumed) {
        return withStoredItem(member, storedItem, report, consumed, null);
    }

    /** As above, with the write's ItemCollectionMetrics when there are any (else null). */
    public static JsonWritable withStoredItem(String member, byte[] storedItem, CapacityReport report,
                                              ConsumedCapacity consumed, ItemCollectionMetrics metrics) {
        if (storedItem == null && report == CapacityReport.NONE && metrics == null) {
            return JsonWritable.EMPTY_OBJECT;
        }
        return json -> {
            json.writeStartObject();
            if (storedItem != null) {
                json.writeFieldName(member);
                AttributeValueJson.writeItem(json, ItemCodec.decode(storedItem));
            }
            report.write(json, consumed);
            if (metrics != null) {
                metrics.write(json);
            }
            json.writeEndObject();
        };
    }
}
