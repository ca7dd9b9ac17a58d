package dev.dynalog.connectors.dynamodb;

import dev.dynalog.core.capacity.TokenBucket;
import dev.dynalog.core.error.Errors;
import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.model.BillingMode;
import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.streams.ItemAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Every table's read and write budget on this node, as DynamoDB's capacity modes make them: a
 * provisioned table gets its ReadCapacityUnits and WriteCapacityUnits per second with 300 seconds
 * of unused capacity kept for bursts; an on-demand table the node's per-table limit (DynamoDB's
 * default table quota is 40,000 units a second), or its OnDemandThroughput maximum where lower. A request is refused with
 * ProvisionedThroughputExceededException while its table's budget is overdrawn, and charged the
 * units it consumed once they are known. Rates follow the table's definition as UpdateTable
 * changes it, at once; a table created again under its name (a new id) starts a new budget.
 */
public final class ThroughputBudgets {
    public static final double BURST_SECONDS = 300;
    public static final double DEFAULT_ON_DEMAND_LIMIT = 40_000;

    private final boolean enabled;
    private final double onDemandLimit;
    private final double burstSeconds;
    private final Function<String, String> tableArn;
    private final LongSupplier nanoClock;
    private final Map<String, Budget> budgets = new ConcurrentHashMap<>();
    private final HotKeys hotKeys;

    private record Budget(TokenBucket reads, TokenBucket writes) {
    }

    public ThroughputBudgets(boolean enabled, double onDemandLimit, double burstSeconds,
                             Function<String, String> tableArn, LongSupplier nanoClock) {
        this.enabled = enabled;
        this.onDemandLimit = onDemandLimit;
        this.burstSeconds = burstSeconds;
        this.tableArn = tableArn;
        this.nanoClock = nanoClock;
        this.hotKeys = new HotKeys(nanoClock);
    }

    /** What the tables' keys and log partitions consumed in the last minute, throttled or not. */
    public HotKeys hotKeys() {
        return hotKeys;
    }

    /** Refuses a read of the table while its read budget is overdrawn. */
    public void admitRead(TableDefinition table) {
        admit(table, false);
    }

    /** Refuses a write to the table while its write budget is overdrawn. */
    public void admitWrite(TableDefinition table) {
        admit(table, true);
    }

    /** True if a write to the table would be admitted now (BatchWriteItem leaves the others unprocessed). */
    public boolean admitsWrite(TableDefinition table) {
        return !enabled || budget(table).writes().admits();
    }

    /** True if a read of the table would be admitted now (BatchGetItem leaves the others unprocessed). */
    public boolean admitsRead(TableDefinition table) {
        return !enabled || budget(table).reads().admits();
    }

    /** Charges a read that belongs to no single key (a Scan's page). */
    public void chargeRead(TableDefinition table, double units) {
        charge(table, -1, null, units, false);
    }

    /** Charges a read of the items of one partition key of the table. */
    public void chargeRead(TableDefinition table, AttributeValue partitionKey, double units) {
        charge(table, ItemAddress.partitionOf(table, partitionKey), partitionKey, units, false);
    }

    /**
     * Charges a Query of a global index, whose entries live in the index's own log partitions: the
     * hot-key report shows its key under the index's name.
     */
    public void chargeIndexRead(TableDefinition table, String index, AttributeValue indexPartitionKey, double units) {
        if (enabled) {
            budget(table).reads().charge(units);
        }
        hotKeys.recordIndex(table.name(), index, indexPartitionKey, units);
    }

    /** Charges a write of an item with this partition key. */
    public void chargeWrite(TableDefinition table, AttributeValue partitionKey, double units) {
        charge(table, ItemAddress.partitionOf(table, partitionKey), partitionKey, units, true);
    }

    private void charge(TableDefinition table, int partition, AttributeValue partitionKey, double units, boolean write) {
        if (enabled) {
            (write ? budget(table).writes() : budget(table).reads()).charge(units);
        }
        hotKeys.record(table.name(), partition, partitionKey, units, write);
    }

    private void admit(TableDefinition table, boolean write) {
        if (enabled && !(write ? admitsWrite(table) : admitsRead(table))) {
            String limit = table.billingMode() == BillingMode.PROVISIONED ? "ProvisionedThroughputExceeded"
                    : onDemandMaximum(table, write) >= 0 && onDemandMaximum(table, write) < onDemandLimit
                            ? "MaxOnDemandThroughputExceeded" : "AccountLimitExceeded";
            throw Errors.throughputExceeded(write, limit, tableArn.apply(table.name()));
        }
    }

    private Budget budget(TableDefinition table) {
        Budget b = budgets.computeIfAbsent(table.tableId(), id -> new Budget(
                new TokenBucket(readRate(table), burstSeconds, nanoClock),
                new TokenBucket(writeRate(table), burstSeconds, nanoClock)));
        // UpdateTable changes a table's rates in place.
        if (b.reads().rate() != readRate(table)) {
            b.reads().rate(readRate(table));
        }
        if (b.writes().rate() != writeRate(table)) {
            b.writes().rate(writeRate(table));
        }
        return b;
    }

    private double readRate(TableDefinition table) {
        return table.billingMode() == BillingMode.PROVISIONED ? table.readCapacityUnits() : onDemandRate(table, false);
    }

    private double writeRate(TableDefinition table) {
        return table.billingMode() == BillingMode.PROVISIONED ? table.writeCapacityUnits() : onDemandRate(table, true);
    }

    /** An on-demand table's rate: the node's limit, or the table's OnDemandThroughput maximum if lower. */
    private double onDemandRate(TableDefinition table, boolean write) {
        long maximum = onDemandMaximum(table, write);
        return maximum >= 0 ? Math.min(maximum, onDemandLimit) : onDemandLimit;
    }

    private static long onDemandMaximum(TableDefinition table, boolean write) {
        return write ? table.settings().maxWriteRequestUnits() : table.settings().maxReadRequestUnits();
    }
}
