package dev.dynalog.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/** Runs a workload with N closed-loop threads: warm-up, then a measured period. */
final class WorkloadRunner {
    private final int threads;
    private final double warmupSeconds;
    private final double seconds;
    private final String payload;
    private final KeyChooser keys;
    private final long queryPartitions;
    private final Transactions transactions;

    WorkloadRunner(int threads, double warmupSeconds, double seconds, int itemSize, KeyChooser keys, long queryPartitions,
                   Transactions transactions) {
        this.threads = threads;
        this.warmupSeconds = warmupSeconds;
        this.seconds = seconds;
        this.payload = "x".repeat(Math.max(1, itemSize - 40)); // key, version and names make up the rest of ~itemSize
        this.keys = keys;
        this.queryPartitions = queryPartitions;
        this.transactions = transactions;
    }

    Result run(Workload workload, ServerProcess server, String clientName, Supplier<DynamoDbClientApi> clients)
            throws Exception {
        Recorder recorder = new Recorder(3);
        AtomicLong ops = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong stale = new AtomicLong();
        AtomicLong conflicts = new AtomicLong();
        AtomicLong cancelledByCondition = new AtomicLong();
        AtomicLong resent = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        long start = System.nanoTime();
        long measureFrom = start + (long) (warmupSeconds * 1e9);
        long end = measureFrom + (long) (seconds * 1e9);
        long[] cpuAtStart = {-1};
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                try (DynamoDbClientApi client = clients.get()) {
                    Workload.Context c = new Workload.Context(client, keys, queryPartitions, payload, thread,
                            new SplittableRandom(31L * thread + workload.ordinal()), new long[] {thread * 1_000_000_000L},
                            new String[1], transactions, new long[1]);
                    while (true) {
                        long before = System.nanoTime();
                        if (before >= end) {
                            return;
                        }
                        boolean measured = before >= measureFrom;
                        c.resent()[0] = 0;
                        try {
                            boolean fresh = workload.run(c);
                            long micros = (System.nanoTime() - before) / 1000;
                            if (measured) {
                                recorder.recordValue(Math.max(1, micros));
                                ops.incrementAndGet();
                                resent.addAndGet(c.resent()[0]);
                                if (!fresh) {
                                    stale.incrementAndGet();
                                }
                            }
                        } catch (Transactions.Cancelled e) {
                            if (measured) {
                                (e.byCondition() ? cancelledByCondition : conflicts).incrementAndGet();
                            }
                        } catch (RuntimeException e) {
                            if (measured) {
                                errors.incrementAndGet();
                            }
                            firstError.compareAndSet(null, e.toString());
                        }
                    }
                }
            }));
        }
        long untilMeasure = measureFrom - System.nanoTime();
        if (untilMeasure > 0) {
            Thread.sleep(untilMeasure / 1_000_000, (int) (untilMeasure % 1_000_000));
        }
        recorder.getIntervalHistogram(); // drop anything recorded during warm-up
        cpuAtStart[0] = server.cpuMillis();
        for (Future<?> f : futures) {
            f.get();
        }
        long cpuAtEnd = server.cpuMillis();
        pool.shutdown();
        Histogram h = recorder.getIntervalHistogram();
        long cpu = cpuAtStart[0] < 0 || cpuAtEnd < 0 ? -1 : cpuAtEnd - cpuAtStart[0];
        return new Result(workload, server.name(), clientName, ops.get(), seconds, h, errors.get(), stale.get(), cpu,
                firstError.get(), conflicts.get(), cancelledByCondition.get(), resent.get());
    }
}
