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
import dev.dynalog.connectors.dynamodb.TableSettingsMembers;
import dev.dynalog.core.error.Errors;
import dev.dynalog.core.index.CreateTableIndexValidator;
import dev.dynalog.core.index.IndexSpec;
import dev.dynalog.core.index.IndexSpecConstraints;
import dev.dynalog.core.index.SecondaryIndexes;
import dev.dynalog.core.model.AttributeType;
import dev.dynalog.core.model.BillingMode;
import dev.dynalog.core.model.KeyAttribute;
import dev.dynalog.core.model.KeySchema;
import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.core.model.TableRecovery;
import dev.dynalog.core.model.TableSettings;
import dev.dynalog.core.model.TableStatus;
import dev.dynalog.core.model.TableStream;
import dev.dynalog.streams.catalog.TableLifecycle;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/** CreateTable: validates the definition, records it as CREATING; the table turns ACTIVE shortly. */
public final class CreateTableOperation implements Operation {
    private final TableLifecycle lifecycle;
    private final TableDescriptionWriter descriptions;
    private final int partitions;
    private final Clock clock;

    public CreateTableOperation(TableLifecycle lifecycle, TableDescriptionWriter descriptions, int partitions, Clock clock) {
        this.lifecycle = lifecycle;
        this.descriptions = descriptions;
        this.partitions = partitions;
        this.clock = clock;
    }

    /**
     * The table a CreateTable request defines (CREATING, with a fresh id), or DynamoDB's error for
     * the request; also what an import creates its table from.
     */
    public static TableDefinition definitionOf(JsonNode request, int partitions, long now) {
        RequestFields f = new RequestFields(request);
        String name = f.tableName();
        JsonNode keySchemaNode = f.node("KeySchema");
        JsonNode definitionsNode = f.node("AttributeDefinitions");
        if (keySchemaNode == null) {
            f.violation("Value null at 'keySchema' failed to satisfy constraint: Member must not be null");
        } else if (keySchemaNode.size() < 1 || keySchemaNode.size() > 2) {
            f.violation("Value '" + keySchemaNode + "' at 'keySchema' failed to satisfy constraint: Member must have length "
                    + (keySchemaNode.size() < 1 ? "greater than or equal to 1" : "less than or equal to 2"));
        }
        if (definitionsNode == null) {
            f.violation("Value null at 'attributeDefinitions' failed to satisfy constraint: Member must not be null");
        }
        String billing = f.enumValue("BillingMode", List.of("PROVISIONED", "PAY_PER_REQUEST"));
        List<IndexSpec> localIndexes = IndexSpecs.read(f.node("LocalSecondaryIndexes"), false);
        List<IndexSpec> globalIndexes = IndexSpecs.read(f.node("GlobalSecondaryIndexes"), true);
        if (localIndexes != null) {
            IndexSpecConstraints.violations("localSecondaryIndexes", localIndexes).forEach(f::violation);
        }
        if (globalIndexes != null) {
            IndexSpecConstraints.violations("globalSecondaryIndexes", globalIndexes).forEach(f::violation);
        }
        TableSettingsMembers settingsMembers = TableSettingsMembers.read(f, true);
        f.check();

        Map<String, AttributeType> definitions = new LinkedHashMap<>();
        for (KeyAttribute d : AttributeDefinitions.read(definitionsNode)) {
            if (definitions.put(d.name(), d.type()) != null) {
                throw Errors.validation("Cannot have two attributes with the same name");
            }
        }
        List<String> keyNames = new ArrayList<>();
        List<String> keyTypes = new ArrayList<>();
        for (JsonNode k : keySchemaNode) {
            keyNames.add(k.path("AttributeName").asText(null));
            keyTypes.add(k.path("KeyType").asText(null));
        }
        if (!"HASH".equals(keyTypes.get(0))) {
            throw Errors.validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
        }
        if (keyTypes.size() == 2 && !"RANGE".equals(keyTypes.get(1))) {
            throw Errors.validation("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
        }
        if (keyNames.size() == 2 && keyNames.get(0).equals(keyNames.get(1))) {
            throw Errors.validation("Both the Hash Key and the Range Key element in the KeySchema have the same name");
        }
        List<String> undefined = keyNames.stream().filter(k -> !definitions.containsKey(k)).toList();
        if (!undefined.isEmpty()) {
            throw Errors.validation("One or more parameter values were invalid: Some index key attributes are not defined in "
                    + "AttributeDefinitions. Keys: " + undefined + ", AttributeDefinitions: "
                    + definitions.keySet().stream().collect(Collectors.joining(", ", "[", "]")));
        }
        BillingMode mode = billing == null ? BillingMode.PROVISIONED : BillingMode.valueOf(billing);
        JsonNode throughput = f.node("ProvisionedThroughput");
        long rcu = 0;
        long wcu = 0;
        if (mode == BillingMode.PROVISIONED) {
            if (throughput == null) {
                throw Errors.validation("One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits "
                        + "must both be specified when BillingMode is PROVISIONED");
            }
            ProvisionedThroughputs.Throughput t = ProvisionedThroughputs.read(throughput);
            rcu = t.readCapacityUnits();
            wcu = t.writeCapacityUnits();
        } else if (throughput != null) {
            throw Errors.validation("One or more parameter values were invalid: Neither ReadCapacityUnits nor "
                    + "WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
        }

        JsonNode streamNode = f.node("StreamSpecification");
        TableStream stream = streamNode == null ? TableStream.NONE
                : StreamSpecifications.forNewTable(StreamSpecifications.read(streamNode), now);

        KeyAttribute hash = new KeyAttribute(keyNames.get(0), definitions.get(keyNames.get(0)));
        KeySchema schema = keyNames.size() == 1 ? KeySchema.of(hash)
                : KeySchema.of(hash, new KeyAttribute(keyNames.get(1), definitions.get(keyNames.get(1))));
        List<KeyAttribute> defs = definitions.entrySet().stream().map(e -> new KeyAttribute(e.getKey(), e.getValue())).toList();
        SecondaryIndexes indexes = CreateTableIndexValidator.validate(schema, defs, mode, localIndexes, globalIndexes,
                Ids::fresh);
        TableSettings settings = settingsMembers.forNewTable(mode);
        return new TableDefinition(name, Ids.fresh(), TableStatus.CREATING, now, schema, defs,
                mode, rcu, wcu, partitions, stream, indexes, TableRecovery.NONE, settings);
    }

    @Override
    public CompletableFuture<JsonWritable> execute(JsonNode request) {
        TableDefinition table = definitionOf(request, partitions, clock.millis());
        TableDefinition created = lifecycle.create(table);
        return CompletableFuture.completedFuture(json -> {
            json.writeStartObject();
            json.writeFieldName("TableDescription");
            descriptions.write(json, created, null);
            json.writeEndObject();
        });
    }
}
