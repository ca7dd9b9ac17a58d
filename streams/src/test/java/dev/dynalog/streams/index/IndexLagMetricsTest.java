package dev.dynalog.streams.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.data.Percentage.withPercentage;

import dev.dynalog.streams.index.IndexLagMetrics.Snapshot;
import dev.dynalog.streams.index.IndexLagMetrics.Statistics;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class IndexLagMetricsTest {
    /** Starts at an arbitrary instant and moves only when a test says so. */
    private final AtomicLong nowMillis = new AtomicLong(1_700_000_000_000L);
    private final InstantSource clock = () -> Instant.ofEpochMilli(nowMillis.get());
    private final IndexLagMetrics metrics = new IndexLagMetrics(clock);

    private void advance(Duration d) {
        nowMillis.addAndGet(d.toMillis());
    }

    private Snapshot snapshotOf(String table, String index) {
        return metrics.snapshot(table, index).orElseThrow();
    }

    @Test
    void anIndexWithoutRecordedDeltasHasNoFigures() {
        assertThat(metrics.snapshot()).isEmpty();
        assertThat(metrics.snapshot("orders", "byCustomer")).isEmpty();
    }

    @Test
    void recordedLagsGiveCountMedianP99AndMax() {
        for (long lag = 1; lag <= 100; lag++) {
            metrics.record("orders", "byCustomer", lag);
        }

        Snapshot s = snapshotOf("orders", "byCustomer");
        assertThat(s.recent()).isEqualTo(new Statistics(100, 50, 99, 100));
        assertThat(s.sinceStart()).isEqualTo(new Statistics(100, 50, 99, 100));
        assertThat(s.sumMillis()).isEqualTo(5050);
    }

    @Test
    void lagsAboveAQuarterSecondAreKeptToTwoSignificantDigits() {
        metrics.record("orders", "byCustomer", 12_345);

        assertThat(snapshotOf("orders", "byCustomer").recent().max()).isCloseTo(12_345, withPercentage(1));
        assertThat(snapshotOf("orders", "byCustomer").sumMillis()).isEqualTo(12_345);
    }

    @Test
    void eachTableAndIndexIsMeasuredApart() {
        metrics.record("orders", "byCustomer", 10);
        metrics.record("orders", "byStatus", 20);
        metrics.record("users", "byCustomer", 30);

        assertThat(metrics.snapshot()).extracting(Snapshot::tableName, Snapshot::indexName, s -> s.recent().max())
                .containsExactly(
                        tuple("orders", "byCustomer", 10L),
                        tuple("orders", "byStatus", 20L),
                        tuple("users", "byCustomer", 30L));
    }

    @Test
    void lagsOlderThanTheWindowLeaveTheRecentFiguresButStaySinceStart() {
        metrics.record("orders", "byCustomer", 200);
        advance(Duration.ofSeconds(75));
        metrics.record("orders", "byCustomer", 10);

        Snapshot s = snapshotOf("orders", "byCustomer");
        assertThat(s.recent()).isEqualTo(new Statistics(1, 10, 10, 10));
        assertThat(s.sinceStart().count()).isEqualTo(2);
        assertThat(s.sinceStart().max()).isEqualTo(200);
    }

    @Test
    void lagsWithinTheLastFiftySecondsAreAlwaysRecent() {
        metrics.record("orders", "byCustomer", 7);
        for (int i = 0; i < 5; i++) {
            advance(Duration.ofSeconds(10));
            metrics.record("orders", "byCustomer", 3);
        }

        assertThat(snapshotOf("orders", "byCustomer").recent().count()).isEqualTo(6);
        assertThat(snapshotOf("orders", "byCustomer").recent().max()).isEqualTo(7);
    }

    @Test
    void anIndexThatStopsReceivingDeltasHasNoRecentFiguresAfterTheWindow() {
        metrics.record("orders", "byCustomer", 40);
        advance(Duration.ofSeconds(30));
        assertThat(snapshotOf("orders", "byCustomer").recent().count()).isEqualTo(1);

        advance(Duration.ofMinutes(2));

        Snapshot s = snapshotOf("orders", "byCustomer");
        assertThat(s.recent()).isEqualTo(new Statistics(0, 0, 0, 0));
        assertThat(s.sinceStart()).isEqualTo(new Statistics(1, 40, 40, 40));
    }

    @Test
    void recordingResumesCleanlyAfterALongIdleSpell() {
        metrics.record("orders", "byCustomer", 900);
        advance(Duration.ofHours(3));
        metrics.record("orders", "byCustomer", 5);
        advance(Duration.ofSeconds(12));
        metrics.record("orders", "byCustomer", 6);

        assertThat(snapshotOf("orders", "byCustomer").recent()).isEqualTo(new Statistics(2, 5, 6, 6));
    }

    @Test
    void aNegativeLagFromDisagreeingClocksCountsAsZero() {
        metrics.record("orders", "byCustomer", -25);

        assertThat(snapshotOf("orders", "byCustomer").recent()).isEqualTo(new Statistics(1, 0, 0, 0));
    }

    @Test
    void aForgottenIndexHasNoFiguresAndStartsAfreshWhenRecordedAgain() {
        metrics.record("orders", "byCustomer", 30);
        metrics.record("orders", "byStatus", 5);

        metrics.forget("orders", "byCustomer");
        assertThat(metrics.snapshot("orders", "byCustomer")).isEmpty();
        assertThat(metrics.snapshot()).extracting(Snapshot::indexName).containsExactly("byStatus");

        metrics.record("orders", "byCustomer", 8);
        assertThat(snapshotOf("orders", "byCustomer").sinceStart()).isEqualTo(new Statistics(1, 8, 8, 8));
    }

    @Test
    void forgettingAnIndexThatWasNeverRecordedIsHarmless() {
        metrics.forget("orders", "byNothing");

        assertThat(metrics.snapshot()).isEmpty();
    }

    @Test
    void concurrentRecordersAndReadersLoseNoDelta() throws Exception {
        int threads = 4;
        int perThread = 200_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        try {
            List<Callable<Void>> recorders = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                recorders.add(() -> {
                    for (int i = 0; i < perThread; i++) {
                        metrics.record("orders", "byCustomer", i % 100);
                        if (i % 50_000 == 0) {
                            advance(Duration.ofSeconds(1)); // slices close while others record
                        }
                    }
                    return null;
                });
            }
            Future<?> reader = pool.submit(() -> {
                for (int i = 0; i < 1_000; i++) {
                    metrics.snapshot();
                }
            });
            for (Future<Void> f : pool.invokeAll(recorders)) {
                f.get();
            }
            reader.get();
        } finally {
            pool.shutdown();
        }

        Snapshot s = snapshotOf("orders", "byCustomer");
        assertThat(s.sinceStart().count()).isEqualTo((long) threads * perThread);
        assertThat(s.recent().count()).isEqualTo((long) threads * perThread);
        assertThat(s.sumMillis()).isEqualTo((long) threads * (perThread / 100) * (99 * 100 / 2));
    }
}
