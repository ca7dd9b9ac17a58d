package dev.dynalog.core.model;

import dev.dynalog.core.index.SecondaryIndexes;
import java.util.List;

/**
 * A table as the control plane knows it: what {@code CreateTable} defined plus dynalog's own
 * identity for it.
 *
 * @param name              the DynamoDB table name
 * @param tableId           a fresh id per creation (32 hex digits); it prefixes every stored key of
 *                          the table, so a table created again under the same name never sees the
 *                          old table's data
 * @param status            the lifecycle status
 * @param creationTimeMillis when CreateTable was accepted
 * @param keySchema         the primary key
 * @param attributeDefinitions every attribute named in a key schema, with its type
 * @param billingMode       provisioned or on-demand
 * @param readCapacityUnits  provisioned read capacity (0 for on-demand)
 * @param writeCapacityUnits provisioned write capacity (0 for on-demand)
 * @param partitions        number of log partitions of the table
 * @param stream            the table's change stream
 * @param indexes           the table's local and global secondary indexes
 * @param recovery          point-in-time recovery, and where a restored table came from
 * @param settings          tags, table class, deletion protection, encryption and throughput settings
 * @param timeToLive        the Time to Live setting (UpdateTimeToLive)
 */
public record TableDefinition(
        String name,
        String tableId,
        TableStatus status,
        long creationTimeMillis,
        KeySchema keySchema,
        List<KeyAttribute> attributeDefinitions,
        BillingMode billingMode,
        long readCapacityUnits,
        long writeCapacityUnits,
        int partitions,
        TableStream stream,
        SecondaryIndexes indexes,
        TableRecovery recovery,
        TableSettings settings,
        TimeToLive timeToLive) {

    public TableDefinition {
        recovery = recovery == null ? TableRecovery.NONE : recovery;
        settings = settings == null ? TableSettings.NONE : settings;
        timeToLive = timeToLive == null ? TimeToLive.NONE : timeToLive;
    }

    /** A table with DynamoDB's default settings ({@link TableSettings#NONE}) and no Time to Live. */
    public TableDefinition(String name, String tableId, TableStatus status, long creationTimeMillis,
                           KeySchema keySchema, List<KeyAttribute> attributeDefinitions, BillingMode billingMode,
                           long readCapacityUnits, long writeCapacityUnits, int partitions, TableStream stream,
                           SecondaryIndexes indexes, TableRecovery recovery) {
        this(name, tableId, status, creationTimeMillis, keySchema, attributeDefinitions, billingMode,
                readCapacityUnits, writeCapacityUnits, partitions, stream, indexes, recovery, TableSettings.NONE,
                TimeToLive.NONE);
    }

    /** A table without Time to Live, as CreateTable and restores make them (DynamoDB carries no TTL over). */
    public TableDefinition(String name, String tableId, TableStatus status, long creationTimeMillis,
                           KeySchema keySchema, List<KeyAttribute> attributeDefinitions, BillingMode billingMode,
                           long readCapacityUnits, long writeCapacityUnits, int partitions, TableStream stream,
                           SecondaryIndexes indexes, TableRecovery recovery, TableSettings settings) {
        this(name, tableId, status, creationTimeMillis, keySchema, attributeDefinitions, billingMode,
                readCapacityUnits, writeCapacityUnits, partitions, stream, indexes, recovery, settings, TimeToLive.NONE);
    }

    public TableDefinition withBilling(BillingMode mode, long rcu, long wcu) {
        return new TableDefinition(name, tableId, status, creationTimeMillis, keySchema, attributeDefinitions,
                mode, rcu, wcu, partitions, stream, indexes, recovery, settings, timeToLive);
    }

    public TableDefinition withStatus(TableStatus newStatus) {
        return new TableDefinition(name, tableId, newStatus, creationTimeMillis, keySchema, attributeDefinitions,
                billingMode, readCapacityUnits, writeCapacityUnits, partitions,
                stream, indexes, recovery, settings, timeToLive);
    }

    public TableDefinition withStream(TableStream newStream) {
        return new TableDefinition(name, tableId, status, creationTimeMillis, keySchema, attributeDefinitions,
                billingMode, readCapacityUnits, writeCapacityUnits, partitions,
                newStream, indexes, recovery, settings, timeToLive);
    }

    public TableDefinition withIndexes(SecondaryIndexes newIndexes) {
        return new TableDefinition(name, tableId, status, creationTimeMillis, keySchema, attributeDefinitions,
                billingMode, readCapacityUnits, writeCapacityUnits, partitions,
                stream, newIndexes, recovery, settings, timeToLive);
    }

    public TableDefinition withAttributeDefinitions(List<KeyAttribute> definitions) {
        return new TableDefinition(name, tableId, status, creationTimeMillis, keySchema, List.copyOf(definitions),
                billingMode, readCapacityUnits, writeCapacityUnits, partitions,
                stream, indexes, recovery, settings, timeToLive);
    }

    public TableDefinition withRecovery(TableRecovery newRecovery) {
        return new TableDefinition(name, tableId, status, creationTimeMillis, keySchema, attributeDefinitions,
                billingMode, readCapacityUnits, writeCapacityUnits, partitions,
                stream, indexes, newRecovery, settings, timeToLive);
    }

    public TableDefinition withSettings(TableSettings newSettings) {
        return new TableDefinition(name, tableId, status, creationTimeMillis, keySchema, attributeDefinitions,
                billingMode, readCapacityUnits, writeCapacityUnits, partitions,
                stream, indexes, recovery, newSettings, timeToLive);
    }

    public TableDefinition withTimeToLive(TimeToLive newTimeToLive) {
        return new TableDefinition(name, tableId, status, creationTimeMillis, keySchema, attributeDefinitions,
                billingMode, readCapacityUnits, writeCapacityUnits, partitions, stream, indexes, recovery, settings,
                newTimeToLive);
    }
}
