package dev.dynalog.core.index;

/**
 * DynamoDB's IndexStatus of a global secondary index (local indexes have none: they live and die
 * with the table). An index created by UpdateTable is CREATING, with backfilling, until every base
 * item written before it has been indexed; only then ACTIVE and queryable.
 */
public enum IndexStatus {
    CREATING, UPDATING, DELETING, ACTIVE
}
