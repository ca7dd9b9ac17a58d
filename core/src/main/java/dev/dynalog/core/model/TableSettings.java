package dev.dynalog.core.model;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A table's settings that change how DynamoDB bills, protects and labels it rather than what it
 * stores: what CreateTable and UpdateTable set beside the key schema, indexes and stream, and
 * TagResource. dynalog keeps and reports them as DynamoDB does; deletion protection is the one
 * it enforces, as nothing here bills, throttles or encrypts with a customer's key.
 *
 * @param tags                    the table's tags, by key (at most {@link #MAX_TAGS})
 * @param tableClass              the class given by CreateTable or UpdateTable, or null if none
 *                                was ever given: DynamoDB then reports no TableClassSummary
 * @param tableClassUpdateMillis  when UpdateTable last changed the class, or 0 if it never did
 * @param deletionProtection      whether DeleteTable is refused
 * @param kmsMasterKeyId          the KMS key the table is said to be encrypted with, as the request
 *                                named it (a key id, key ARN, alias or alias ARN), or null for
 *                                DynamoDB's default, the AWS owned key
 * @param maxReadRequestUnits     OnDemandThroughput's MaxReadRequestUnits, or -1 for no maximum
 * @param maxWriteRequestUnits    OnDemandThroughput's MaxWriteRequestUnits, or -1 for no maximum
 * @param warmReadUnitsPerSecond  WarmThroughput's ReadUnitsPerSecond as requested, or 0 if never
 *                                requested: DynamoDB's default applies
 * @param warmWriteUnitsPerSecond WarmThroughput's WriteUnitsPerSecond as requested, or 0
 */
public record TableSettings(
        SortedMap<String, String> tags,
        TableClass tableClass,
        long tableClassUpdateMillis,
        boolean deletionProtection,
        String kmsMasterKeyId,
        long maxReadRequestUnits,
        long maxWriteRequestUnits,
        long warmReadUnitsPerSecond,
        long warmWriteUnitsPerSecond) {
    /** DynamoDB's limit of user tags per table. */
    public static final int MAX_TAGS = 50;
    /** OnDemandThroughput's value for "no maximum". */
    public static final long NO_MAXIMUM = -1;
    /** The warm throughput DynamoDB reports for a new table (read units per second). */
    public static final long DEFAULT_WARM_READ_UNITS = 12_000;
    /** The warm throughput DynamoDB reports for a new table (write units per second). */
    public static final long DEFAULT_WARM_WRITE_UNITS = 4_000;
    /** The KMS key DynamoDB uses when encryption with KMS is asked for without naming a key. */
    public static final String AWS_MANAGED_KEY = "alias/aws/dynamodb";

    public static final TableSettings NONE = new TableSettings(new TreeMap<>(), null, 0, false, null,
            NO_MAXIMUM, NO_MAXIMUM, 0, 0);

    public TableSettings {
        tags = Collections.unmodifiableSortedMap(new TreeMap<>(tags == null ? Map.of() : tags));
    }

    public TableSettings withTags(Map<String, String> newTags) {
        return new TableSettings(new TreeMap<>(newTags), tableClass, tableClassUpdateMillis, deletionProtection,
                kmsMasterKeyId, maxReadRequestUnits, maxWriteRequestUnits, warmReadUnitsPerSecond,
                warmWriteUnitsPerSecond);
    }

    public TableSettings withTableClass(TableClass newClass, long updateMillis) {
        return new TableSettings(tags, newClass, updateMillis, deletionProtection, kmsMasterKeyId,
                maxReadRequestUnits, maxWriteRequestUnits, warmReadUnitsPerSecond, warmWriteUnitsPerSecond);
    }

    public TableSettings withDeletionProtection(boolean enabled) {
        return new TableSettings(tags, tableClass, tableClassUpdateMillis, enabled, kmsMasterKeyId,
                maxReadRequestUnits, maxWriteRequestUnits, warmReadUnitsPerSecond, warmWriteUnitsPerSecond);
    }

    /** {@code keyId} null: the AWS owned key, DynamoDB's default. */
    public TableSettings withKmsMasterKey(String keyId) {
        return new TableSettings(tags, tableClass, tableClassUpdateMillis, deletionProtection, keyId,
                maxReadRequestUnits, maxWriteRequestUnits, warmReadUnitsPerSecond, warmWriteUnitsPerSecond);
    }

    public TableSettings withOnDemandThroughput(long maxRead, long maxWrite) {
        return new TableSettings(tags, tableClass, tableClassUpdateMillis, deletionProtection, kmsMasterKeyId,
                maxRead, maxWrite, warmReadUnitsPerSecond, warmWriteUnitsPerSecond);
    }

    public TableSettings withWarmThroughput(long readUnits, long writeUnits) {
        return new TableSettings(tags, tableClass, tableClassUpdateMillis, deletionProtection, kmsMasterKeyId,
                maxReadRequestUnits, maxWriteRequestUnits, readUnits, writeUnits);
    }

    /** Whether the table is said to be encrypted with a KMS key rather than the AWS owned key. */
    public boolean kmsEncrypted() {
        return kmsMasterKeyId != null;
    }

    /** The read units per second DynamoDB reports as the table's warm throughput. */
    public long warmReadUnits() {
        return Math.max(DEFAULT_WARM_READ_UNITS, warmReadUnitsPerSecond);
    }

    /** The write units per second DynamoDB reports as the table's warm throughput. */
    public long warmWriteUnits() {
        return Math.max(DEFAULT_WARM_WRITE_UNITS, warmWriteUnitsPerSecond);
    }
}
