package dev.dynalog.connectors.dynamodb;

import dev.dynalog.core.encoding.ItemCodec;
import dev.dynalog.core.expression.Projection;
import dev.dynalog.core.json.AttributeValueJson;
import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.model.KeySchema;
import dev.dynalog.core.size.ItemSize;
import dev.dynalog.core.validation.KeyValidator;
import dev.dynalog.streams.state.ItemState.StoredItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Collects one page of a Query or Scan: it stops after Limit items or once the items read reach
 * 1 MB, DynamoDB's page size, and then reports the last item's key as LastEvaluatedKey.
 */
public final class PageCollector implements Predicate<StoredItem> {
    static final long PAGE_BYTES = 1024 * 1024;

    private final KeySchema schema;
    private final Integer limit;
    private final Projection projection;
    private final List<Map<String, AttributeValue>> items = new ArrayList<>();
    private long bytes;
    private Map<String, AttributeValue> lastItem;
    private boolean full;

    public PageCollector(KeySchema schema, Integer limit, Projection projection) {
        this.schema = schema;
        this.limit = limit;
        this.projection = projection;
    }

    @Override
    public boolean test(StoredItem stored) {
        Map<String, AttributeValue> item = ItemCodec.decode(stored.value());
        bytes += ItemSize.of(item);
        lastItem = item;
        items.add(projection == null ? item : projection.apply(item));
        if ((limit != null && items.size() >= limit) || bytes >= PAGE_BYTES) {
            full = true;
        }
        return !full;
    }

    /** True once the page is complete and reading must stop. */
    public boolean isFull() {
        return full;
    }

    public JsonWritable response() {
        Map<String, AttributeValue> lastKey = full ? KeyValidator.extractKey(schema, lastItem) : null;
        return json -> {
            json.writeStartObject();
            json.writeArrayFieldStart("Items");
            for (Map<String, AttributeValue> item : items) {
                AttributeValueJson.writeItem(json, item);
            }
            json.writeEndArray();
            json.writeNumberField("Count", items.size());
            json.writeNumberField("ScannedCount", items.size());
            if (lastKey != null) {
                json.writeFieldName("LastEvaluatedKey");
                AttributeValueJson.writeItem(json, lastKey);
            }
            json.writeEndObject();
        };
    }
}
