package dev.dynalog.connectors.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.model.Binary;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HotKeysTest {
    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong now = new AtomicLong(1_000 * SECOND);
    private final HotKeys hot = new HotKeys(now::get);

    @Test
    void aKeyTakingMostOfTheUnitsAmongThousandsOfColdOnesIsReportedFirstWithBoundsAroundItsTrueCount() {
        for (int i = 0; i < 20_000; i++) {
            hot.record("orders", i % 4, s("cold-" + i), 1, true);
            if (i % 2 == 0) {
                hot.record("orders", 2, s("hot"), 1, true);
            }
        }

        HotKeys.Report report = hot.report("orders", 3);
        assertThat(report.writeKeys()).isNotEmpty();
        HotKeys.KeyUnits first = report.writeKeys().get(0);
        assertThat(first.key()).isEqualTo("S:hot");
        assertThat(first.lowerBound()).isLessThanOrEqualTo(10_000);
        assertThat(first.upperBound()).isGreaterThanOrEqualTo(10_000);
        assertThat(report.writeKeys()).as("no cold key is certainly frequent").hasSize(1);
        assertThat(report.writeUnits()).isEqualTo(30_000);
        assertThat(report.partitions().get(2).write()).isEqualTo(15_000);
        assertThat(report.readKeys()).isEmpty();
    }

    @Test
    void fewKeysAreCountedExactlyAndRankedByUnits() {
        hot.record("t", 0, s("a"), 0.5, false);
        hot.record("t", 1, n("7"), 4, false);
        hot.record("t", 1, n("7"), 4, false);
        hot.record("t", 3, b(new byte[] {1, 2}), 2, false);
        hot.recordIndex("t", "byCustomer", s("c1"), 1.5);

        assertThat(hot.report("t", 10).readKeys()).extracting(HotKeys.KeyUnits::key, HotKeys.KeyUnits::units)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("N:7", 8.0),
                        org.assertj.core.groups.Tuple.tuple("B:AQI=", 2.0),
                        org.assertj.core.groups.Tuple.tuple("byCustomer S:c1", 1.5),
                        org.assertj.core.groups.Tuple.tuple("S:a", 0.5));
        assertThat(hot.report("t", 2).readKeys()).hasSize(2);
    }

    @Test
    void theReportCoversTheLastMinuteOnly() {
        hot.record("t", 0, s("early"), 5, true);
        now.addAndGet(30 * SECOND);
        hot.record("t", 1, s("late"), 1, true);
        assertThat(hot.report("t", 5).writeKeys()).extracting(HotKeys.KeyUnits::key).containsExactly("S:early", "S:late");

        now.addAndGet(40 * SECOND);
        HotKeys.Report later = hot.report("t", 5);
        assertThat(later.writeKeys()).extracting(HotKeys.KeyUnits::key).containsExactly("S:late");
        assertThat(later.partitions()).containsOnlyKeys(1);
        assertThat(hot.tables()).containsExactly("t");

        now.addAndGet(60 * SECOND);
        assertThat(hot.report("t", 5).writeUnits()).isZero();
        assertThat(hot.tables()).isEmpty();
    }

    @Test
    void tablesThatUsedNothingForAWholeMinuteAreForgotten() {
        for (int i = 0; i < 100; i++) {
            hot.record("fixture-" + i, 0, s("k"), 1, true);
        }
        now.addAndGet(61 * SECOND);
        hot.record("busy", 0, s("k"), 1, true);

        assertThat(hot.tableCount()).isEqualTo(1);
        assertThat(hot.tables()).containsExactly("busy");
    }

    @Test
    void aTableWithNoUseHasAnEmptyReport() {
        HotKeys.Report report = hot.report("none", 5);
        assertThat(report.readKeys()).isEmpty();
        assertThat(report.partitions()).isEmpty();
        assertThat(report.readUnits() + report.writeUnits()).isZero();
    }

    private static AttributeValue s(String v) {
        return new AttributeValue.S(v);
    }

    private static AttributeValue n(String v) {
        return new AttributeValue.N(v);
    }

    private static AttributeValue b(byte[] v) {
        return new AttributeValue.B(Binary.copyOf(v));
    }
}
