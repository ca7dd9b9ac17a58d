package dev.dynalog.connectors.dynamodb.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynalog.connectors.dynamodb.AttributeDefinitions;
import dev.dynalog.connectors.dynamodb.Ids;
import dev.dynalog.connectors.dynamodb.IndexSpecs;
import dev.dynalog.connectors.dynamodb.JsonWritable;
import dev.dynalog.connectors.dynamodb.Operation;
import dev.dynalog.connectors.dynamodb.ProvisionedThroughputs;
import dev.dynalog.connectors.dynamodb.RequestFields;
import dev.dynalog.connectors.dynamodb.StreamSpecifications;
import dev.dynalog.connectors.dynamodb.TableDescriptionWriter;
import dev.dynalog.connectors.dynamodb.TableResolver;
import dev.dynalog.connectors.dynamodb.TableSettingsMembers;
import dev.dynalog.connectors.dynamodb.UnsupportedMembers;
import dev.dynalog.core.error.Errors;
import dev.dynalog.core.index.CreateTableIndexValidator;
import dev.dynalog.core.index.IndexSpec;
import dev.dynalog.core.index.IndexSpecConstraints;
import dev.dynalog.core.index.IndexStatus;
import dev.dynalog.core.index.ProjectionType;
import dev.dynalog.core.index.SecondaryIndex;
import dev.dynalog.core.index.SecondaryIndexes;
import dev.dynalog.core.model.AttributeType;
import dev.dynalog.core.model.BillingMode;
import dev.dynalog.core.model.KeyAttribute;
import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.core.model.TableSettings;
import dev.dynalog.streams.catalog.TableLifecycle;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * UpdateTable: billing mode and provisioned throughput, or the table's stream, or a global index;
 * and with any of them, or alone, the table's settings (table class, deletion protection,
 * encryption, on-demand and warm throughput, see {@link TableSettingsMembers}). dynalog does not
 * throttle, so the capacity is recorded and reported, as DynamoDB Local does; the table passes
 * through UPDATING. As in DynamoDB, one request changes either the capacity or the stream.
 */
public final class UpdateTableOperation implements Operation {
    private final TableResolver tables;
    private final TableLifecycle lifecycle;
    private final TableDescriptionWriter descriptions;
    private final Clock clock;

    public UpdateTableOperation(TableResolver tables, TableLifecycle lifecycle, TableDescriptionWriter descriptions,
                                Clock clock) {
        this.tables = tables;
        this.lifecycle = lifecycle;
        this.descriptions = descriptions;
        this.clock = clock;
    }

    @Override
    public CompletableFuture<JsonWritable> execute(JsonNode request) {
        RequestFields f = new RequestFields(request);
        String name = f.tableName();
        String billing = f.enumValue("BillingMode", List.of("PROVISIONED", "PAY_PER_REQUEST"));
        TableSettingsMembers settings = TableSettingsMembers.read(f, false);
        f.check();
        // A dynalog table is a single-region table: the members of global tables have nothing to change.
        UnsupportedMembers.reject(request, "ReplicaUpdates", "MultiRegionConsistency", "GlobalTableWitnessUpdates",
                "GlobalTableSettingsReplicationMode");
        JsonNode throughputNode = f.node("ProvisionedThroughput");
        JsonNode streamNode = f.node("StreamSpecification");
        JsonNode indexUpdates = f.node("GlobalSecondaryIndexUpdates");
        if (indexUpdates != null) {
            if (streamNode != null || billing != null || throughputNode != null) {
                throw Errors.validation("One or more parameter values were invalid: Only one of "
                        + "GlobalSecondaryIndexUpdates, ProvisionedThroughput, BillingMode or StreamSpecification can be "
                        + "specified at a time");
            }
            return updateIndexes(name, indexUpdates, f.node("AttributeDefinitions"), settings);
        }
        if (streamNode != null) {
            return updateStream(name, streamNode, billing, throughputNode, settings);
        }
        if (billing == null && throughputNode == null) {
            if (!settings.any()) {
                throw Errors.validation("At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, "
                        + "GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required");
            }
            TableDefinition current = tables.existing(name);
            UnaryOperator<TableSettings> change = settings.change(current, current.billingMode(), clock.millis());
            return described(lifecycle.update(name, t -> t.withSettings(change.apply(t.settings()))));
        }
        ProvisionedThroughputs.Throughput throughput =
                throughputNode == null ? null : ProvisionedThroughputs.read(throughputNode);
        TableDefinition current = tables.existing(name);
        BillingMode mode = billing == null ? current.billingMode() : BillingMode.valueOf(billing);
        if (mode == BillingMode.PAY_PER_REQUEST && throughput != null) {
            throw Errors.validation("One or more parameter values were invalid: Neither ReadCapacityUnits nor "
                    + "WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
        }
        if (mode == BillingMode.PROVISIONED && throughput == null && current.billingMode() != BillingMode.PROVISIONED) {
            throw Errors.validation("One or more parameter values were invalid: ProvisionedThroughput must be "
                    + "specified when BillingMode is PROVISIONED");
        }
        if (throughput != null && current.billingMode() == BillingMode.PROVISIONED
                && throughput.readCapacityUnits() == current.readCapacityUnits()
                && throughput.writeCapacityUnits() == current.writeCapacityUnits()) {
            throw Errors.validation("The provisioned throughput for the table will not change. The requested value "
                    + "equals the current value. Current ReadCapacityUnitsForTable: " + current.readCapacityUnits()
                    + ". Requested ReadCapacityUnitsForTable: " + throughput.readCapacityUnits()
                    + ". Current WriteCapacityUnitsForTable: " + current.writeCapacityUnits()
                    + ". Requested WriteCapacityUnitsForTable: " + throughput.writeCapacityUnits()
                    + ". Refer to the Amazon DynamoDB Developer Guide for current limits and how to request higher "
                    + "limits.");
        }
        long rcu = mode == BillingMode.PAY_PER_REQUEST ? 0
                : throughput == null ? current.readCapacityUnits() : throughput.readCapacityUnits();
        long wcu = mode == BillingMode.PAY_PER_REQUEST ? 0
                : throughput == null ? current.writeCapacityUnits() : throughput.writeCapacityUnits();
        UnaryOperator<TableSettings> change = settings.change(current, mode, clock.millis());
        return described(lifecycle.update(name, t -> t.withBilling(mode, rcu, wcu).withSettings(change.apply(t.settings()))));
    }

    private CompletableFuture<JsonWritable> updateStream(String name, JsonNode streamNode, String billing,
                                                         JsonNode throughputNode, TableSettingsMembers settings) {
        StreamSpecifications.Requested requested = StreamSpecifications.read(streamNode);
        // DynamoDB words a stream change of a missing table differently from a capacity change.
        TableDefinition current = tables.find(name).orElseThrow(() ->
                Errors.resourceNotFound("Cannot do operations on a non-existent table"));
        if (throughputNode != null || billing != null && !billing.equals(current.billingMode().name())) {
            throw Errors.validation("Cannot change IOPS and Streams at the same time.");
        }
        long now = clock.millis();
        UnaryOperator<TableSettings> change = settings.change(current, current.billingMode(), now);
        return described(lifecycle.update(name, t -> t.withStream(StreamSpecifications.update(t.stream(), requested, now))
                .withSettings(change.apply(t.settings()))));
    }

    /**
     * GlobalSecondaryIndexUpdates: one Create or Delete per request, as DynamoDB allows. A new
     * index is CREATING and backfilling until the table's existing items are in it; a deleted one
     * is DELETING until every partition has stopped maintaining it and its entries are purged.
     */
    private CompletableFuture<JsonWritable> updateIndexes(String name, JsonNode updates, JsonNode definitionsNode,
                                                          TableSettingsMembers settings) {
        if (updates.size() != 1) {
            throw Errors.validation("One or more parameter values were invalid: Only one global secondary index update "
                    + "per UpdateTable request is supported");
        }
        JsonNode update = updates.get(0);
        TableDefinition current = tables.existing(name);
        UnaryOperator<TableSettings> change = settings.change(current, current.billingMode(), clock.millis());
        if (current.indexes().all().stream().anyMatch(i -> i.status() != IndexStatus.ACTIVE)) {
            throw Errors.limitExceeded("Subscriber limit exceeded: Only 1 online index can be created or deleted "
                    + "simultaneously per table");
        }
        if (update.hasNonNull("Create")) {
            IndexSpec spec = IndexSpecs.one(update.get("Create"), true);
            List<String> violations =
                    IndexSpecConstraints.violations("globalSecondaryIndexUpdates.1.member.create", List.of(spec));
            if (!violations.isEmpty()) {
                throw Errors.validation(violations.size() + " validation error" + (violations.size() == 1 ? "" : "s")
                        + " detected: " + String.join("; ", violations));
            }
            if (current.indexes().named(spec.indexName()).isPresent()) {
                throw Errors.resourceInUse("Attempt to change a resource which is still in use: Index already exists: "
                        + spec.indexName());
            }
            List<KeyAttribute> definitions = mergedDefinitions(current, definitionsNode);
            SecondaryIndexes validated = CreateTableIndexValidator.validate(current.keySchema(), definitions,
                    current.billingMode(), specsOf(current.indexes().locals()),
                    concat(specsOf(current.indexes().globals()), spec), Ids::fresh);
            SecondaryIndex created = validated.named(spec.indexName()).orElseThrow()
                    .withStatus(IndexStatus.CREATING, true);
            return described(lifecycle.update(name, t -> t.withAttributeDefinitions(definitions)
                    .withIndexes(t.indexes().with(created)).withSettings(change.apply(t.settings()))));
        }
        if (update.hasNonNull("Delete")) {
            String indexName = update.get("Delete").path("IndexName").asText(null);
            SecondaryIndex index = current.indexes().named(indexName).filter(SecondaryIndex::isGlobal)
                    .orElseThrow(() -> Errors.resourceNotFound("Requested resource not found: Requested resource not "
                            + "found: Index: " + indexName + " not found"));
            return described(lifecycle.update(name, t -> t.withIndexes(
                    t.indexes().replaced(index.withStatus(IndexStatus.DELETING, false)))
                    .withSettings(change.apply(t.settings()))));
        }
        throw Errors.validation("One or more parameter values were invalid: One of GlobalSecondaryIndexUpdate.Create, "
                + "GlobalSecondaryIndexUpdate.Update or GlobalSecondaryIndexUpdate.Delete must be specified");
    }

    /** The table's attribute definitions with those of the request added (a new index's keys). */
    private static List<KeyAttribute> mergedDefinitions(TableDefinition table, JsonNode definitionsNode) {
        Map<String, AttributeType> merged = new LinkedHashMap<>();
        table.attributeDefinitions().forEach(a -> merged.put(a.name(), a.type()));
        if (definitionsNode != null) {
            for (KeyAttribute d : AttributeDefinitions.read(definitionsNode)) {
                AttributeType previous = merged.put(d.name(), d.type());
                if (previous != null && previous != d.type()) {
                    throw Errors.validation("One or more parameter values were invalid: Cannot change the type of "
                            + "attribute " + d.name() + " from " + previous + " to " + d.type());
                }
            }
        }
        List<KeyAttribute> out = new ArrayList<>();
        merged.forEach((n, t) -> out.add(new KeyAttribute(n, t)));
        return out;
    }

    /** Existing indexes as the specs that would create them, to validate the new set as a whole. */
    private static List<IndexSpec> specsOf(List<SecondaryIndex> indexes) {
        List<IndexSpec> specs = new ArrayList<>();
        for (SecondaryIndex i : indexes) {
            List<IndexSpec.KeyElement> key = new ArrayList<>();
            key.add(new IndexSpec.KeyElement(i.keySchema().partitionKey().name(), "HASH"));
            i.keySchema().sortKey().ifPresent(k -> key.add(new IndexSpec.KeyElement(k.name(), "RANGE")));
            List<String> nonKey = i.projection().type() == ProjectionType.INCLUDE ? i.projection().nonKeyAttributes() : null;
            IndexSpec.ThroughputSpec throughput = i.isGlobal() && i.readCapacityUnits() > 0
                    ? new IndexSpec.ThroughputSpec(i.readCapacityUnits(), i.writeCapacityUnits()) : null;
            specs.add(new IndexSpec(i.name(), key, new IndexSpec.ProjectionSpec(i.projection().type().name(), nonKey),
                    throughput));
        }
        return specs.isEmpty() ? null : specs;
    }

    private static List<IndexSpec> concat(List<IndexSpec> specs, IndexSpec one) {
        List<IndexSpec> all = specs == null ? new ArrayList<>() : new ArrayList<>(specs);
        all.add(one);
        return all;
    }

    private CompletableFuture<JsonWritable> described(TableDefinition updating) {
        return CompletableFuture.completedFuture(json -> {
            json.writeStartObject();
            json.writeFieldName("TableDescription");
            descriptions.write(json, updating, null);
            json.writeEndObject();
        });
    }
}
