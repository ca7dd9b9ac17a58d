package dev.dynalog.connectors.dynamodb.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynalog.connectors.dynamodb.JsonWritable;
import dev.dynalog.connectors.dynamodb.Operation;
import dev.dynalog.connectors.dynamodb.RequestFields;
import dev.dynalog.connectors.dynamodb.TableResolver;
import dev.dynalog.connectors.dynamodb.UnsupportedMembers;
import dev.dynalog.core.encoding.ItemCodec;
import dev.dynalog.core.expression.ExpressionAttributes;
import dev.dynalog.core.expression.Projection;
import dev.dynalog.core.json.AttributeValueJson;
import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.core.validation.KeyValidator;
import dev.dynalog.streams.ItemAddress;
import dev.dynalog.streams.query.ItemReader;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** GetItem from the partition's RocksDB state; strongly consistent reads pass the read barrier. */
public final class GetItemOperation implements Operation {
    private final TableResolver tables;
    private final ItemReader reader;

    public GetItemOperation(TableResolver tables, ItemReader reader) {
        this.tables = tables;
        this.reader = reader;
    }

    @Override
    public CompletableFuture<JsonWritable> execute(JsonNode request) {
        RequestFields f = new RequestFields(request);
        String name = f.tableName();
        if (!f.has("Key")) {
            f.violation("Value null at 'key' failed to satisfy constraint: Member must not be null");
        }
        boolean consistent = f.bool("ConsistentRead", false);
        f.check();
        UnsupportedMembers.reject(request, "AttributesToGet");
        Map<String, AttributeValue> key = f.item("Key");
        ExpressionAttributes attributes = ExpressionAttributes.of(f.stringMap("ExpressionAttributeNames"),
                f.item("ExpressionAttributeValues"));
        String projectionText = f.string("ProjectionExpression");
        attributes.assertExpressionsPresent(projectionText != null);
        Projection projection = projectionText == null ? null : Projection.parse(projectionText, attributes);
        attributes.assertAllUsed();
        TableDefinition table = tables.active(name);
        KeyValidator.validateKey(table.keySchema(), key);

        ItemAddress address = ItemAddress.of(table, key);
        byte[] stored = reader.get(table, address.partition(), address.primaryKey(), consistent);
        if (stored == null) {
            return CompletableFuture.completedFuture(JsonWritable.EMPTY_OBJECT);
        }
        Map<String, AttributeValue> item = ItemCodec.decode(stored);
        Map<String, AttributeValue> result = projection == null ? item : projection.apply(item);
        return CompletableFuture.completedFuture(json -> {
            json.writeStartObject();
            json.writeFieldName("Item");
            AttributeValueJson.writeItem(json, result);
            json.writeEndObject();
        });
    }
}
