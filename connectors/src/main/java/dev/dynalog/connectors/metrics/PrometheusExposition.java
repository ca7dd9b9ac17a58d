package dev.dynalog.connectors.metrics;

import dev.dynalog.connectors.dynamodb.HotKeys;
import dev.dynalog.streams.index.IndexLagMetrics;
import dev.dynalog.streams.index.IndexLagMetrics.Snapshot;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The node's metrics in Prometheus' text exposition format (version 0.0.4), served as
 * {@code GET /metrics} on the DynamoDB endpoint:
 *
 * <pre>
 * # TYPE dynalog_gsi_lag_milliseconds summary
 * dynalog_gsi_lag_milliseconds{table="orders",index="byCustomer",quantile="0.5"} 12
 * dynalog_gsi_lag_milliseconds{table="orders",index="byCustomer",quantile="0.99"} 40
 * dynalog_gsi_lag_milliseconds_sum{table="orders",index="byCustomer"} 51234
 * dynalog_gsi_lag_milliseconds_count{table="orders",index="byCustomer"} 4100
 * # TYPE dynalog_gsi_lag_milliseconds_max gauge
 * dynalog_gsi_lag_milliseconds_max{table="orders",index="byCustomer"} 80
 * </pre>
 *
 * As Prometheus' own client libraries do for summaries, the quantiles cover a recent window
 * ({@link IndexLagMetrics#WINDOW}) while {@code _count} and {@code _sum} count since the node
 * started, so {@code rate(_sum) / rate(_count)} is the mean lag; quantiles are NaN when the
 * window saw no delta. The max is a gauge of its own, as Micrometer exports it, over the same
 * window (0 when the window is empty).
 */
public final class PrometheusExposition {
    /** The Content-Type of the text format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    public static final String GSI_LAG = "dynalog_gsi_lag_milliseconds";

    public static final String COMMANDS = "dynalog_commands_appended_total";
    public static final String RECORDS = "dynalog_command_records_appended_total";
    public static final String TABLE_UNITS = "dynalog_table_capacity_units";
    public static final String PARTITION_UNITS = "dynalog_partition_capacity_units";
    public static final String HOT_KEY_UNITS = "dynalog_hot_key_capacity_units";
    /** Hottest keys a table shows per operation. */
    public static final int HOT_KEYS = 10;

    /** What this node's front door has appended to the command log since it started. */
    public interface Appends {
        long commands();

        /** Log records: fewer than commands by the writes that went out together. */
        long records();

        Appends NONE = new Appends() {
            @Override
            public long commands() {
                return 0;
            }

            @Override
            public long records() {
                return 0;
            }
        };
    }

    public static final String MEMBERS = "dynalog_cluster_members";
    public static final String TASKS = "dynalog_partition_task";
    public static final String LAG = "dynalog_partition_lag_commands";
    public static final String READS = "dynalog_item_reads_total";
    public static final String READS_FOR_OTHERS = "dynalog_forwarded_item_reads_served_total";

    /** The node's application: its members and the command-log partitions each runs, and this node's lag. */
    public interface Cluster {
        /** Every member by advertised address ({@code host:port}), as of the last rebalance. */
        List<Member> members();

        /**
         * For each partition whose active task runs here, the commands in its log that this node
         * has not applied yet.
         */
        Map<Integer, Long> lag();

        record Member(String node, Set<Integer> active, Set<Integer> standby) {
        }

        /**
         * Item reads (a key of a GetItem or BatchGetItem, a partition of a Query or Scan) this
         * node's clients made, by where they were answered, and the reads other nodes forwarded here.
         */
        default Reads reads() {
            return new Reads(0, 0, 0, 0);
        }

        record Reads(long active, long standby, long forwarded, long forOtherNodes) {
        }

        Cluster NONE = new Cluster() {
            @Override
            public List<Member> members() {
                return List.of();
            }

            @Override
            public Map<Integer, Long> lag() {
                return Map.of();
            }
        };
    }

    private final IndexLagMetrics indexLag;
    private final Appends appends;
    private final HotKeys hotKeys;
    private final Cluster cluster;

    public PrometheusExposition(IndexLagMetrics indexLag, Appends appends, HotKeys hotKeys) {
        this(indexLag, appends, hotKeys, Cluster.NONE);
    }

    public PrometheusExposition(IndexLagMetrics indexLag, Appends appends, HotKeys hotKeys, Cluster cluster) {
        this.indexLag = indexLag;
        this.appends = appends;
        this.hotKeys = hotKeys;
        this.cluster = cluster;
    }

    public PrometheusExposition(IndexLagMetrics indexLag) {
        this(indexLag, Appends.NONE, new HotKeys(System::nanoTime));
    }

    /** Every metric as of now. */
    public String render() {
        List<Snapshot> lags = indexLag.snapshot();
        StringBuilder out = new StringBuilder(256 + lags.size() * 512);
        long windowSeconds = IndexLagMetrics.WINDOW.toSeconds();
        out.append("# HELP ").append(GSI_LAG).append(" Time from a base table write's log timestamp until its change is ")
                .append("applied to the global secondary index: quantiles over the last ").append(windowSeconds)
                .append(" s, count and sum since the node started.\n");
        out.append("# TYPE ").append(GSI_LAG).append(" summary\n");
        for (Snapshot s : lags) {
            String labels = labels(s);
            boolean empty = s.recent().count() == 0;
            quantile(out, labels, "0.5", empty ? "NaN" : Long.toString(s.recent().p50()));
            quantile(out, labels, "0.99", empty ? "NaN" : Long.toString(s.recent().p99()));
            out.append(GSI_LAG).append("_sum{").append(labels).append("} ").append(s.sumMillis()).append('\n');
            out.append(GSI_LAG).append("_count{").append(labels).append("} ").append(s.sinceStart().count()).append('\n');
        }
        out.append("# HELP ").append(GSI_LAG).append("_max The largest global secondary index lag over the last ")
                .append(windowSeconds).append(" s.\n");
        out.append("# TYPE ").append(GSI_LAG).append("_max gauge\n");
        for (Snapshot s : lags) {
            out.append(GSI_LAG).append("_max{").append(labels(s)).append("} ").append(s.recent().max()).append('\n');
        }
        counter(out, COMMANDS, "Commands this node appended to the command log.", appends.commands());
        counter(out, RECORDS, "Command log records those commands took (writes that arrive together share one).",
                appends.records());
        hotKeys(out);
        cluster(out);
        return out.toString();
    }

    /**
     * Membership: one sample per member and partition it runs, with its role; this node's lag per
     * partition it runs actively. {@code dynalog status} reads these from every member.
     */
    private void cluster(StringBuilder out) {
        List<Cluster.Member> members = cluster.members();
        gauge(out, MEMBERS, "Members of this node's application, as of the last rebalance.");
        out.append(MEMBERS).append(' ').append(members.size()).append('\n');
        gauge(out, TASKS, "Command-log partitions each member runs, by role (active or standby), as of the last rebalance.");
        for (Cluster.Member m : members) {
            m.active().forEach(p -> task(out, m.node(), p, "active"));
            m.standby().forEach(p -> task(out, m.node(), p, "standby"));
            if (m.active().isEmpty() && m.standby().isEmpty()) {
                task(out, m.node(), -1, "none");
            }
        }
        gauge(out, LAG, "Commands in each command-log partition this node runs actively that it has not applied yet.");
        cluster.lag().forEach((p, lag) -> out.append(LAG).append("{partition=\"").append(p).append("\"} ").append(lag)
                .append('\n'));
        Cluster.Reads reads = cluster.reads();
        out.append("# HELP ").append(READS).append(" Item reads of this node's clients (a GetItem's or BatchGetItem's key, ")
                .append("a Query's or Scan's partition) by where they were answered: this node's active task, its ")
                .append("standby copy (eventually consistent reads), or the node running the active task.\n");
        out.append("# TYPE ").append(READS).append(" counter\n");
        // As Prometheus' client libraries do, a labelled series appears once it has counted something.
        readSample(out, "active", reads.active());
        readSample(out, "standby", reads.standby());
        readSample(out, "forwarded", reads.forwarded());
        counter(out, READS_FOR_OTHERS, "Item reads other nodes forwarded to this node's active tasks (a scan: each chunk).",
                reads.forOtherNodes());
    }

    private static void readSample(StringBuilder out, String servedBy, long count) {
        if (count > 0) {
            out.append(READS).append("{served_by=\"").append(servedBy).append("\"} ").append(count).append('\n');
        }
    }

    private static void task(StringBuilder out, String node, int partition, String role) {
        out.append(TASKS).append("{node=\"").append(escape(node)).append("\",partition=\"").append(partition)
                .append("\",role=\"").append(role).append("\"} 1\n");
    }

    /** The hot-key report of every table used in the last minute (see {@link HotKeys}). */
    private void hotKeys(StringBuilder out) {
        long window = HotKeys.WINDOW.toSeconds();
        List<HotKeys.Report> reports = hotKeys.tables().stream().map(t -> hotKeys.report(t, HOT_KEYS)).toList();
        gauge(out, TABLE_UNITS, "Capacity units each table consumed on this node over the last " + window + " s.");
        for (HotKeys.Report r : reports) {
            String table = "table=\"" + escape(r.table()) + "\"";
            out.append(TABLE_UNITS).append('{').append(table).append(",operation=\"read\"} ").append(r.readUnits()).append('\n');
            out.append(TABLE_UNITS).append('{').append(table).append(",operation=\"write\"} ").append(r.writeUnits()).append('\n');
        }
        gauge(out, PARTITION_UNITS, "Capacity units each table consumed per log partition on this node over the last "
                + window + " s.");
        for (HotKeys.Report r : reports) {
            r.partitions().forEach((p, units) -> {
                String labels = "table=\"" + escape(r.table()) + "\",partition=\"" + p + "\"";
                out.append(PARTITION_UNITS).append('{').append(labels).append(",operation=\"read\"} ").append(units.read()).append('\n');
                out.append(PARTITION_UNITS).append('{').append(labels).append(",operation=\"write\"} ").append(units.write()).append('\n');
            });
        }
        gauge(out, HOT_KEY_UNITS, "Capacity units of each table's hottest partition keys on this node over the last "
                + window + " s: up to " + HOT_KEYS + " keys that are certainly among the most frequent, by rank.");
        for (HotKeys.Report r : reports) {
            hotKeyRows(out, r.table(), "read", r.readKeys());
            hotKeyRows(out, r.table(), "write", r.writeKeys());
        }
    }

    private static void hotKeyRows(StringBuilder out, String table, String operation, List<HotKeys.KeyUnits> keys) {
        for (int i = 0; i < keys.size(); i++) {
            out.append(HOT_KEY_UNITS).append("{table=\"").append(escape(table)).append("\",operation=\"").append(operation)
                    .append("\",rank=\"").append(i + 1).append("\",key=\"").append(escape(keys.get(i).key())).append("\"} ")
                    .append(keys.get(i).units()).append('\n');
        }
    }

    private static void gauge(StringBuilder out, String name, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" gauge\n");
    }

    private static void counter(StringBuilder out, String name, String help, long value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" counter\n");
        out.append(name).append(' ').append(value).append('\n');
    }

    private static void quantile(StringBuilder out, String labels, String quantile, String value) {
        out.append(GSI_LAG).append('{').append(labels).append(",quantile=\"").append(quantile).append("\"} ")
                .append(value).append('\n');
    }

    private static String labels(Snapshot s) {
        return "table=\"" + escape(s.tableName()) + "\",index=\"" + escape(s.indexName()) + "\"";
    }

    /** Label values escape backslash, double quote and line feed (the format's only escapes). */
    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
