package dev.dynalog.connectors.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.dynalog.core.error.Errors;
import dev.dynalog.core.index.CreateTableIndexValidator;
import dev.dynalog.core.index.IndexSpec;
import dev.dynalog.core.index.IndexStatus;
import dev.dynalog.core.index.SecondaryIndex;
import dev.dynalog.core.index.SecondaryIndexes;
import dev.dynalog.core.model.BillingMode;
import dev.dynalog.core.model.KeyAttribute;
import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.core.model.TableRecovery;
import dev.dynalog.core.model.TableSettings;
import dev.dynalog.core.model.TableStatus;
import dev.dynalog.core.model.TableStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The table a restore creates: the source's key schema, indexes, billing and throughput as they
 * are now, or the overrides the request gives, as DynamoDB's point-in-time recovery does. Streams,
 * TTL, tags and point-in-time recovery itself are not carried over.
 */
public final class RestoreTargets {
    /** What AWS lists as to be set up again by hand on a restored table. */
    public static final List<String> SETTINGS_NOT_CARRIED_OVER = List.of("Auto scaling policies",
            "AWS Identity and Access Management (IAM) policies", "Amazon CloudWatch metrics and alarms", "Tags",
            "Stream settings", "Time to Live (TTL) settings", "Point-in-time recovery settings");

    private RestoreTargets() {
    }

    /** The target as the source is now, under a new name and id. */
    public static TableDefinition of(TableDefinition source, String targetName, long now) {
        return of(source, targetName, null, now);
    }

    /** @param request a RestoreTableToPointInTime request with its overrides, or null for none */
    public static TableDefinition of(TableDefinition source, String targetName, JsonNode request, long now) {
        RequestFields f = new RequestFields(request == null ? JsonNodeFactory.instance.objectNode() : request);
        String billing = f.enumValue("BillingModeOverride", List.of("PROVISIONED", "PAY_PER_REQUEST"));
        List<IndexSpec> locals = IndexSpecs.read(f.node("LocalSecondaryIndexOverride"), false);
        List<IndexSpec> globals = IndexSpecs.read(f.node("GlobalSecondaryIndexOverride"), true);
        f.check();
        BillingMode mode = billing == null ? source.billingMode() : BillingMode.valueOf(billing);
        long rcu = mode == BillingMode.PAY_PER_REQUEST ? 0 : source.readCapacityUnits();
        long wcu = mode == BillingMode.PAY_PER_REQUEST ? 0 : source.writeCapacityUnits();
        JsonNode throughput = f.node("ProvisionedThroughputOverride");
        if (throughput != null) {
            if (mode == BillingMode.PAY_PER_REQUEST) {
                throw Errors.validation("One or more parameter values were invalid: Neither ReadCapacityUnits nor "
                        + "WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
            }
            ProvisionedThroughputs.Throughput t = ProvisionedThroughputs.read(throughput);
            rcu = t.readCapacityUnits();
            wcu = t.writeCapacityUnits();
        } else if (mode == BillingMode.PROVISIONED && rcu == 0) {
            throw Errors.validation("One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits "
                    + "must both be specified when BillingMode is PROVISIONED");
        }
        List<SecondaryIndex> indexes = new ArrayList<>();
        if (locals != null || globals != null) {
            SecondaryIndexes overridden = CreateTableIndexValidator.validate(source.keySchema(),
                    usedDefinitions(source, locals, globals), mode,
                    locals, globals, Ids::fresh);
            indexes.addAll(overridden.all());
        }
        for (SecondaryIndex index : source.indexes().all()) {
            boolean overriddenKind = index.isGlobal() ? globals != null : locals != null;
            if (!overriddenKind && index.status() != IndexStatus.DELETING) {
                indexes.add(copy(index, mode));
            }
        }
        // A restored table keeps the source's encryption setting, as DynamoDB's does; its tags,
        // deletion protection and the rest are the target's own to set again.
        TableSettings settings = TableSettings.NONE.withKmsMasterKey(source.settings().kmsMasterKeyId());
        return new TableDefinition(targetName, Ids.fresh(), TableStatus.CREATING, now, source.keySchema(),
                definitionsOf(source, indexes), mode, rcu, wcu, source.partitions(), TableStream.NONE,
                new SecondaryIndexes(indexes), TableRecovery.NONE, settings);
    }

    private static SecondaryIndex copy(SecondaryIndex index, BillingMode mode) {
        boolean provisioned = mode == BillingMode.PROVISIONED && index.isGlobal();
        return new SecondaryIndex(index.name(), Ids.fresh(), index.kind(), index.keySchema(), index.projection(),
                IndexStatus.ACTIVE, false, provisioned ? Math.max(1, index.readCapacityUnits()) : 0,
                provisioned ? Math.max(1, index.writeCapacityUnits()) : 0);
    }

    /** The source's definitions of the attributes the table key and the overriding indexes use. */
    private static List<KeyAttribute> usedDefinitions(TableDefinition source, List<IndexSpec> locals,
                                                      List<IndexSpec> globals) {
        Set<String> used = new HashSet<>();
        used.add(source.keySchema().partitionKey().name());
        source.keySchema().sortKey().ifPresent(k -> used.add(k.name()));
        for (List<IndexSpec> specs : Arrays.asList(locals, globals)) {
            if (specs != null) {
                specs.forEach(s -> s.keySchema().forEach(k -> used.add(k.attributeName())));
            }
        }
        List<KeyAttribute> defs = source.attributeDefinitions().stream().filter(d -> used.contains(d.name())).toList();
        if (defs.size() != used.size()) {
            throw Errors.validation("One or more parameter values were invalid: Some index key attributes are not "
                    + "defined in the source table's AttributeDefinitions");
        }
        return defs;
    }

    private static List<KeyAttribute> definitionsOf(TableDefinition source, List<SecondaryIndex> indexes) {
        Set<String> used = new HashSet<>();
        used.add(source.keySchema().partitionKey().name());
        source.keySchema().sortKey().ifPresent(k -> used.add(k.name()));
        for (SecondaryIndex index : indexes) {
            used.add(index.keySchema().partitionKey().name());
            index.keySchema().sortKey().ifPresent(k -> used.add(k.name()));
        }
        return source.attributeDefinitions().stream().filter(d -> used.contains(d.name())).toList();
    }
}
