package dev.dynalog.bench;

import org.HdrHistogram.Histogram;

/** One workload's measurement against one server through one client. */
record Result(Workload workload, String server, String client, long operations, double seconds, Histogram latencyMicros,
              long errors, long staleReads, long serverCpuMillis, String firstError) {

    double throughput() {
        return operations / seconds;
    }

    double percentileMillis(double p) {
        return latencyMicros.getValueAtPercentile(p) / 1000.0;
    }

    double maxMillis() {
        return latencyMicros.getMaxValue() / 1000.0;
    }

    /** Server CPU time per operation in microseconds. */
    double cpuMicrosPerOp() {
        return operations == 0 || serverCpuMillis < 0 ? Double.NaN : serverCpuMillis * 1000.0 / operations;
    }
}
