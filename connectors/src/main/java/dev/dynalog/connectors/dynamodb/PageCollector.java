package dev.dynalog.connectors.dynamodb;

import dev.dynalog.core.capacity.CapacityUnits.ReadKind;
import dev.dynalog.core.capacity.CapacityUnits;
import dev.dynalog.core.encoding.ItemCodec;
import dev.dynalog.core.expression.ast.Condition;
import dev.dynalog.core.expression.eval.ConditionEvaluator;
import dev.dynalog.core.json.AttributeValueJson;
import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.model.KeySchema;
import dev.dynalog.core.size.ItemSize;
import dev.dynalog.core.validation.KeyValidator;
import dev.dynalog.streams.state.ItemState.StoredItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Collects one page of a Query or Scan as DynamoDB does: it reads items until Limit items were
 * read or the items read reach 1 MB, then reports the last item read as LastEvaluatedKey. The
 * filter is applied to the items read, after the limit: ScannedCount counts the items read,
 * Count those that passed the filter.
 */
public final class PageCollector implements Predicate<StoredItem> {
    static final long PAGE_BYTES = 1024 * 1024;

    private final Function<Map<String, AttributeValue>, Map<String, AttributeValue>> lastKeyOf;
    private final Integer limit;
    private final ItemSelection selection;
    private final Condition filter;
    private final List<Map<String, AttributeValue>> items = new ArrayList<>();
    private int scanned;
    private int count;
    private long bytes;
    private Map<String, AttributeValue> lastItem;
    private boolean full;

    public PageCollector(KeySchema schema, Integer limit, ItemSelection selection, Condition filter) {
        this(item -> KeyValidator.extractKey(schema, item), limit, selection, filter);
    }

    /** @param lastKeyOf the LastEvaluatedKey of a page that ends at an item */
    public PageCollector(Function<Map<String, AttributeValue>, Map<String, AttributeValue>> lastKeyOf, Integer limit,
                         ItemSelection selection, Condition filter) {
        this.lastKeyOf = lastKeyOf;
        this.limit = limit;
        this.selection = selection;
        this.filter = filter;
    }

    @Override
    public boolean test(StoredItem stored) {
        Map<String, AttributeValue> item = ItemCodec.decode(stored.value());
        bytes += ItemSize.of(item);
        scanned++;
        lastItem = item;
        if (filter == null || ConditionEvaluator.matches(filter, item)) {
            count++;
            if (!selection.countOnly()) {
                items.add(selection.apply(item));
            }
        }
        if ((limit != null && scanned >= limit) || bytes >= PAGE_BYTES) {
            full = true;
        }
        return !full;
    }

    /** True once the page is complete and reading must stop. */
    public boolean isFull() {
        return full;
    }

    /**
     * The read capacity of the page: the total size of every item read (before the filter,
     * whatever the projection), rounded up once, as DynamoDB charges a Query or Scan.
     */
    public double readUnits(boolean consistentRead) {
        return CapacityUnits.read(bytes, ReadKind.of(consistentRead));
    }

    /** The page as DynamoDB returns it, with ConsumedCapacity if {@code report} asks for it. */
    public JsonWritable response(CapacityReport report, ConsumedCapacity consumed) {
        Map<String, AttributeValue> lastKey = full ? lastKeyOf.apply(lastItem) : null;
        return json -> {
            json.writeStartObject();
            if (!selection.countOnly()) {
                json.writeArrayFieldStart("Items");
                for (Map<String, AttributeValue> item : items) {
                    AttributeValueJson.writeItem(json, item);
                }
                json.writeEndArray();
            }
            json.writeNumberField("Count", count);
            json.writeNumberField("ScannedCount", scanned);
            if (lastKey != null) {
                json.writeFieldName("LastEvaluatedKey");
                AttributeValueJson.writeItem(json, lastKey);
            }
            report.write(json, consumed);
            json.writeEndObject();
        };
    }
}
