package dev.dynalog.bench;

import java.util.List;

/** Formats results: a line per run while it goes, then a Markdown table with ratios. */
final class Report {
    private static final long MB = 1024 * 1024;
    private Report() {
    }

    static String line(Result r) {
        return String.format("%-6s %-8s %-4s %9.0f ops/s  p50 %7.2f ms  p95 %7.2f  p99 %7.2f  max %8.2f  errors %d  stale %d  cpu %.0f us/op%s",
                r.workload().name().toLowerCase().replace('_', '-'), r.server(), r.client(), r.throughput(), r.percentileMillis(50),
                r.percentileMillis(95), r.percentileMillis(99), r.maxMillis(), r.errors(), r.staleReads(), r.cpuMicrosPerOp(),
                (r.workload().transactional() ? String.format("  conflicts %d, cancelled by condition %d (%.1f %% cancelled)",
                        r.conflicts(), r.cancelledByCondition(), r.cancelPercent()) : "")
                + (r.workload() == Workload.BATCH_WRITE ? String.format("  %.0f items/s, %d unprocessed items resent",
                        r.itemsPerSecond(), r.resent()) : "")
                + (r.firstError() == null ? "" : "  first error: " + r.firstError()));
    }

    /** The transaction workloads' own table: committed transactions per second and the cancel rates; "" without them. */
    static String transactions(List<Result> results, Transactions transactions) {
        List<Result> transactional = results.stream().filter(r -> r.workload().transactional()).toList();
        if (transactional.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("\n## Transactions\n\n").append(transactions.describe())
                .append(". `transfer`: TransactWriteItems, one conditional debit and credits; `transact-get`: TransactGetItems "
                        + "of the same items. The lean client sends no ClientRequestToken, the SDK always does.\n\n");
        md.append("| workload | server | client | committed/s | p50 ms | p99 ms | conflicts % | cancelled by condition | errors |\n");
        md.append("|---|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (Result r : transactional) {
            md.append(String.format("| %s | %s | %s | %.0f | %.2f | %.2f | %.1f | %d | %d |%n",
                    r.workload().name().toLowerCase().replace('_', '-'), r.server(), r.client(), r.throughput(),
                    r.percentileMillis(50), r.percentileMillis(99), r.conflictPercent(), r.cancelledByCondition(), r.errors()));
        }
        return md.toString();
    }

    /** batch-write's own table: BatchWriteItem calls and items per second, and the resends; "" without it. */
    static String batchWrites(List<Result> results) {
        List<Result> batches = results.stream().filter(r -> r.workload() == Workload.BATCH_WRITE).toList();
        if (batches.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("\n## Batch writes\n\n")
                .append("`batch-write`: BatchWriteItem of ").append(Workload.BATCH_ITEMS)
                .append(" puts of distinct keys; its UnprocessedItems are sent again with exponential backoff until all are "
                        + "written, so a call counts once all of its items are (ops/s above are calls).\n\n");
        md.append("| workload | server | client | calls/s | items/s | p50 ms | p99 ms | unprocessed items resent | server CPU us/item | errors |\n");
        md.append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Result r : batches) {
            md.append(String.format("| %s | %s | %s | %.0f | %.0f | %.2f | %.2f | %d | %.0f | %d |%n",
                    r.workload().name().toLowerCase().replace('_', '-'), r.server(), r.client(), r.throughput(),
                    r.itemsPerSecond(), r.percentileMillis(50), r.percentileMillis(99), r.resent(), r.cpuMicrosPerItem(),
                    r.errors()));
        }
        return md.toString();
    }

    /** A server's resident memory: after the --load-items load (-1 without), at the end, and the peak. */
    record Memory(String server, long afterLoadBytes, long endBytes, long peakBytes) {
    }

    static String markdown(List<Result> results, List<Memory> memory, long loadItems, String setup) {
        StringBuilder md = new StringBuilder("# dynalog benchmark\n\n").append(setup).append("\n\n");
        md.append("Client `lean`: one keep-alive HTTP connection per thread with prebuilt bodies. ")
                .append("Client `sdk`: the AWS SDK for Java v2 (Apache HTTP client), one client shared by all threads.\n\n");
        md.append("| workload | server | client | ops/s | p50 ms | p95 ms | p99 ms | max ms | errors | stale reads | server CPU us/op |\n");
        md.append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Result r : results) {
            md.append(String.format("| %s | %s | %s | %.0f | %.2f | %.2f | %.2f | %.2f | %d | %d | %.0f |%n",
                    r.workload().name().toLowerCase().replace('_', '-'), r.server(), r.client(), r.throughput(), r.percentileMillis(50),
                    r.percentileMillis(95), r.percentileMillis(99), r.maxMillis(), r.errors(), r.staleReads(),
                    r.cpuMicrosPerOp()));
        }
        md.append("\n");
        for (Result d : results) {
            if (!d.server().equals("dynalog")) {
                continue;
            }
            for (Result l : results) {
                if (l.server().equals("ddblocal") && l.workload() == d.workload() && l.client().equals(d.client())
                        && l.throughput() > 0) {
                    md.append(String.format("- %s (%s): dynalog/ddblocal = %.2fx throughput, p99 %.2f ms vs %.2f ms%n",
                            d.workload().name().toLowerCase().replace('_', '-'), d.client(), d.throughput() / l.throughput(),
                            d.percentileMillis(99), l.percentileMillis(99)));
                }
            }
        }
        md.append("\n| server | RSS after loading ").append(loadItems).append(" extra items | RSS at the end | peak RSS |\n");
        md.append("|---|---:|---:|---:|\n");
        for (Memory m : memory) {
            md.append(String.format("| %s | %s | %d MB | %d MB |%n", m.server(),
                    m.afterLoadBytes() < 0 ? "-" : m.afterLoadBytes() / MB + " MB", m.endBytes() / MB, m.peakBytes() / MB));
        }
        return md.toString();
    }
}
