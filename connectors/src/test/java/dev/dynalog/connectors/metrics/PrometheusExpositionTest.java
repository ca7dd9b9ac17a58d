package dev.dynalog.connectors.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynalog.connectors.dynamodb.HotKeys;
import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.streams.index.IndexLagMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PrometheusExpositionTest {
    private final AtomicLong now = new AtomicLong(1_700_000_000_000L);
    private final IndexLagMetrics lag = new IndexLagMetrics(() -> Instant.ofEpochMilli(now.get()));
    private final PrometheusExposition exposition = new PrometheusExposition(lag);

    @Test
    void eachIndexIsASummaryWithMedianP99SumCountAndAMaxGauge() {
        for (long ms = 1; ms <= 100; ms++) {
            lag.record("orders", "byCustomer", ms);
        }

        assertThat(exposition.render()).isEqualTo("""
                # HELP dynalog_gsi_lag_milliseconds Time from a base table write's log timestamp until its change is \
                applied to the global secondary index: quantiles over the last 60 s, count and sum since the node started.
                # TYPE dynalog_gsi_lag_milliseconds summary
                dynalog_gsi_lag_milliseconds{table="orders",index="byCustomer",quantile="0.5"} 50
                dynalog_gsi_lag_milliseconds{table="orders",index="byCustomer",quantile="0.99"} 99
                dynalog_gsi_lag_milliseconds_sum{table="orders",index="byCustomer"} 5050
                dynalog_gsi_lag_milliseconds_count{table="orders",index="byCustomer"} 100
                # HELP dynalog_gsi_lag_milliseconds_max The largest global secondary index lag over the last 60 s.
                # TYPE dynalog_gsi_lag_milliseconds_max gauge
                dynalog_gsi_lag_milliseconds_max{table="orders",index="byCustomer"} 100
                # HELP dynalog_commands_appended_total Commands this node appended to the command log.
                # TYPE dynalog_commands_appended_total counter
                dynalog_commands_appended_total 0
                # HELP dynalog_command_records_appended_total Command log records those commands took (writes that \
                arrive together share one).
                # TYPE dynalog_command_records_appended_total counter
                dynalog_command_records_appended_total 0
                # HELP dynalog_table_capacity_units Capacity units each table consumed on this node over the last 60 s.
                # TYPE dynalog_table_capacity_units gauge
                # HELP dynalog_partition_capacity_units Capacity units each table consumed per log partition on this \
                node over the last 60 s.
                # TYPE dynalog_partition_capacity_units gauge
                # HELP dynalog_hot_key_capacity_units Capacity units of each table's hottest partition keys on this \
                node over the last 60 s: up to 10 keys that are certainly among the most frequent, by rank.
                # TYPE dynalog_hot_key_capacity_units gauge
                # HELP dynalog_cluster_members Members of this node's application, as of the last rebalance.
                # TYPE dynalog_cluster_members gauge
                dynalog_cluster_members 0
                # HELP dynalog_partition_task Command-log partitions each member runs, by role (active or standby), \
                as of the last rebalance.
                # TYPE dynalog_partition_task gauge
                # HELP dynalog_partition_lag_commands Commands in each command-log partition this node runs actively \
                that it has not applied yet.
                # TYPE dynalog_partition_lag_commands gauge
                # HELP dynalog_item_reads_total Item reads of this node's clients (a GetItem's or BatchGetItem's key, \
                a Query's or Scan's partition) by where they were answered: this node's active task, its standby copy \
                (eventually consistent reads), or the node running the active task.
                # TYPE dynalog_item_reads_total counter
                # HELP dynalog_forwarded_item_reads_served_total Item reads other nodes forwarded to this node's \
                active tasks (a scan: each chunk).
                # TYPE dynalog_forwarded_item_reads_served_total counter
                dynalog_forwarded_item_reads_served_total 0
                """);
    }

    @Test
    void theCommandsAppendedAndTheRecordsTheyTookAreCounters() {
        PrometheusExposition counting = new PrometheusExposition(lag, new PrometheusExposition.Appends() {
            @Override
            public long commands() {
                return 1000;
            }

            @Override
            public long records() {
                return 40;
            }
        }, new HotKeys(System::nanoTime));

        assertThat(counting.render()).contains("\ndynalog_commands_appended_total 1000\n")
                .contains("\ndynalog_command_records_appended_total 40\n");
    }

    @Test
    void itemReadsAreCountedByWhereTheyWereAnswered() {
        PrometheusExposition.Cluster cluster = new PrometheusExposition.Cluster() {
            @Override
            public List<Member> members() {
                return List.of();
            }

            @Override
            public Map<Integer, Long> lag() {
                return Map.of();
            }

            @Override
            public Reads reads() {
                return new Reads(7, 5, 3, 2);
            }
        };
        String text = new PrometheusExposition(lag, PrometheusExposition.Appends.NONE,
                new HotKeys(() -> now.get() * 1_000_000L), cluster).render();

        assertThat(text).contains("\ndynalog_item_reads_total{served_by=\"active\"} 7\n")
                .contains("\ndynalog_item_reads_total{served_by=\"standby\"} 5\n")
                .contains("\ndynalog_item_reads_total{served_by=\"forwarded\"} 3\n")
                .contains("\ndynalog_forwarded_item_reads_served_total 2\n");
    }

    @Test
    void withoutAnyIndexOnlyTheFamiliesAreDeclared() {
        assertThat(exposition.render()).doesNotContain("{").contains("# TYPE dynalog_gsi_lag_milliseconds summary");
    }

    @Test
    void anIndexIdleForLongerThanTheWindowHasNaNQuantilesAndKeepsItsCount() {
        lag.record("orders", "byCustomer", 15);
        now.addAndGet(Duration.ofMinutes(5).toMillis());

        assertThat(exposition.render())
                .contains("dynalog_gsi_lag_milliseconds{table=\"orders\",index=\"byCustomer\",quantile=\"0.5\"} NaN\n")
                .contains("dynalog_gsi_lag_milliseconds_count{table=\"orders\",index=\"byCustomer\"} 1\n")
                .contains("dynalog_gsi_lag_milliseconds_max{table=\"orders\",index=\"byCustomer\"} 0\n");
    }

    @Test
    void eachTableUsedInTheLastMinuteShowsItsUnitsByPartitionAndItsHottestKeysByRank() {
        HotKeys hot = new HotKeys(() -> now.get() * 1_000_000L);
        hot.record("orders", 3, new AttributeValue.S("c\"1"), 5, true);
        hot.record("orders", 3, new AttributeValue.S("c2"), 1, true);
        hot.record("orders", 0, new AttributeValue.N("9"), 0.5, false);
        String text = new PrometheusExposition(lag, PrometheusExposition.Appends.NONE, hot).render();

        assertThat(text)
                .contains("\ndynalog_table_capacity_units{table=\"orders\",operation=\"read\"} 0.5\n")
                .contains("\ndynalog_table_capacity_units{table=\"orders\",operation=\"write\"} 6.0\n")
                .contains("\ndynalog_partition_capacity_units{table=\"orders\",partition=\"3\",operation=\"write\"} 6.0\n")
                .contains("\ndynalog_partition_capacity_units{table=\"orders\",partition=\"0\",operation=\"read\"} 0.5\n")
                .contains("\ndynalog_hot_key_capacity_units{table=\"orders\",operation=\"write\",rank=\"1\",key=\"S:c\\\"1\"} 5.0\n")
                .contains("\ndynalog_hot_key_capacity_units{table=\"orders\",operation=\"write\",rank=\"2\",key=\"S:c2\"} 1.0\n")
                .contains("\ndynalog_hot_key_capacity_units{table=\"orders\",operation=\"read\",rank=\"1\",key=\"N:9\"} 0.5\n");
    }

    @Test
    void labelValuesEscapeQuotesBackslashesAndNewlines() {
        assertThat(PrometheusExposition.escape("a\"b\\c\nd")).isEqualTo("a\\\"b\\\\c\\nd");
    }
}
