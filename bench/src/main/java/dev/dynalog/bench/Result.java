package dev.dynalog.bench;

import org.HdrHistogram.Histogram;

/**
 * One workload's measurement against one server through one client. For the transaction
 * workloads, {@code operations} are the committed transactions; {@code conflicts} and
 * {@code cancelledByCondition} count those the server cancelled (neither operations nor errors).
 * For {@code batch-write}, {@code operations} are BatchWriteItem calls with all their items
 * written, and {@code resent} the unprocessed items they had to send again.
 */
record Result(Workload workload, String server, String client, long operations, double seconds, Histogram latencyMicros,
              long errors, long staleReads, long serverCpuMillis, String firstError, long conflicts,
              long cancelledByCondition, long resent) {

    double throughput() {
        return operations / seconds;
    }

    /** batch-write's items written per second: each of its operations counts only once all of its items are. */
    double itemsPerSecond() {
        return throughput() * Workload.BATCH_ITEMS;
    }

    /** Server CPU time per item of batch-write in microseconds, comparable with put's per operation. */
    double cpuMicrosPerItem() {
        return cpuMicrosPerOp() / Workload.BATCH_ITEMS;
    }

    double percentileMillis(double p) {
        return latencyMicros.getValueAtPercentile(p) / 1000.0;
    }

    /** Cancelled transactions (conflicts and failed conditions) as a share of all answered ones, in percent. */
    double cancelPercent() {
        long all = operations + conflicts + cancelledByCondition;
        return all == 0 ? 0 : 100.0 * (conflicts + cancelledByCondition) / all;
    }

    double conflictPercent() {
        long all = operations + conflicts + cancelledByCondition;
        return all == 0 ? 0 : 100.0 * conflicts / all;
    }

    double maxMillis() {
        return latencyMicros.getMaxValue() / 1000.0;
    }

    /** Server CPU time per operation in microseconds. */
    double cpuMicrosPerOp() {
        return operations == 0 || serverCpuMillis < 0 ? Double.NaN : serverCpuMillis * 1000.0 / operations;
    }
}
