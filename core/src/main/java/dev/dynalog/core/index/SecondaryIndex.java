package dev.dynalog.core.index;

import dev.dynalog.core.model.KeySchema;
import java.util.Objects;

/**
 * One secondary index of a table, as the control plane knows it.
 *
 * <p>The catalog is meant to carry a table's {@link SecondaryIndexes} beside its
 * TableDefinition (one record per concern, so the table record need not change); DescribeTable
 * renders these fields, the processor reads {@link #keySchema()} and {@link #projection()} to
 * compute entries and deltas.
 *
 * @param name               the IndexName
 * @param indexId            a fresh id per creation (32 hex digits, like a table id): it prefixes
 *                           the index's stored entries, so a GSI deleted and created again under
 *                           the same name never sees the old entries
 * @param kind               LOCAL or GLOBAL
 * @param keySchema          the index key; for a LOCAL index its partition key is the table's
 * @param projection         what an entry carries besides the keys
 * @param status             ACTIVE for a usable index; a GSI added by UpdateTable is CREATING
 *                           until its backfill ends. Local indexes are always ACTIVE once the
 *                           table is.
 * @param backfilling        true while a CREATING GSI is being filled from the base table
 * @param readCapacityUnits  a GSI's provisioned read capacity (0 on-demand and for LSIs, which
 *                           share the table's)
 * @param writeCapacityUnits a GSI's provisioned write capacity (0 on-demand and for LSIs)
 */
public record SecondaryIndex(
        String name,
        String indexId,
        IndexKind kind,
        KeySchema keySchema,
        IndexProjection projection,
        IndexStatus status,
        boolean backfilling,
        long readCapacityUnits,
        long writeCapacityUnits) {

    public SecondaryIndex {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(indexId, "indexId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(keySchema, "keySchema");
        Objects.requireNonNull(projection, "projection");
        Objects.requireNonNull(status, "status");
        if (backfilling && status != IndexStatus.CREATING) {
            throw new IllegalArgumentException("only a CREATING index backfills");
        }
    }

    public boolean isGlobal() {
        return kind == IndexKind.GLOBAL;
    }

    public SecondaryIndex withStatus(IndexStatus newStatus, boolean nowBackfilling) {
        return new SecondaryIndex(name, indexId, kind, keySchema, projection, newStatus, nowBackfilling,
                readCapacityUnits, writeCapacityUnits);
    }

    public SecondaryIndex withThroughput(long rcu, long wcu) {
        return new SecondaryIndex(name, indexId, kind, keySchema, projection, status, backfilling, rcu, wcu);
    }
}
