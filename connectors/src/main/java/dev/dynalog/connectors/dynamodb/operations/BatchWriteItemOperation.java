package dev.dynalog.connectors.dynamodb.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynalog.connectors.dynamodb.CapacityReport;
import dev.dynalog.connectors.dynamodb.ConsumedCapacity;
import dev.dynalog.connectors.dynamodb.ItemCollectionMetrics;
import dev.dynalog.connectors.dynamodb.JsonWritable;
import dev.dynalog.connectors.dynamodb.Operation;
import dev.dynalog.connectors.dynamodb.RequestFields;
import dev.dynalog.connectors.dynamodb.TableResolver;
import dev.dynalog.connectors.dynamodb.ThroughputBudgets;
import dev.dynalog.connectors.dynamodb.WriteCapacity;
import dev.dynalog.connectors.dynamodb.WriteOutcomes;
import dev.dynalog.core.encoding.ItemCodec;
import dev.dynalog.core.error.DynamoDbException;
import dev.dynalog.core.error.Errors;
import dev.dynalog.core.index.IndexKeyValidator;
import dev.dynalog.core.json.AttributeValueJson;
import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.core.validation.KeyValidator;
import dev.dynalog.schemas.command.DeleteItem;
import dev.dynalog.schemas.command.PutItem;
import dev.dynalog.schemas.command.ReturnValues;
import dev.dynalog.streams.ItemAddress;
import dev.dynalog.streams.processor.CommandResult;
import dev.dynalog.streams.write.CommandWriter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * BatchWriteItem: up to 25 puts and deletes, each its own command in its item's log partition, so
 * writes to one partition keep their order and the batch as a whole is not atomic, as in DynamoDB.
 * A write that could not be appended, whose result did not arrive, or whose item a transaction
 * in flight holds is returned in UnprocessedItems for the client to retry (puts and deletes are
 * idempotent).
 */
public final class BatchWriteItemOperation implements Operation {
    static final int MAX_WRITES = 25;

    private final TableResolver tables;
    private final CommandWriter writer;

    private final ThroughputBudgets budgets;

    public BatchWriteItemOperation(TableResolver tables, CommandWriter writer, ThroughputBudgets budgets) {
        this.tables = tables;
        this.writer = writer;
        this.budgets = budgets;
    }

    /** One request of the batch with the JSON it came in (for UnprocessedItems); table set once validated. */
    private record Write(String tableName, TableDefinition table, JsonNode json, Map<String, AttributeValue> item,
                         boolean put) {
    }

    /** Validates, then appends; the answer comes from the returned future. */
    @Override
    public boolean mayBlock() {
        return false;
    }

    @Override
    public CompletableFuture<JsonWritable> execute(JsonNode request) {
        RequestFields f = new RequestFields(request);
        CapacityReport capacity = CapacityReport.read(f);
        ItemCollectionMetrics.read(f);
        f.check();
        JsonNode requestItems = f.node("RequestItems");
        if (requestItems == null || !requestItems.isObject() || requestItems.isEmpty()) {
            throw Errors.validation("BatchWriteItem cannot have a null or no requests set");
        }
        int count = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = requestItems.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isArray() || e.getValue().isEmpty()) {
                throw Errors.validation("The batch write request list for a table cannot be null or empty: " + e.getKey());
            }
            count += e.getValue().size();
        }
        if (count > MAX_WRITES) {
            throw Errors.validation("Too many items requested for the BatchWriteItem call");
        }
        List<Write> writes = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = requestItems.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            for (JsonNode w : e.getValue()) {
                writes.add(parse(e.getKey(), w));
            }
        }
        Set<String> keys = new HashSet<>();
        List<Write> validated = new ArrayList<>();
        for (Write w : writes) {
            TableDefinition table = tables.active(w.tableName());
            if (w.put()) {
                KeyValidator.validateItem(table.keySchema(), w.item());
                IndexKeyValidator.validatePut(table.indexes(), w.item());
            } else {
                KeyValidator.validateKey(table.keySchema(), w.item());
            }
            ItemAddress address = ItemAddress.of(table, w.item());
            if (!keys.add(table.tableId() + "/" + HexFormat.of().formatHex(address.primaryKey()))) {
                throw Errors.validation("Provided list of item keys contains duplicates");
            }
            validated.add(new Write(w.tableName(), table, w.json(), w.item(), w.put()));
        }

        // A table whose write budget is spent leaves its writes unprocessed, as DynamoDB does; if
        // that is every write of the batch, the batch is refused as a whole.
        if (validated.stream().noneMatch(w -> budgets.admitsWrite(w.table()))) {
            budgets.admitWrite(validated.get(0).table());
        }
        // Submitted only once the whole batch is valid: a rejected batch changes nothing.
        List<CompletableFuture<Outcome>> outcomes = new ArrayList<>();
        for (Write w : validated) {
            outcomes.add(budgets.admitsWrite(w.table()) ? submit(w, capacity != CapacityReport.NONE)
                    : CompletableFuture.completedFuture(new Outcome(w, null)));
        }
        return CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)).thenApply(done -> {
            Map<String, List<JsonNode>> left = new LinkedHashMap<>();
            Map<String, Double> units = new LinkedHashMap<>();
            for (CompletableFuture<Outcome> f2 : outcomes) {
                Outcome o = f2.join();
                if (o.applied() == null) {
                    left.computeIfAbsent(o.write().tableName(), t -> new ArrayList<>()).add(o.write().json());
                } else {
                    // Each write is charged as its own request, a delete of nothing at the minimum
                    // (DynamoDB Local charges 2 units for that in a batch, 1 in DeleteItem).
                    units.merge(o.write().table().name(), WriteCapacity.units(o.applied()), Double::sum);
                    TableDefinition table = o.write().table();
                    budgets.chargeWrite(table, o.write().item().get(table.keySchema().partitionKey().name()),
                            WriteCapacity.units(o.applied()));
                }
            }
            List<ConsumedCapacity> consumed = new ArrayList<>();
            units.forEach((table, u) -> consumed.add(ConsumedCapacity.ofTable(table, u)));
            return json -> {
                json.writeStartObject();
                json.writeObjectFieldStart("UnprocessedItems");
                for (Map.Entry<String, List<JsonNode>> e : left.entrySet()) {
                    json.writeArrayFieldStart(e.getKey());
                    for (JsonNode n : e.getValue()) {
                        json.writeTree(n);
                    }
                    json.writeEndArray();
                }
                json.writeEndObject();
                capacity.writeList(json, consumed);
                json.writeEndObject();
            };
        });
    }

    private static Write parse(String tableName, JsonNode w) {
        JsonNode put = w.get("PutRequest");
        JsonNode delete = w.get("DeleteRequest");
        if (!w.isObject() || (put == null) == (delete == null)) {
            throw Errors.validation("Supplied AttributeValue has more than one datatypes set, "
                    + "must contain exactly one of the supported datatypes");
        }
        JsonNode item = put != null ? put.get("Item") : delete.get("Key");
        if (item == null || !item.isObject()) {
            throw Errors.validation(put != null ? "The supplied Item contains a null AttributeValue"
                    : "The number of conditions on the keys is invalid");
        }
        return new Write(tableName, null, w, AttributeValueJson.readItem(item), put != null);
    }

    /** A write of the batch and its result, or null for a write to return in UnprocessedItems. */
    private record Outcome(Write write, CommandResult applied) {
    }

    /** Completes with the write's result once applied, or without one if it must be retried. */
    private CompletableFuture<Outcome> submit(Write w, boolean awaitDecision) {
        ItemAddress address = ItemAddress.of(w.table(), w.item());
        Object body = w.put()
                ? PutItem.newBuilder()
                        .setKey(ByteBuffer.wrap(address.primaryKey()))
                        .setItem(ByteBuffer.wrap(ItemCodec.encode(w.item())))
                        .setReturnValues(ReturnValues.NONE)
                        .build()
                : DeleteItem.newBuilder()
                        .setKey(ByteBuffer.wrap(address.primaryKey()))
                        .setReturnValues(ReturnValues.NONE)
                        .build();
        // Batch writes have no conditions and return nothing: unless the capacity they consume is
        // asked for, each is answered once durable.
        return writer.submit(w.table(), address.partition(), address.partitionKey(),
                        writer.newCommand(w.table()).setBody(body).build(), awaitDecision)
                .handle((result, error) -> {
                    if (error == null) {
                        return new Outcome(w, WriteOutcomes.requireApplied(result));
                    }
                    Throwable cause = error instanceof CompletionException && error.getCause() != null
                            ? error.getCause() : error;
                    // An item a transaction holds is left for the client to retry, like a throttled one.
                    if (cause instanceof DynamoDbException d && d.status() < 500
                            && !"TransactionConflictException".equals(d.type())) {
                        throw d;
                    }
                    return new Outcome(w, null);
                });
    }
}
