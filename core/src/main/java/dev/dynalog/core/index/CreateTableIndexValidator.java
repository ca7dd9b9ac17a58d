package dev.dynalog.core.index;

import dev.dynalog.core.error.Errors;
import dev.dynalog.core.model.AttributeType;
import dev.dynalog.core.model.BillingMode;
import dev.dynalog.core.model.KeyAttribute;
import dev.dynalog.core.model.KeySchema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The rules of meaning of CreateTable's LocalSecondaryIndexes and GlobalSecondaryIndexes, in
 * DynamoDB's order, and the index definitions they yield.
 *
 * <p>Runs after the table's own key schema has been checked and after
 * {@link IndexSpecConstraints} found no violation (so names, key types and projection types are
 * well-formed here). The first broken rule throws DynamoDB's ValidationException.
 *
 * <p>The order, which decides the message when a request breaks several rules, is DynamoDB's as
 * recorded by dynalite from the real service: the local indexes one by one (key attributes
 * defined, key shape, a range key, the table's hash key, projection, unique name) then their
 * count; the global indexes one by one (key attributes defined, key shape, projection,
 * throughput against the billing mode, unique name across both lists) then their count; then
 * the projected-attribute total and the attribute definitions no key uses.
 *
 * <p>The messages are DynamoDB's. DynamoDB Local 2.6.1 words nearly every one differently
 * (its words are in the spec tests, next to each case); like the table's key-schema checks in
 * CreateTable, we follow the service. Where Local differs in behaviour, not words: it accepts a
 * GSI ProvisionedThroughput under PAY_PER_REQUEST, which DynamoDB rejects.
 */
public final class CreateTableIndexValidator {
    private static final String INVALID = "One or more parameter values were invalid: ";
    static final int MAX_LOCAL_INDEXES = 5;
    static final int MAX_GLOBAL_INDEXES = 20;
    static final int MAX_PROJECTED_ATTRIBUTES = 100;

    private CreateTableIndexValidator() {
    }

    /**
     * Validates the index lists of a CreateTable request and the use of every attribute
     * definition, and returns the indexes to create.
     *
     * <p>This includes the rule that every AttributeDefinition is used by a key schema, for a
     * table with or without indexes, so the HTTP layer's table-only check can go: call this even
     * when the request has no index lists (both null).
     *
     * @param tableKey             the table's validated key schema
     * @param attributeDefinitions AttributeDefinitions in request order, names unique
     * @param billingMode          the table's billing mode
     * @param localIndexes         LocalSecondaryIndexes, or null when the request has none
     * @param globalIndexes        GlobalSecondaryIndexes, or null when the request has none
     * @param newIndexId           a fresh index id per created index (the caller's randomness:
     *                             core stays deterministic)
     * @return the indexes, local ones first, each list in request order; status ACTIVE, since an
     *         index created with its table has nothing to backfill (DescribeTable shows it
     *         CREATING while the table is)
     */
    public static SecondaryIndexes validate(KeySchema tableKey, List<KeyAttribute> attributeDefinitions,
            BillingMode billingMode, List<IndexSpec> localIndexes, List<IndexSpec> globalIndexes,
            Supplier<String> newIndexId) {
        Map<String, AttributeType> definitions = new LinkedHashMap<>();
        attributeDefinitions.forEach(d -> definitions.put(d.name(), d.type()));
        if (localIndexes == null && globalIndexes == null) {
            if (definitions.size() != tableKey.size()) {
                throw Errors.validation(INVALID + "Number of attributes in KeySchema does not exactly match number of "
                        + "attributes defined in AttributeDefinitions");
            }
            return SecondaryIndexes.NONE;
        }
        Set<String> names = new HashSet<>();
        List<SecondaryIndex> indexes = new ArrayList<>();
        if (localIndexes != null) {
            if (localIndexes.isEmpty()) {
                throw Errors.validation(INVALID + "List of LocalSecondaryIndexes is empty");
            }
            if (!tableKey.hasSortKey()) {
                throw Errors.validation(INVALID + "Table KeySchema does not have a range key, which is required when "
                        + "specifying a LocalSecondaryIndex");
            }
            for (IndexSpec spec : localIndexes) {
                KeySchema key = keySchema(spec, definitions);
                if (!key.hasSortKey()) {
                    throw Errors.validation(INVALID + "Index KeySchema does not have a range key for index: "
                            + spec.indexName());
                }
                String indexHash = key.partitionKey().name();
                String tableHash = tableKey.partitionKey().name();
                if (!indexHash.equals(tableHash)) {
                    throw Errors.validation(INVALID + "Index KeySchema does not have the same leading hash key as table "
                            + "KeySchema for index: " + spec.indexName() + ". index hash key: " + indexHash
                            + ", table hash key: " + tableHash);
                }
                IndexProjection projection = projection(spec.projection());
                uniqueName(names, spec.indexName());
                indexes.add(new SecondaryIndex(spec.indexName(), newIndexId.get(), IndexKind.LOCAL, key, projection,
                        IndexStatus.ACTIVE, false, 0, 0));
            }
            if (localIndexes.size() > MAX_LOCAL_INDEXES) {
                throw Errors.validation(INVALID + "Number of LocalSecondaryIndexes exceeds per-table limit of "
                        + MAX_LOCAL_INDEXES);
            }
        }
        if (globalIndexes != null) {
            if (globalIndexes.isEmpty()) {
                throw Errors.validation(INVALID + "List of GlobalSecondaryIndexes is empty");
            }
            for (IndexSpec spec : globalIndexes) {
                KeySchema key = keySchema(spec, definitions);
                IndexProjection projection = projection(spec.projection());
                IndexSpec.ThroughputSpec throughput = spec.provisionedThroughput();
                if (billingMode == BillingMode.PAY_PER_REQUEST && throughput != null) {
                    throw Errors.validation(INVALID + "ProvisionedThroughput should not be specified for index: "
                            + spec.indexName() + " when BillingMode is PAY_PER_REQUEST");
                }
                if (billingMode == BillingMode.PROVISIONED && throughput == null) {
                    throw Errors.validation(INVALID + "ProvisionedThroughput is not specified for index: "
                            + spec.indexName());
                }
                uniqueName(names, spec.indexName());
                long rcu = throughput == null ? 0 : throughput.readCapacityUnits();
                long wcu = throughput == null ? 0 : throughput.writeCapacityUnits();
                indexes.add(new SecondaryIndex(spec.indexName(), newIndexId.get(), IndexKind.GLOBAL, key, projection,
                        IndexStatus.ACTIVE, false, rcu, wcu));
            }
            if (globalIndexes.size() > MAX_GLOBAL_INDEXES) {
                throw Errors.validation(INVALID + "GlobalSecondaryIndex count exceeds the per-table limit of "
                        + MAX_GLOBAL_INDEXES);
            }
        }
        int projected = indexes.stream().mapToInt(i -> i.projection().nonKeyAttributes().size()).sum();
        if (projected > MAX_PROJECTED_ATTRIBUTES) {
            throw Errors.validation(INVALID + "Number of projected attributes in all indexes exceeds limit of "
                    + MAX_PROJECTED_ATTRIBUTES);
        }
        requireAllDefinitionsUsed(definitions, tableKey, indexes);
        return new SecondaryIndexes(indexes);
    }

    /**
     * The index's key schema, with types from the definitions. DynamoDB checks that the key
     * attributes are defined before the shape of the key.
     */
    private static KeySchema keySchema(IndexSpec spec, Map<String, AttributeType> definitions) {
        List<IndexSpec.KeyElement> elements = spec.keySchema();
        List<String> keyNames = elements.stream().map(IndexSpec.KeyElement::attributeName).toList();
        if (!definitions.keySet().containsAll(keyNames)) {
            throw Errors.validation(INVALID + "Some index key attributes are not defined in AttributeDefinitions. Keys: "
                    + keyNames + ", AttributeDefinitions: " + List.copyOf(definitions.keySet()));
        }
        if (elements.size() > 2) {
            // DynamoDB's multi-attribute GSI keys are not supported; DynamoDB Local's words.
            throw Errors.validation("Key Schema too big.  Key Schema must at most consist of the hash and range key of a table");
        }
        if (elements.size() == 2 && keyNames.get(0).equals(keyNames.get(1))) {
            throw Errors.validation("Both the Hash Key and the Range Key element in the KeySchema have the same name");
        }
        if (!"HASH".equals(elements.get(0).keyType())) {
            throw Errors.validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
        }
        if (elements.size() == 2 && !"RANGE".equals(elements.get(1).keyType())) {
            throw Errors.validation("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
        }
        KeyAttribute hash = new KeyAttribute(keyNames.get(0), definitions.get(keyNames.get(0)));
        return elements.size() == 1 ? KeySchema.of(hash)
                : KeySchema.of(hash, new KeyAttribute(keyNames.get(1), definitions.get(keyNames.get(1))));
    }

    private static IndexProjection projection(IndexSpec.ProjectionSpec spec) {
        String type = spec.projectionType();
        if (type == null) {
            throw Errors.validation(INVALID + "Unknown ProjectionType: null");
        }
        List<String> nonKey = spec.nonKeyAttributes();
        if (nonKey != null && !type.equals("INCLUDE")) {
            throw Errors.validation(INVALID + "ProjectionType is " + type + ", but NonKeyAttributes is specified");
        }
        if (nonKey == null && type.equals("INCLUDE")) {
            throw Errors.validation(INVALID + "ProjectionType is INCLUDE, but NonKeyAttributes is not specified");
        }
        if (nonKey == null) {
            return new IndexProjection(ProjectionType.valueOf(type), List.of());
        }
        Set<String> seen = new HashSet<>();
        for (String attribute : nonKey) {
            if (!seen.add(attribute)) {
                throw Errors.validation(INVALID + "Duplicate element in NonKeyAttributes: " + attribute);
            }
        }
        return IndexProjection.include(nonKey);
    }

    private static void uniqueName(Set<String> names, String name) {
        if (!names.add(name)) {
            throw Errors.validation(INVALID + "Duplicate index name: " + name);
        }
    }

    /**
     * DynamoDB types only key attributes, so a definition no key schema uses is an error. The
     * "keys used" list is in java.util.HashSet order, which is the order DynamoDB's messages show
     * (checked against messages quoted from the service).
     */
    private static void requireAllDefinitionsUsed(Map<String, AttributeType> definitions, KeySchema tableKey,
            List<SecondaryIndex> indexes) {
        Set<String> used = new HashSet<>();
        addNames(used, tableKey);
        indexes.forEach(i -> addNames(used, i.keySchema()));
        if (!used.containsAll(definitions.keySet())) {
            throw Errors.validation(INVALID + "Some AttributeDefinitions are not used. AttributeDefinitions: "
                    + List.copyOf(definitions.keySet()) + ", keys used: " + used);
        }
    }

    private static void addNames(Set<String> names, KeySchema key) {
        names.add(key.partitionKey().name());
        key.sortKey().ifPresent(k -> names.add(k.name()));
    }
}
