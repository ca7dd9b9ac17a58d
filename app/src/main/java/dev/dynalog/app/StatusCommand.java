package dev.dynalog.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dynalog status}: the nodes of the cluster a node belongs to, the command-log partitions
 * each runs actively and as standby, and how many commands each active partition has still to
 * apply. Membership comes from the node asked ({@code dynalog_partition_task} in its
 * {@code GET /metrics}); each member is then asked for its own lag:
 *
 * <pre>
 * node            active  standby  lag
 * 10.0.0.1:8000   0,2     1        0:0 2:3
 * 10.0.0.2:8000   1       0,2      1:0
 * 10.0.0.3:8000   -       -        -
 * </pre>
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Prints the cluster's nodes, the partitions each runs (active, standby) and their lag.")
public final class StatusCommand implements Callable<Integer> {
    private static final String TASKS = "dynalog_partition_task";
    private static final String LAG = "dynalog_partition_lag_commands";

    @Option(names = "--endpoint", defaultValue = "http://localhost:8000",
            description = "Any node's endpoint (default: ${DEFAULT-VALUE}).")
    URI endpoint;

    @Spec
    CommandSpec spec;

    private record Roles(TreeSet<Integer> active, TreeSet<Integer> standby) {
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        MetricsScrape metrics;
        try {
            metrics = MetricsScrape.read(endpoint);
        } catch (IOException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 1;
        }
        Map<String, Roles> nodes = new TreeMap<>();
        for (MetricsScrape.Sample s : metrics.samples(TASKS)) {
            Roles roles = nodes.computeIfAbsent(s.label("node"), n -> new Roles(new TreeSet<>(), new TreeSet<>()));
            int partition = Integer.parseInt(s.label("partition"));
            switch (s.label("role")) {
                case "active" -> roles.active().add(partition);
                case "standby" -> roles.standby().add(partition);
                default -> { }
            }
        }
        if (nodes.isEmpty()) {
            out.println("The node knows no members yet (Kafka Streams has not finished its first rebalance).");
            out.flush();
            return 0;
        }
        TextTable table = new TextTable("llll", "node", "active", "standby", "lag");
        nodes.forEach((node, roles) -> table.add(node, list(roles.active()), list(roles.standby()), lag(node, roles)));
        table.print(out);
        out.println("lag: commands each active partition has not applied yet (partition:commands), as its node reports.");
        out.flush();
        return 0;
    }

    /** The member's own report of its active partitions' lag, or why there is none. */
    private String lag(String node, Roles roles) {
        if (roles.active().isEmpty()) {
            return "-";
        }
        try {
            List<MetricsScrape.Sample> lags = MetricsScrape.read(URI.create("http://" + node)).samples(LAG);
            return lags.stream().map(s -> s.label("partition") + ":" + (long) s.value()).collect(Collectors.joining(" "));
        } catch (IOException e) {
            return "unreachable";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static String list(TreeSet<Integer> partitions) {
        return partitions.isEmpty() ? "-" : partitions.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
