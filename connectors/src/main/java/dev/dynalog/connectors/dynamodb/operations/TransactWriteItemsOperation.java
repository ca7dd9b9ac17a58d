package dev.dynalog.connectors.dynamodb.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynalog.connectors.dynamodb.ConsumedCapacity;
import dev.dynalog.connectors.dynamodb.ItemCollectionMetrics;
import dev.dynalog.connectors.dynamodb.JsonWritable;
import dev.dynalog.connectors.dynamodb.Operation;
import dev.dynalog.connectors.dynamodb.TableResolver;
import dev.dynalog.connectors.dynamodb.transactions.RequestDigest;
import dev.dynalog.connectors.dynamodb.transactions.TransactWriteAction;
import dev.dynalog.connectors.dynamodb.transactions.TransactWriteRequest;
import dev.dynalog.core.capacity.CapacityUnits;
import dev.dynalog.core.encoding.ItemCodec;
import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.schemas.command.TransactAction;
import dev.dynalog.schemas.command.TransactActionKind;
import dev.dynalog.streams.ItemAddress;
import dev.dynalog.streams.changes.StreamStamps;
import dev.dynalog.streams.processor.TransactionResult.ActionResult;
import dev.dynalog.streams.write.TransactionCoordinator;
import dev.dynalog.streams.write.TransactionCoordinator.PlannedAction;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * TransactWriteItems: validated whole at the front door, then carried out by the transaction
 * protocol over the command log (TransactionCoordinator); serializable against every other write,
 * all or nothing, answered once committed.
 */
public final class TransactWriteItemsOperation implements Operation {
    private final TableResolver tables;
    private final TransactionCoordinator coordinator;

    public TransactWriteItemsOperation(TableResolver tables, TransactionCoordinator coordinator) {
        this.tables = tables;
        this.coordinator = coordinator;
    }

    /** Validates, then appends; the answer comes from the returned future. */
    @Override
    public boolean mayBlock() {
        return false;
    }

    @Override
    public CompletableFuture<JsonWritable> execute(JsonNode request) {
        TransactWriteRequest r = TransactWriteRequest.read(request, tables);
        List<PlannedAction> planned = new ArrayList<>(r.actions().size());
        for (int i = 0; i < r.actions().size(); i++) {
            planned.add(plan(i, r.actions().get(i)));
        }
        byte[] digest = r.clientRequestToken() == null ? null : RequestDigest.of(request.get("TransactItems"));
        return coordinator.execute(planned, r.clientRequestToken(), digest)
                .thenApply(committed -> answer(r, committed.actions()));
    }

    private static PlannedAction plan(int index, TransactWriteAction a) {
        ItemAddress address = ItemAddress.of(a.table(), a.target());
        TransactAction action = TransactAction.newBuilder()
                .setIndex(index)
                .setTableId(a.table().tableId())
                .setKind(TransactActionKind.valueOf(a.kind().name()))
                .setKey(ByteBuffer.wrap(address.primaryKey()))
                .setKeyItem(ByteBuffer.wrap(ItemCodec.encode(keyOf(a))))
                .setItem(a.kind() == TransactWriteAction.Kind.PUT ? ByteBuffer.wrap(ItemCodec.encode(a.target())) : null)
                .setUpdate(a.expressions().updateRecord())
                .setCondition(a.expressions().conditionRecord())
                .setReturnOldOnConditionFailure(a.returnOldOnConditionFailure())
                .setStream(StreamStamps.of(a.table()))
                .build();
        return new PlannedAction(address.partition(), address.partitionKey(), action);
    }

    /** The key attributes of the action's item (a Put carries the whole item). */
    private static Map<String, AttributeValue> keyOf(TransactWriteAction a) {
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        String partitionKey = a.table().keySchema().partitionKey().name();
        key.put(partitionKey, a.target().get(partitionKey));
        a.table().keySchema().sortKey().ifPresent(sk -> key.put(sk.name(), a.target().get(sk.name())));
        return key;
    }

    /**
     * ConsumedCapacity, one entry per table: each action costs twice a plain write of its item,
     * as DynamoDB charges transactional writes. A repeat of a transaction (same token) reports no
     * action results, and is charged as a transactional read of each item.
     */
    private static JsonWritable answer(TransactWriteRequest r, List<ActionResult> results) {
        Map<String, Double> units = new LinkedHashMap<>();
        Map<String, List<ItemCollectionMetrics>> metrics = new LinkedHashMap<>();
        for (int i = 0; i < r.actions().size(); i++) {
            TransactWriteAction a = r.actions().get(i);
            ActionResult result = results.isEmpty() ? null : results.get(i);
            double cost = result == null ? CapacityUnits.read(0, CapacityUnits.ReadKind.TRANSACTIONAL)
                    : CapacityUnits.transactionalWrite(result.capacityBytes());
            units.merge(a.table().name(), cost, Double::sum);
            if (result != null && a.kind() != TransactWriteAction.Kind.CONDITION_CHECK) {
                ItemCollectionMetrics m = ItemCollectionMetrics.of(r.collectionMetrics(), a.table(), a.target(),
                        result.collectionSizeBytes());
                if (m != null) {
                    metrics.computeIfAbsent(a.table().name(), t -> new ArrayList<>()).add(m);
                }
            }
        }
        List<ConsumedCapacity> consumed = new ArrayList<>();
        units.forEach((table, u) -> consumed.add(ConsumedCapacity.ofTable(table, u)));
        return json -> {
            json.writeStartObject();
            r.capacity().writeList(json, consumed);
            if (r.collectionMetrics()) {
                ItemCollectionMetrics.writePerTable(json, metrics);
            }
            json.writeEndObject();
        };
    }
}
