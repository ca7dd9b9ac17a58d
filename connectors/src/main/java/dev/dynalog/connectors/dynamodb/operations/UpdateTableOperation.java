package dev.dynalog.connectors.dynamodb.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynalog.connectors.dynamodb.JsonWritable;
import dev.dynalog.connectors.dynamodb.Operation;
import dev.dynalog.connectors.dynamodb.ProvisionedThroughputs;
import dev.dynalog.connectors.dynamodb.RequestFields;
import dev.dynalog.connectors.dynamodb.StreamSpecifications;
import dev.dynalog.connectors.dynamodb.TableDescriptionWriter;
import dev.dynalog.connectors.dynamodb.TableResolver;
import dev.dynalog.connectors.dynamodb.UnsupportedMembers;
import dev.dynalog.core.error.Errors;
import dev.dynalog.core.model.BillingMode;
import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.streams.catalog.TableLifecycle;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * UpdateTable: billing mode and provisioned throughput, or the table's stream. dynalog does not
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
        f.check();
        UnsupportedMembers.reject(request, "GlobalSecondaryIndexUpdates", "SSESpecification",
                "ReplicaUpdates", "TableClass", "DeletionProtectionEnabled", "OnDemandThroughput",
                "WarmThroughput", "AttributeDefinitions");
        JsonNode throughputNode = f.node("ProvisionedThroughput");
        JsonNode streamNode = f.node("StreamSpecification");
        if (streamNode != null) {
            return updateStream(name, streamNode, billing, throughputNode);
        }
        if (billing == null && throughputNode == null) {
            throw Errors.validation("At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, "
                    + "GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required");
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
        return described(lifecycle.update(name, t -> t.withBilling(mode, rcu, wcu)));
    }

    private CompletableFuture<JsonWritable> updateStream(String name, JsonNode streamNode, String billing,
                                                         JsonNode throughputNode) {
        StreamSpecifications.Requested requested = StreamSpecifications.read(streamNode);
        // DynamoDB words a stream change of a missing table differently from a capacity change.
        TableDefinition current = tables.find(name).orElseThrow(() ->
                Errors.resourceNotFound("Cannot do operations on a non-existent table"));
        if (throughputNode != null || billing != null && !billing.equals(current.billingMode().name())) {
            throw Errors.validation("Cannot change IOPS and Streams at the same time.");
        }
        long now = clock.millis();
        return described(lifecycle.update(name,
                t -> t.withStream(StreamSpecifications.update(t.stream(), requested, now))));
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
