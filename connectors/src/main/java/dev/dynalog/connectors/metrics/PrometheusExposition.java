package dev.dynalog.connectors.metrics;

import dev.dynalog.streams.index.IndexLagMetrics;
import dev.dynalog.streams.index.IndexLagMetrics.Snapshot;
import java.util.List;

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

    private final IndexLagMetrics indexLag;
    private final Appends appends;

    public PrometheusExposition(IndexLagMetrics indexLag, Appends appends) {
        this.indexLag = indexLag;
        this.appends = appends;
    }

    public PrometheusExposition(IndexLagMetrics indexLag) {
        this(indexLag, Appends.NONE);
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
        return out.toString();
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
