package dev.dynalog.connectors.dynamodb.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import dev.dynalog.core.error.Errors;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * BatchGetItem: up to 100 keys from one or more tables, each read like a GetItem. Once the items
 * read reach 16 MB, DynamoDB's response limit, the remaining keys are returned in UnprocessedKeys.
 */
public final class BatchGetItemOperation implements Operation {
    static final int MAX_KEYS = 100;
    static final long MAX_RESPONSE_BYTES = 16L * 1024 * 1024;

    private final TableResolver tables;
    private final ItemReader reader;

    private final ThroughputBudgets budgets;

    public BatchGetItemOperation(TableResolver tables, ItemReader reader, ThroughputBudgets budgets) {
        this.tables = tables;
        this.reader = reader;
        this.budgets = budgets;
    }

    /** One table's part of the request. */
    private record TableRead(String name, JsonNode json, List<Map<String, AttributeValue>> keys,
                             Projection projection, boolean consistent) {
    }

    @Override
    public CompletableFuture<JsonWritable> execute(JsonNode request) {
        RequestFields f = new RequestFields(request);
        CapacityReport capacity = CapacityReport.read(f);
        f.check();
        JsonNode requestItems = f.node("RequestItems");
        if (requestItems == null || !requestItems.isObject() || requestItems.isEmpty()) {
            throw Errors.validation("BatchGetItem must have some requests set");
        }
        int count = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = requestItems.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode keys = e.getValue().get("Keys");
            if (keys == null || !keys.isArray() || keys.isEmpty()) {
                throw Errors.validation("The list of keys in RequestItems for BatchGetItem is required: "
                        + e.getKey() + " has empty list");
            }
            count += keys.size();
        }
        if (count > MAX_KEYS) {
            throw Errors.validation("Too many items requested for the BatchGetItem call");
        }
        List<TableRead> reads = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = requestItems.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            reads.add(parse(e.getKey(), e.getValue()));
        }
        Set<String> seen = new HashSet<>();
        List<TableDefinition> definitions = new ArrayList<>();
        for (TableRead read : reads) {
            TableDefinition table = tables.active(read.name());
            for (Map<String, AttributeValue> key : read.keys()) {
                KeyValidator.validateKey(table.keySchema(), key);
                if (!seen.add(table.tableId() + "/" + HexFormat.of().formatHex(ItemAddress.of(table, key).primaryKey()))) {
                    throw Errors.validation("Provided list of item keys contains duplicates");
                }
            }
            definitions.add(table);
        }

        // A table whose read budget is spent leaves its keys unprocessed, as DynamoDB does; if that
        // is every table of the request, it is refused as a whole.
        if (definitions.stream().noneMatch(budgets::admitsRead)) {
            budgets.admitRead(definitions.get(0));
        }
        Map<String, List<Map<String, AttributeValue>>> responses = new LinkedHashMap<>();
        Map<String, JsonNode> unprocessed = new LinkedHashMap<>();
        List<ConsumedCapacity> consumed = new ArrayList<>();
        long bytes = 0;
        for (int t = 0; t < reads.size(); t++) {
            TableRead read = reads.get(t);
            TableDefinition table = definitions.get(t);
            List<Map<String, AttributeValue>> items = responses.computeIfAbsent(read.name(), n -> new ArrayList<>());
            if (!budgets.admitsRead(table)) {
                unprocessed.put(read.name(), remaining(read, 0));
                continue;
            }
            ReadKind kind = ReadKind.of(read.consistent());
            double units = 0;
            String partitionKeyName = table.keySchema().partitionKey().name();
            for (int k = 0; k < read.keys().size(); k++) {
                if (bytes >= MAX_RESPONSE_BYTES) {
                    unprocessed.put(read.name(), remaining(read, k));
                    break;
                }
                Map<String, AttributeValue> key = read.keys().get(k);
                ItemAddress address = ItemAddress.of(table, key);
                byte[] stored = reader.get(table, address.partition(), address.primaryKey(), read.consistent());
                // Each key is charged as its own read, a missing one at the minimum (DynamoDB's
                // documentation; DynamoDB Local charges nothing for it).
                long size = 0;
                if (stored != null) {
                    Map<String, AttributeValue> item = ItemCodec.decode(stored);
                    size = ItemSize.of(item);
                    bytes += size;
                    items.add(read.projection() == null ? item : read.projection().apply(item));
                }
                double keyUnits = CapacityUnits.read(size, kind);
                budgets.chargeRead(table, key.get(partitionKeyName), keyUnits);
                units += keyUnits;
            }
            if (units > 0) {
                consumed.add(ConsumedCapacity.ofTable(table.name(), units));
            }
        }
        return CompletableFuture.completedFuture(json -> {
            json.writeStartObject();
            json.writeObjectFieldStart("Responses");
            for (Map.Entry<String, List<Map<String, AttributeValue>>> e : responses.entrySet()) {
                json.writeArrayFieldStart(e.getKey());
                for (Map<String, AttributeValue> item : e.getValue()) {
                    AttributeValueJson.writeItem(json, item);
                }
                json.writeEndArray();
            }
            json.writeEndObject();
            json.writeObjectFieldStart("UnprocessedKeys");
            for (Map.Entry<String, JsonNode> e : unprocessed.entrySet()) {
                json.writeFieldName(e.getKey());
                json.writeTree(e.getValue());
            }
            json.writeEndObject();
            capacity.writeList(json, consumed);
            json.writeEndObject();
        });
    }

    private static TableRead parse(String name, JsonNode json) {
        RequestFields f = new RequestFields(json);
        boolean consistent = f.bool("ConsistentRead", false);
        List<String> attributesToGet = LegacyParameters.attributesToGet(f,
                "requestItems." + name + ".member.attributesToGet");
        f.check();
        ParameterMixing.check("BatchGetItem", f.presentMembers());
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (JsonNode key : json.get("Keys")) {
            if (!key.isObject()) {
                throw Errors.serialization("Unexpected value type in payload");
            }
            keys.add(AttributeValueJson.readItem(key));
        }
        // Values have no use in a projection; DynamoDB ignores them here, so only names are checked.
        ExpressionAttributes attributes = ExpressionAttributes.of(f.stringMap("ExpressionAttributeNames"), null);
        String projectionText = f.string("ProjectionExpression");
        Projection projection = attributesToGet != null
                ? Projection.of(AttributesToGet.toPaths(attributesToGet, "requestItems." + name + ".member.attributesToGet"))
                : projectionText == null ? null : Projection.parse(projectionText, attributes);
        attributes.assertAllUsed();
        return new TableRead(name, json, keys, projection, consistent);
    }

    /** The table's request with only the keys from {@code from} on. */
    private static JsonNode remaining(TableRead read, int from) {
        ObjectNode copy = ((ObjectNode) read.json()).deepCopy();
        ArrayNode keys = copy.putArray("Keys");
        JsonNode original = read.json().get("Keys");
        for (int i = from; i < original.size(); i++) {
            keys.add(original.get(i));
        }
        return copy;
    }
}
