package dev.dynalog.connectors.dynamodb;

import dev.dynalog.core.encoding.ItemCodec;
import dev.dynalog.core.json.AttributeValueJson;

/** Response bodies that carry at most one item. */
public final class ItemResponses {
    private ItemResponses() {
    }

    /** {@code {"<member>": item}} for a stored item, or {@code {}} when there is none. */
    public static JsonWritable withStoredItem(String member, byte[] storedItem) {
        if (storedItem == null) {
            return JsonWritable.EMPTY_OBJECT;
        }
        return json -> {
            json.writeStartObject();
            json.writeFieldName(member);
            AttributeValueJson.writeItem(json, ItemCodec.decode(storedItem));
            json.writeEndObject();
        };
    }
}
