package dev.dynalog.core.index;

import java.util.List;

/**
 * One element of a request's LocalSecondaryIndexes or GlobalSecondaryIndexes, as the client sent
 * it: members are null when absent and nothing is checked yet. The HTTP layer fills these from
 * JSON; {@link IndexSpecConstraints} and {@link CreateTableIndexValidator} judge them.
 *
 * @param indexName             IndexName
 * @param keySchema             KeySchema, elements in request order
 * @param projection            Projection
 * @param provisionedThroughput ProvisionedThroughput (GSIs only; DynamoDB's model has no such
 *                              member for LSIs, so the HTTP layer ignores it there)
 */
public record IndexSpec(String indexName, List<KeyElement> keySchema, ProjectionSpec projection,
        ThroughputSpec provisionedThroughput) {

    /** A KeySchemaElement: AttributeName and KeyType ("HASH" or "RANGE"), either possibly null. */
    public record KeyElement(String attributeName, String keyType) {
    }

    /** A Projection: ProjectionType (possibly null or unknown) and NonKeyAttributes (null when absent). */
    public record ProjectionSpec(String projectionType, List<String> nonKeyAttributes) {
    }

    /** A ProvisionedThroughput: either unit count may be null. */
    public record ThroughputSpec(Long readCapacityUnits, Long writeCapacityUnits) {
    }
}
