package dev.dynalog.connectors.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynalog.core.error.ThroughputExceededException;
import dev.dynalog.core.index.IndexKind;
import dev.dynalog.core.index.IndexProjection;
import dev.dynalog.core.index.IndexStatus;
import dev.dynalog.core.index.ProjectionType;
import dev.dynalog.core.index.SecondaryIndex;
import dev.dynalog.core.index.SecondaryIndexes;
import dev.dynalog.core.model.AttributeType;
import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.model.BillingMode;
import dev.dynalog.core.model.KeyAttribute;
import dev.dynalog.core.model.KeySchema;
import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.core.model.TableRecovery;
import dev.dynalog.core.model.TableStatus;
import dev.dynalog.core.model.TableStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ThroughputBudgetsTest {
    private static final KeyAttribute ID = new KeyAttribute("id", AttributeType.S);
    private static final AttributeValue KEY = new AttributeValue.S("k");
    private final AtomicLong now = new AtomicLong();
    private final ThroughputBudgets budgets = new ThroughputBudgets(true, 100, 1, name -> "arn:table/" + name, now::get);

    @Test
    void aProvisionedTableIsRefusedOnceItsWriteUnitsAreSpentWithDynamoDbsErrorAndReason() {
        TableDefinition table = table(BillingMode.PROVISIONED, 10, 5);
        for (int i = 0; i < 5; i++) {
            budgets.admitWrite(table);
            budgets.chargeWrite(table, KEY, 1);
        }

        assertThatThrownBy(() -> budgets.admitWrite(table))
                .isInstanceOfSatisfying(ThroughputExceededException.class, e -> {
                    assertThat(e.type()).isEqualTo("ProvisionedThroughputExceededException");
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).startsWith("The level of configured provisioned throughput for the table was exceeded");
                    assertThat(e.reason()).isEqualTo("TableWriteProvisionedThroughputExceeded");
                    assertThat(e.resource()).isEqualTo("arn:table/t");
                });
        assertThat(budgets.admitsRead(table)).as("reads have their own budget").isTrue();
    }

    @Test
    void aClusterNodeKeepsWhatItChargedForTheOtherNodesOnlyOnceItShares() {
        TableDefinition table = table(BillingMode.PROVISIONED, 10, 10);
        budgets.chargeWrite(table, KEY, 2);
        assertThat(budgets.drainShared()).as("a lone node keeps nothing for others").isEmpty();

        budgets.share();
        budgets.chargeWrite(table, KEY, 2);
        budgets.chargeWrite(table, KEY, 1);
        budgets.chargeRead(table, KEY, 0.5);
        assertThat(budgets.drainShared()).containsOnlyKeys(table.tableId())
                .hasEntrySatisfying(table.tableId(), units -> assertThat(units).containsExactly(0.5, 3.0));
        assertThat(budgets.drainShared()).as("each charge is sent once").isEmpty();
    }

    @Test
    void whatAnotherNodeChargedSpendsThisNodesBudgetOfTheTable() {
        TableDefinition table = table(BillingMode.PROVISIONED, 10, 10);
        budgets.admitWrite(table);
        budgets.chargeFromPeer(table.tableId(), 0, 10);

        assertThatThrownBy(() -> budgets.admitWrite(table)).isInstanceOf(ThroughputExceededException.class);
        assertThat(budgets.admitsRead(table)).isTrue();
    }

    @Test
    void whatOtherNodesChargedToATableThisNodeHasNotUsedCountsWhenItFirstIsLessWhatItEarnedSince() {
        TableDefinition table = table(BillingMode.PROVISIONED, 10, 10);
        budgets.chargeFromPeer(table.tableId(), 0, 14);
        assertThat(budgets.admitsWrite(table)).as("10 of burst, 14 spent elsewhere just now").isFalse();

        ThroughputBudgets other = new ThroughputBudgets(true, 100, 1, name -> "arn:table/" + name, now::get);
        other.chargeFromPeer(table.tableId(), 0, 14);
        now.addAndGet(500_000_000L);
        // Half a second at 10 units a second earned 5 of the 14 back: 10 - 9 leaves the budget positive.
        assertThat(other.admitsWrite(table)).isTrue();
    }

    @Test
    void updatingTheProvisionedUnitsChangesTheBudgetAtOnce() {
        TableDefinition table = table(BillingMode.PROVISIONED, 1, 1);
        budgets.chargeWrite(table, KEY, 1);
        assertThat(budgets.admitsWrite(table)).isFalse();

        TableDefinition raised = table.withBilling(BillingMode.PROVISIONED, 1, 50);
        now.addAndGet(100_000_000L);

        assertThat(budgets.admitsWrite(raised)).as("5 units accrued in 100 ms at 50 a second").isTrue();
    }

    @Test
    void anOnDemandTableIsLimitedOnlyByTheNodesTableLimit() {
        TableDefinition table = table(BillingMode.PAY_PER_REQUEST, 0, 0);
        budgets.chargeRead(table, 99);
        budgets.admitRead(table);
        budgets.chargeRead(table, 1);

        assertThatThrownBy(() -> budgets.admitRead(table))
                .isInstanceOfSatisfying(ThroughputExceededException.class,
                        e -> assertThat(e.reason()).isEqualTo("TableReadAccountLimitExceeded"));
    }

    @Test
    void withThrottlingOffNothingIsEverRefused() {
        ThroughputBudgets off = new ThroughputBudgets(false, 1, 1, name -> "", now::get);
        TableDefinition table = table(BillingMode.PROVISIONED, 1, 1);
        off.chargeWrite(table, KEY, 1_000);

        off.admitWrite(table);
        assertThat(off.admitsWrite(table)).isTrue();
    }

    @Test
    void everyChargeCountsInTheHotKeyReportAgainstItsKeyAndLogPartitionThrottledOrNot() {
        ThroughputBudgets off = new ThroughputBudgets(false, 1, 1, name -> "", now::get);
        TableDefinition table = table(BillingMode.PAY_PER_REQUEST, 0, 0);
        off.chargeWrite(table, KEY, 3);
        off.chargeRead(table, KEY, 0.5);
        off.chargeRead(table, 7);

        HotKeys.Report report = off.hotKeys().report("t", 5);
        assertThat(report.writeKeys()).extracting(HotKeys.KeyUnits::key, HotKeys.KeyUnits::units)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("S:k", 3.0));
        assertThat(report.readKeys()).extracting(HotKeys.KeyUnits::units).containsExactly(0.5);
        assertThat(report.readUnits()).as("the scan's units belong to no key but to the table").isEqualTo(7.5);
        int partition = dev.dynalog.streams.ItemAddress.partitionOf(table, KEY);
        assertThat(report.partitions()).containsOnlyKeys(partition);
        assertThat(report.partitions().get(partition)).isEqualTo(new HotKeys.PartitionUnits(0.5, 3));
    }

    @Test
    void aGlobalIndexsQueriesDrawOnItsOwnReadUnitsNotTheTables() {
        TableDefinition table = table(BillingMode.PROVISIONED, 100, 5);
        SecondaryIndex index = new SecondaryIndex("byStatus", "02".repeat(16), IndexKind.GLOBAL,
                new KeySchema(new KeyAttribute("status", AttributeType.S), Optional.empty()),
                new IndexProjection(ProjectionType.ALL, List.of()), IndexStatus.ACTIVE, false, 2, 1);
        budgets.admitIndexRead(table, index);
        budgets.chargeIndexRead(table, index, KEY, 2);

        assertThatThrownBy(() -> budgets.admitIndexRead(table, index))
                .isInstanceOfSatisfying(ThroughputExceededException.class, e -> {
                    assertThat(e.type()).isEqualTo("ProvisionedThroughputExceededException");
                    assertThat(e.reason()).isEqualTo("IndexReadProvisionedThroughputExceeded");
                    assertThat(e.resource()).isEqualTo("arn:table/t/index/byStatus");
                });
        assertThat(budgets.admitsRead(table)).as("the table's 100 read units are untouched").isTrue();
        assertThat(budgets.hotKeys().report("t", 5).readKeys()).extracting(HotKeys.KeyUnits::units).containsExactly(2.0);
    }

    @Test
    void aBudgetIdleForLongerThanTheBurstWindowIsDroppedAndComesBackFull() {
        TableDefinition gone = table(BillingMode.PROVISIONED, 1, 1);
        budgets.chargeWrite(gone, KEY, 1);
        assertThat(budgets.admitsWrite(gone)).isFalse();
        now.addAndGet(1_500_000_000L);

        TableDefinition other = new TableDefinition("u", "fedcba9876543210fedcba9876543210", TableStatus.ACTIVE, 0,
                new KeySchema(ID, Optional.empty()), List.of(ID), BillingMode.PROVISIONED, 1, 1, 4, TableStream.NONE,
                SecondaryIndexes.NONE, TableRecovery.NONE);
        budgets.admitWrite(other);
        now.addAndGet(1_500_000_000L);
        budgets.admitWrite(other);

        assertThat(budgets.budgetCount()).as("only the table used within the last second is kept").isEqualTo(1);
        assertThat(budgets.admitsWrite(gone)).as("a dropped budget is as full as it would have been").isTrue();
    }

    private static TableDefinition table(BillingMode mode, long rcu, long wcu) {
        return new TableDefinition("t", "0123456789abcdef0123456789abcdef", TableStatus.ACTIVE, 0,
                new KeySchema(ID, Optional.empty()), List.of(ID), mode, rcu, wcu, 4, TableStream.NONE,
                SecondaryIndexes.NONE, TableRecovery.NONE);
    }
}
