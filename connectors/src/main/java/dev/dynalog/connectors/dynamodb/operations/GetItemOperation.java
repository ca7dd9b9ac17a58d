package dev.dynalog.connectors.dynamodb.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynalog.connectors.dynamodb.CapacityReport;
import dev.dynalog.connectors.dynamodb.ConsumedCapacity;
import dev.dynalog.connectors.dynamodb.JsonWritable;
import dev.dynalog.connectors.dynamodb.Operation;
import dev.dynalog.connectors.dynamodb.RequestFields;
import dev.dynalog.connectors.dynamodb.TableResolver;
import dev.dynalog.connectors.dynamodb.ThroughputBudgets;
import dev.dynalog.connectors.dynamodb.LegacyParameters;
import dev.dynalog.core.capacity.CapacityUnits;
import dev.dynalog.core.capacity.CapacityUnits.ReadKind;
import dev.dynalog.core.encoding.ItemCodec;
import dev.dynalog.core.expression.ExpressionAttributes;
import dev.dynalog.core.expression.Projection;
import dev.dynalog.core.expression.legacy.AttributesToGet;
import dev.dynalog.core.expression.legacy.ParameterMixing;
import dev.dynalog.core.json.AttributeValueJson;
import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.core.size.ItemSize;
import dev.dynalog.core.validation.KeyValidator;
import dev.dynalog.streams.ItemAddress;
import dev.dynalog.streams.query.ItemReader;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** GetItem from the partition's RocksDB state; strongly consistent reads pass the read barrier. */
public final class GetItemOperation implements Operation {
    private final ThroughputBudgets budgets;
    private final TableResolver tables;
    private final ItemReader reader;

    public GetItemOperation(TableResolver tables, ItemReader reader, ThroughputBudgets budgets) {
        this.budgets = budgets;
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
        List<String> attributesToGet = LegacyParameters.attributesToGet(f, AttributesToGet.MEMBER);
        CapacityReport capacity = CapacityReport.read(f);
        f.check();
        ParameterMixing.check("GetItem", f.presentMembers());
        Map<String, AttributeValue> key = f.item("Key");
        // Values have no use in a projection; DynamoDB ignores them here (even unused or
        // malformed ones), so only names are checked, as in BatchGetItem.
        ExpressionAttributes attributes = ExpressionAttributes.of(f.stringMap("ExpressionAttributeNames"), null);
        String projectionText = f.string("ProjectionExpression");
        Projection projection = attributesToGet != null ? AttributesToGet.toProjection(attributesToGet)
                : projectionText == null ? null : Projection.parse(projectionText, attributes);
        attributes.assertAllUsed();
        TableDefinition table = tables.active(name);
        KeyValidator.validateKey(table.keySchema(), key);
        budgets.admitRead(table);

        ItemAddress address = ItemAddress.of(table, key);
        byte[] stored = reader.get(table, address.partition(), address.primaryKey(), consistent);
        Map<String, AttributeValue> item = stored == null ? null : ItemCodec.decode(stored);
        // The whole item is charged, whatever the projection returns of it.
        ConsumedCapacity consumed = ConsumedCapacity.ofTable(table.name(),
                CapacityUnits.read(item == null ? 0 : ItemSize.of(item), ReadKind.of(consistent)));
        budgets.chargeRead(table, key.get(table.keySchema().partitionKey().name()), consumed.tableUnits());
        if (item == null && capacity == CapacityReport.NONE) {
            return CompletableFuture.completedFuture(JsonWritable.EMPTY_OBJECT);
        }
        Map<String, AttributeValue> result = item == null || projection == null ? item : projection.apply(item);
        return CompletableFuture.completedFuture(json -> {
            json.writeStartObject();
            if (result != null) {
                json.writeFieldName("Item");
                AttributeValueJson.writeItem(json, result);
            }
            capacity.write(json, consumed);
            json.writeEndObject();
        });
    }
}
