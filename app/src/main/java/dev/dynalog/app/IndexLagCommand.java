package dev.dynalog.app;

import java.io.PrintWriter;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dynalog index-lag}: how far each global secondary index trails its table, read from a
 * node's {@code GET /metrics} (the {@code dynalog_gsi_lag_milliseconds} summary) and printed as a
 * small table for humans:
 *
 * <pre>
 * table   index       p50 ms  p99 ms  max ms  applied
 * orders  byCustomer      12      40      80     4100
 * </pre>
 *
 * Quantiles and max cover the last minute; "applied" counts the index changes since the node
 * started. A node reports the indexes it maintains; in a cluster, ask each node.
 */
@Command(name = "index-lag", mixinStandardHelpOptions = true,
        description = "Prints how far each global secondary index trails its table (from GET /metrics).")
public final class IndexLagCommand implements Callable<Integer> {
    private static final String LAG = "dynalog_gsi_lag_milliseconds";

    @Option(names = "--endpoint", defaultValue = "http://localhost:8000",
            description = "The node's DynamoDB endpoint (default: ${DEFAULT-VALUE}).")
    URI endpoint;
    @Option(names = "--table", description = "Only this table's indexes.")
    String table;

    @Spec
    CommandSpec spec;

    /** One index's row; NaN where the node had no figure. */
    private static final class Row {
        double p50 = Double.NaN;
        double p99 = Double.NaN;
        double max = Double.NaN;
        double applied = Double.NaN;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        Optional<MetricsScrape> scraped = MetricsScrape.readOrTell(endpoint, spec.commandLine().getErr());
        if (scraped.isEmpty()) {
            return 1;
        }
        MetricsScrape metrics = scraped.get();
        Map<List<String>, Row> rows = rows(metrics);
        if (rows.isEmpty()) {
            out.println(table == null ? "No global secondary index has applied a change since the node started."
                    : "No global secondary index of table " + table + " has applied a change since the node started.");
            out.flush();
            return 0;
        }
        TextTable cells = new TextTable("llrrrr", "table", "index", "p50 ms", "p99 ms", "max ms", "applied");
        // An index idle for the whole minute has no quantiles; its max of 0 would read as "no lag".
        rows.forEach((key, row) -> cells.add(key.get(0), key.get(1), number(row.p50), number(row.p99),
                Double.isNaN(row.p50) ? "-" : number(row.max), number(row.applied)));
        cells.print(out);
        out.println("p50, p99 and max over the last minute; applied: index changes since the node started.");
        out.flush();
        return 0;
    }

    /** The GSI lag samples by (table, index), in the node's order, keeping only --table's if given. */
    private Map<List<String>, Row> rows(MetricsScrape metrics) {
        Map<List<String>, Row> rows = new LinkedHashMap<>();
        for (MetricsScrape.Sample s : metrics.samples(LAG, LAG + "_count", LAG + "_max")) {
            if (s.label("table") == null || s.label("index") == null
                    || (table != null && !table.equals(s.label("table")))) {
                continue;
            }
            Row row = rows.computeIfAbsent(List.of(s.label("table"), s.label("index")), k -> new Row());
            switch (s.name()) {
                case LAG + "_count" -> row.applied = s.value();
                case LAG + "_max" -> row.max = s.value();
                default -> {
                    if ("0.5".equals(s.label("quantile"))) {
                        row.p50 = s.value();
                    } else if ("0.99".equals(s.label("quantile"))) {
                        row.p99 = s.value();
                    }
                }
            }
        }
        return rows;
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "-" : String.format("%.0f", value);
    }
}
