package dev.dynalog.app;

import java.io.PrintWriter;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dynalog hot-keys --table T}: the partition keys and log partitions of a table that took
 * the most capacity on a node in the last minute, read from its {@code GET /metrics}: the
 * hot-partition problem made visible.
 *
 * <pre>
 * table Orders on http://localhost:8000, last 60 s: 1204.0 read units, 6020.5 write units
 *
 * rank  write units  partition key
 *    1       5100.0  S:customer#17
 *
 * log partition  read units  write units  share
 * 0                   300.0       5400.0    79%
 * </pre>
 */
@Command(name = "hot-keys", mixinStandardHelpOptions = true,
        description = "Prints the partition keys and log partitions of a table that took the most capacity in the "
                + "last minute (from GET /metrics).")
public final class HotKeysCommand implements Callable<Integer> {
    private static final String TABLE_UNITS = "dynalog_table_capacity_units";
    private static final String PARTITION_UNITS = "dynalog_partition_capacity_units";
    private static final String HOT_KEY_UNITS = "dynalog_hot_key_capacity_units";

    @Option(names = "--endpoint", defaultValue = "http://localhost:8000",
            description = "The node's DynamoDB endpoint (default: ${DEFAULT-VALUE}).")
    URI endpoint;
    @Option(names = "--table", required = true, description = "The table.")
    String table;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        Optional<MetricsScrape> scraped = MetricsScrape.readOrTell(endpoint, spec.commandLine().getErr());
        if (scraped.isEmpty()) {
            return 1;
        }
        MetricsScrape metrics = scraped.get();
        List<MetricsScrape.Sample> samples = metrics.samples(TABLE_UNITS, PARTITION_UNITS, HOT_KEY_UNITS).stream()
                .filter(s -> table.equals(s.label("table"))).toList();
        double reads = total(samples, "read");
        double writes = total(samples, "write");
        if (samples.isEmpty()) {
            out.println("Table " + table + " consumed no capacity on " + endpoint + " in the last minute.");
            out.flush();
            return 0;
        }
        out.printf("table %s on %s, last 60 s: %.1f read units, %.1f write units%n", table, endpoint, reads, writes);
        for (String operation : List.of("read", "write")) {
            List<MetricsScrape.Sample> keys = samples.stream()
                    .filter(s -> s.name().equals(HOT_KEY_UNITS) && operation.equals(s.label("operation"))).toList();
            out.println();
            if (keys.isEmpty()) {
                out.println("No partition key is certainly among the most " + operation + " ones.");
                continue;
            }
            TextTable rows = new TextTable("rrl", "rank", operation + " units", "partition key");
            keys.forEach(s -> rows.add(s.label("rank"), String.format("%.1f", s.value()), s.label("key")));
            rows.print(out);
        }
        Map<Integer, double[]> partitions = new TreeMap<>();
        for (MetricsScrape.Sample s : samples) {
            if (s.name().equals(PARTITION_UNITS)) {
                partitions.computeIfAbsent(Integer.parseInt(s.label("partition")), p -> new double[2])
                        ["read".equals(s.label("operation")) ? 0 : 1] += s.value();
            }
        }
        out.println();
        TextTable rows = new TextTable("lrrr", "log partition", "read units", "write units", "share");
        double all = reads + writes;
        partitions.forEach((p, units) -> rows.add(Integer.toString(p), String.format("%.1f", units[0]),
                String.format("%.1f", units[1]), all == 0 ? "-" : String.format("%.0f%%", 100 * (units[0] + units[1]) / all)));
        rows.print(out);
        out.println("Keys: up to 10 per operation, only those certainly among the most used (a frequent-items sketch, "
                + "exact while a table has few keys); partitions and totals are exact; scans count in the totals only.");
        out.flush();
        return 0;
    }

    private static double total(List<MetricsScrape.Sample> samples, String operation) {
        return samples.stream().filter(s -> s.name().equals(TABLE_UNITS) && operation.equals(s.label("operation")))
                .mapToDouble(MetricsScrape.Sample::value).sum();
    }
}
