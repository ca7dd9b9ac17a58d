package dev.dynalog.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    /** A sample line: name, labels, value (the exposition format's optional timestamp is not used by dynalog). */
    private static final Pattern SAMPLE = Pattern.compile("^(" + LAG + "(?:_count|_max)?)\\{(.*)\\} (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

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
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        URI metrics = endpoint.resolve("/metrics");
        HttpResponse<String> response;
        try {
            response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build().send(
                    HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            spec.commandLine().getErr().println("Could not read " + metrics + ": " + e);
            return 1;
        }
        if (response.statusCode() != 200) {
            spec.commandLine().getErr().println(metrics + " answered " + response.statusCode());
            return 1;
        }
        Map<List<String>, Row> rows = parse(response.body());
        if (rows.isEmpty()) {
            out.println(table == null ? "No global secondary index has applied a change since the node started."
                    : "No global secondary index of table " + table + " has applied a change since the node started.");
            out.flush();
            return 0;
        }
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[] {"table", "index", "p50 ms", "p99 ms", "max ms", "applied"});
        // An index idle for the whole minute has no quantiles; its max of 0 would read as "no lag".
        rows.forEach((key, row) -> cells.add(new String[] {key.get(0), key.get(1), number(row.p50), number(row.p99),
                Double.isNaN(row.p50) ? "-" : number(row.max), number(row.applied)}));
        int[] widths = new int[6];
        for (String[] line : cells) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        for (String[] line : cells) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < line.length; i++) {
                // names to the left, figures to the right
                String format = i < 2 ? "%-" + widths[i] + "s" : "%" + widths[i] + "s";
                text.append(i == 0 ? "" : "  ").append(String.format(format, line[i]));
            }
            out.println(text.toString().stripTrailing());
        }
        out.println("p50, p99 and max over the last minute; applied: index changes since the node started.");
        out.flush();
        return 0;
    }

    /** The GSI lag samples by (table, index), in the node's order, keeping only --table's if given. */
    private Map<List<String>, Row> parse(String exposition) {
        Map<List<String>, Row> rows = new LinkedHashMap<>();
        for (String line : exposition.split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            Map<String, String> labels = new HashMap<>();
            Matcher l = LABEL.matcher(m.group(2));
            while (l.find()) {
                labels.put(l.group(1), unescape(l.group(2)));
            }
            if (!labels.containsKey("table") || !labels.containsKey("index")
                    || (table != null && !table.equals(labels.get("table")))) {
                continue;
            }
            Row row = rows.computeIfAbsent(List.of(labels.get("table"), labels.get("index")), k -> new Row());
            double value = Double.parseDouble(m.group(3));
            switch (m.group(1)) {
                case LAG + "_count" -> row.applied = value;
                case LAG + "_max" -> row.max = value;
                default -> {
                    if ("0.5".equals(labels.get("quantile"))) {
                        row.p50 = value;
                    } else if ("0.99".equals(labels.get("quantile"))) {
                        row.p99 = value;
                    }
                }
            }
        }
        return rows;
    }

    /** Undoes the format's label escapes: backslash, double quote, line feed. */
    private static String unescape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                char next = value.charAt(++i);
                out.append(next == 'n' ? '\n' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "-" : String.format("%.0f", value);
    }
}
