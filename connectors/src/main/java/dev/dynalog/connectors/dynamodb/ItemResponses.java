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
        if (storedItem == null && report == CapacityReport.NONE) {
            return JsonWritable.EMPTY_OBJECT;
        }
        return json -> {
            json.writeStartObject();
            if (storedItem != null) {
                json.writeFieldName(member);
                AttributeValueJson.writeItem(json, ItemCodec.decode(storedItem));
            }
            report.write(json, consumed);
            json.writeEndObject();
        };
    }
}
