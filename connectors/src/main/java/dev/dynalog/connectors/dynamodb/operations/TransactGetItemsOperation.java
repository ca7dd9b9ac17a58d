package dev.dynalog.connectors.dynamodb.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynalog.connectors.dynamodb.ConsumedCapacity;
import dev.dynalog.connectors.dynamodb.JsonWritable;
import dev.dynalog.connectors.dynamodb.Operation;
import dev.dynalog.connectors.dynamodb.TableResolver;
import dev.dynalog.connectors.dynamodb.transactions.TransactGetAction;
import dev.dynalog.connectors.dynamodb.transactions.TransactGetRequest;
import dev.dynalog.core.capacity.CapacityUnits;
import dev.dynalog.core.encoding.ItemCodec;
import dev.dynalog.core.json.AttributeValueJson;
import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.size.ItemSize;
import dev.dynalog.streams.ItemAddress;
import dev.dynalog.streams.query.SnapshotReader;
import dev.dynalog.streams.query.SnapshotReader.ItemKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * TransactGetItems: up to 100 items of any tables read as of one moment (SnapshotReader), never
 * showing part of a transaction; each item costs a transactional read (twice a strong one).
 */
public final class TransactGetItemsOperation implements Operation {
    private final TableResolver tables;
    private final SnapshotReader reader;

    public TransactGetItemsOperation(TableResolver tables, SnapshotReader reader) {
        this.tables = tables;
        this.reader = reader;
    }

    @Override
    public CompletableFuture<JsonWritable> execute(JsonNode request) {
        TransactGetRequest r = TransactGetRequest.read(request, tables);
        List<ItemKey> keys = new ArrayList<>(r.gets().size());
        for (TransactGetAction get : r.gets()) {
            ItemAddress address = ItemAddress.of(get.table(), get.key());
            keys.add(new ItemKey(get.table(), address.partition(), address.primaryKey()));
        }
        List<byte[]> stored = reader.read(keys);
        List<Map<String, AttributeValue>> responses = new ArrayList<>(stored.size());
        Map<String, Double> units = new LinkedHashMap<>();
        for (int i = 0; i < stored.size(); i++) {
            TransactGetAction get = r.gets().get(i);
            Map<String, AttributeValue> item = stored.get(i) == null ? null : ItemCodec.decode(stored.get(i));
            // The whole item is charged, whatever the projection returns of it.
            units.merge(get.table().name(), CapacityUnits.read(item == null ? 0 : ItemSize.of(item),
                    CapacityUnits.ReadKind.TRANSACTIONAL), Double::sum);
            responses.add(item == null || get.projection() == null ? item : get.projection().apply(item));
        }
        List<ConsumedCapacity> consumed = new ArrayList<>();
        units.forEach((table, u) -> consumed.add(ConsumedCapacity.ofTable(table, u)));
        return CompletableFuture.completedFuture(json -> {
            json.writeStartObject();
            r.capacity().writeList(json, consumed);
            json.writeArrayFieldStart("Responses");
            for (Map<String, AttributeValue> item : responses) {
                json.writeStartObject();
                if (item != null) {
                    json.writeFieldName("Item");
                    AttributeValueJson.writeItem(json, item);
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }
}
