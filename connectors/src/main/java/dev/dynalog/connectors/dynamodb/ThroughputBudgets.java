package dev.dynalog.connectors.dynamodb;

import dev.dynalog.core.capacity.TokenBucket;
import dev.dynalog.core.error.Errors;
import dev.dynalog.core.index.SecondaryIndex;
import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.model.BillingMode;
import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.streams.ItemAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
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
 *
 * <p>A global secondary index has a read budget of its own, as in DynamoDB: its provisioned
 * ReadCapacityUnits (on-demand: the same limit as a table), which its Queries and Scans draw on
 * instead of the table's. Index writes are not budgeted apart: a write is answered before its
 * processor decides which indexes it changes, so they count in the table's write budget only.
 *
 * <p>In a cluster every node keeps every table's whole budget and the nodes tell each other what
 * they charged ({@link #drainShared}, {@link #chargeFromPeer}, a few times a second), so a table
 * gets its capacity across the cluster, not once per node; between exchanges a cluster of N nodes
 * can admit up to N times one exchange interval's worth more than the table's rate.
 *
 * <p>A budget idle for longer than the burst window is full again, the same as a new one, so
 * such budgets are dropped (those of deleted tables among them) rather than kept for the node's life.
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
    private final AtomicLong nextPruneNanos;
    /** Whether other nodes share the budgets: only then is what this node charges kept for them. */
    private volatile boolean shared;
    /** Units charged here since the last exchange, by budget id: {reads, writes}. */
    private final Map<String, double[]> unshared = new ConcurrentHashMap<>();
    /** Units other nodes charged to budgets this node does not keep yet, by budget id, with when. */
    private final Map<String, PeerDebt> peerDebts = new ConcurrentHashMap<>();

    private record PeerDebt(double reads, double writes, long atNanos) {
    }

    private static final class Budget {
        final TokenBucket reads;
        final TokenBucket writes;
        volatile long usedNanos;

        Budget(TokenBucket reads, TokenBucket writes, long nowNanos) {
            this.reads = reads;
            this.writes = writes;
            this.usedNanos = nowNanos;
        }

        TokenBucket reads() {
            return reads;
        }

        TokenBucket writes() {
            return writes;
        }
    }

    public ThroughputBudgets(boolean enabled, double onDemandLimit, double burstSeconds,
                             Function<String, String> tableArn, LongSupplier nanoClock) {
        this.enabled = enabled;
        this.onDemandLimit = onDemandLimit;
        this.burstSeconds = burstSeconds;
        this.tableArn = tableArn;
        this.nanoClock = nanoClock;
        this.hotKeys = new HotKeys(nanoClock);
        this.nextPruneNanos = new AtomicLong(nanoClock.getAsLong() + idleNanos());
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

    /** Refuses a Query or Scan of a global index while the index's read budget is overdrawn. */
    public void admitIndexRead(TableDefinition table, SecondaryIndex index) {
        if (enabled && !indexBudget(table, index).reads().admits()) {
            String limit = table.billingMode() == BillingMode.PROVISIONED ? "ProvisionedThroughputExceeded"
                    : "AccountLimitExceeded";
            throw Errors.indexThroughputExceeded(false, limit, tableArn.apply(table.name()) + "/index/" + index.name());
        }
    }

    /**
     * Charges a Query (with the index partition key it read) or a Scan (null) of a global index,
     * whose entries live in the index's own log partitions: the hot-key report shows its key
     * under the index's name.
     */
    public void chargeIndexRead(TableDefinition table, SecondaryIndex index, AttributeValue indexPartitionKey,
                                double units) {
        if (enabled) {
            indexBudget(table, index).reads().charge(units);
            keepForPeers(indexBudgetId(table, index), units, false);
        }
        if (indexPartitionKey != null) {
            hotKeys.recordIndex(table.name(), index.name(), indexPartitionKey, units);
        }
    }

    /** Charges a write of an item with this partition key. */
    public void chargeWrite(TableDefinition table, AttributeValue partitionKey, double units) {
        charge(table, ItemAddress.partitionOf(table, partitionKey), partitionKey, units, true);
    }

    private void charge(TableDefinition table, int partition, AttributeValue partitionKey, double units, boolean write) {
        if (enabled) {
            (write ? budget(table).writes() : budget(table).reads()).charge(units);
            keepForPeers(table.tableId(), units, write);
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
        return budget(table.tableId(), readRate(table), writeRate(table));
    }

    private Budget indexBudget(TableDefinition table, SecondaryIndex index) {
        double reads = table.billingMode() == BillingMode.PROVISIONED ? index.readCapacityUnits() : onDemandRate(table, false);
        double writes = table.billingMode() == BillingMode.PROVISIONED ? index.writeCapacityUnits() : onDemandRate(table, true);
        return budget(indexBudgetId(table, index), reads, writes);
    }

    private static String indexBudgetId(TableDefinition table, SecondaryIndex index) {
        return table.tableId() + "/" + index.indexId();
    }

    /** From now on, what this node charges is kept for {@link #drainShared}: other nodes share the budgets. */
    public void share() {
        shared = true;
    }

    private void keepForPeers(String id, double units, boolean write) {
        if (shared) {
            unshared.compute(id, (k, v) -> {
                double[] tally = v == null ? new double[2] : v;
                tally[write ? 1 : 0] += units;
                return tally;
            });
        }
    }

    /** What this node charged since the last call, by budget id: {read units, write units}; for the other nodes. */
    public Map<String, double[]> drainShared() {
        Map<String, double[]> drained = new java.util.HashMap<>();
        for (String id : List.copyOf(unshared.keySet())) {
            double[] tally = unshared.remove(id);
            if (tally != null) {
                drained.put(id, tally);
            }
        }
        return drained;
    }

    /**
     * Charges what another node charged to a budget: at once if this node keeps that budget, else
     * when it first needs it (within a burst window), so a table used through one node and then
     * another still has only what is left of its capacity.
     */
    public void chargeFromPeer(String id, double reads, double writes) {
        if (!enabled) {
            return;
        }
        Budget b = budgets.get(id);
        if (b != null) {
            b.reads().charge(reads);
            b.writes().charge(writes);
            return;
        }
        long now = nanoClock.getAsLong();
        peerDebts.merge(id, new PeerDebt(reads, writes, now),
                (old, add) -> new PeerDebt(old.reads() + add.reads(), old.writes() + add.writes(), add.atNanos()));
    }

    private Budget budget(String id, double readRate, double writeRate) {
        long now = nanoClock.getAsLong();
        pruneIdle(now);
        Budget b = budgets.computeIfAbsent(id, i -> {
            Budget fresh = new Budget(new TokenBucket(readRate, burstSeconds, nanoClock),
                    new TokenBucket(writeRate, burstSeconds, nanoClock), now);
            PeerDebt debt = peerDebts.remove(i);
            if (debt != null) {
                // What the table's shared budget has earned back since is not owed any more.
                double earned = (now - debt.atNanos()) / 1e9;
                fresh.reads().charge(Math.max(0, debt.reads() - readRate * earned));
                fresh.writes().charge(Math.max(0, debt.writes() - writeRate * earned));
            }
            return fresh;
        });
        b.usedNanos = now;
        // UpdateTable changes a table's rates in place.
        if (b.reads().rate() != readRate) {
            b.reads().rate(readRate);
        }
        if (b.writes().rate() != writeRate) {
            b.writes().rate(writeRate);
        }
        return b;
    }

    /** At most once per burst window, drops the budgets idle for a whole window: they are full, as new ones are. */
    private void pruneIdle(long nowNanos) {
        long due = nextPruneNanos.get();
        if (nowNanos - due >= 0 && nextPruneNanos.compareAndSet(due, nowNanos + idleNanos())) {
            budgets.values().removeIf(b -> nowNanos - b.usedNanos > idleNanos());
            peerDebts.values().removeIf(d -> nowNanos - d.atNanos() > idleNanos());
        }
    }

    private long idleNanos() {
        return (long) (burstSeconds * 1e9);
    }

    /** How many budgets this node keeps (tables and global indexes used within the last burst window or so). */
    int budgetCount() {
        return budgets.size();
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
