package dev.dynalog.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The {@code gsi-lag} measurement, through the DynamoDB API only, so it runs against any server:
 * writer threads put 1 KB items into a table with a global secondary index on {@code g}, each
 * put with a {@code g} of its own; for every {@value #SAMPLE_EVERY}th put, sampler threads query
 * the index for that {@code g} from the put's acknowledgement on, every
 * {@value #POLL_MILLIS} ms, until the item is there. The lag is the arrival of the first answer
 * that holds it minus the acknowledgement, as an application reading its own write through the
 * index would see it; it includes one Query's latency and up to one poll interval. Puts never
 * seen within {@link #GIVE_UP} are missing.
 *
 * <p>DynamoDB Local updates its indexes in the write itself, so its figure is about one Query's
 * latency; dynalog's GSIs are fed through Kafka, so the lag is the materializer's. After the run
 * the server's own figure (its {@code GET /metrics}, over its last minute) is read when it has
 * one.
 */
final class GsiLag {
    static final String TABLE = "benchgsi";
    static final String INDEX = "byG";
    static final int SAMPLE_EVERY = 20;
    static final int POLL_MILLIS = 5;
    private static final int SAMPLERS = 4;
    private static final Duration GIVE_UP = Duration.ofSeconds(10);

    /** A sampled put: its index key, when it was acknowledged, and when to query the index next. */
    private record Probe(String g, long acknowledgedNanos, long dueNanos) implements Delayed {
        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(dueNanos, ((Probe) other).dueNanos);
        }
    }

    /**
     * The server's own lag figures for the index, in ms, NaN where it reported none.
     *
     * @param p50 the median over the server's recent window
     * @param p99 the 99th percentile over the same window
     */
    record ServerLag(double p50, double p99) {
        static final ServerLag NONE = new ServerLag(Double.NaN, Double.NaN);

        String format(double ms) {
            return Double.isNaN(ms) ? "-" : String.format("%.0f", ms);
        }
    }

    record Result(String server, int writers, double seconds, long writes, long sampled, long missing, long queries,
                  Histogram lagMicros, ServerLag serverLag) {
        String line() {
            return String.format("gsi-lag %-8s lean  %d writers: %.0f writes/s, lag p50 %.2f ms  p95 %.2f  p99 %.2f  max %.2f"
                            + "  (%d sampled puts, missing %d, %.0f index queries/s); server p50 %s ms  p99 %s ms",
                    server, writers, writes / seconds, ms(50), ms(95), ms(99), lagMicros.getMaxValue() / 1000.0, sampled,
                    missing, queries / seconds, serverLag.format(serverLag.p50()), serverLag.format(serverLag.p99()));
        }

        String markdownRow() {
            return String.format("| %s | %d | %.0f | %d | %.2f | %.2f | %.2f | %.2f | %d | %.0f | %s | %s |%n", server, writers,
                    writes / seconds, sampled, ms(50), ms(95), ms(99), lagMicros.getMaxValue() / 1000.0, missing,
                    queries / seconds, serverLag.format(serverLag.p50()), serverLag.format(serverLag.p99()));
        }

        private double ms(double percentile) {
            return lagMicros.getValueAtPercentile(percentile) / 1000.0;
        }
    }

    private GsiLag() {
    }

    static String markdown(List<Result> results) {
        StringBuilder md = new StringBuilder("\n## GSI lag\n\nFrom a put's acknowledgement until a Query on the global "
                + "secondary index finds the item (lean client, 1 KB items, every " + SAMPLE_EVERY + "th put sampled, "
                + "polled every " + POLL_MILLIS + " ms), and the server's own figure from its GET /metrics "
                + "(last minute; - when it has none).\n\n"
                + "| server | writers | writes/s | sampled puts | lag p50 ms | p95 ms | p99 ms | max ms | missing "
                + "| index queries/s | server p50 ms | server p99 ms |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        results.forEach(r -> md.append(r.markdownRow()));
        return md.toString();
    }

    static Result run(ServerProcess server, int threads, double warmupSeconds, double seconds, String payload)
            throws Exception {
        try (LeanClient setup = new LeanClient(server.endpoint())) {
            setup.createTableWithIndex(TABLE, INDEX);
        }
        long start = System.nanoTime();
        long measureFrom = start + (long) (warmupSeconds * 1e9);
        long end = measureFrom + (long) (seconds * 1e9);
        Recorder lag = new Recorder(3);
        AtomicLong writes = new AtomicLong();
        AtomicLong sampled = new AtomicLong();
        AtomicLong missing = new AtomicLong();
        AtomicLong queries = new AtomicLong();
        AtomicLong outstanding = new AtomicLong();
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicBoolean failed = new AtomicBoolean(); // any thread's failure stops them all
        DelayQueue<Probe> probes = new DelayQueue<>();

        ExecutorService pool = Executors.newFixedThreadPool(threads + SAMPLERS);
        List<Future<?>> samplers = new ArrayList<>();
        for (int s = 0; s < SAMPLERS; s++) {
            samplers.add(pool.submit(() -> {
                try (LeanClient client = new LeanClient(server.endpoint())) {
                    while (!failed.get() && (writing.get() || outstanding.get() > 0)) {
                        Probe p = probes.poll(100, TimeUnit.MILLISECONDS);
                        if (p == null) {
                            continue;
                        }
                        int found = client.queryIndexCount(TABLE, INDEX, p.g());
                        long answered = System.nanoTime();
                        queries.incrementAndGet();
                        if (found > 0) {
                            lag.recordValue(Math.max(1, (answered - p.acknowledgedNanos()) / 1000));
                            outstanding.decrementAndGet();
                        } else if (answered - p.acknowledgedNanos() > GIVE_UP.toNanos()) {
                            missing.incrementAndGet();
                            outstanding.decrementAndGet();
                        } else {
                            probes.add(new Probe(p.g(), p.acknowledgedNanos(), answered + POLL_MILLIS * 1_000_000L));
                        }
                    }
                } catch (RuntimeException e) {
                    failed.set(true);
                    throw e;
                }
                return null;
            }));
        }
        List<Future<?>> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            writers.add(pool.submit(() -> {
                try (LeanClient client = new LeanClient(server.endpoint())) {
                    for (long n = 0; System.nanoTime() < end && !failed.get(); n++) {
                        String key = thread + "-" + n;
                        client.putIndexed(TABLE, "p" + key, "g" + key, payload);
                        long acknowledged = System.nanoTime();
                        if (acknowledged >= measureFrom && acknowledged < end) {
                            writes.incrementAndGet();
                            if (n % SAMPLE_EVERY == 0) {
                                sampled.incrementAndGet();
                                outstanding.incrementAndGet();
                                probes.add(new Probe("g" + key, acknowledged, acknowledged));
                            }
                        }
                    }
                } catch (RuntimeException e) {
                    failed.set(true);
                    throw e;
                }
                return null;
            }));
        }
        try {
            for (Future<?> w : writers) {
                w.get();
            }
        } finally {
            writing.set(false); // samplers finish the outstanding probes (each gives up after GIVE_UP), then stop
            try {
                for (Future<?> s : samplers) {
                    s.get();
                }
            } finally {
                pool.shutdownNow();
            }
        }
        // writes were counted over the measured period only
        return new Result(server.name(), threads, seconds, writes.get(), sampled.get(), missing.get(), queries.get(),
                lag.getIntervalHistogram(), serverLag(server.endpoint()));
    }

    private static final Pattern QUANTILE = Pattern.compile(
            "^dynalog_gsi_lag_milliseconds\\{table=\"" + TABLE + "\",index=\"" + INDEX + "\",quantile=\"([0-9.]+)\"} (\\S+)$",
            Pattern.MULTILINE);

    /** The server's p50 and p99 for the index from its GET /metrics; NONE if it has no such endpoint or figure. */
    private static ServerLag serverLag(URI endpoint) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint.resolve("/metrics"))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return ServerLag.NONE;
            }
            double p50 = Double.NaN;
            double p99 = Double.NaN;
            Matcher m = QUANTILE.matcher(r.body());
            while (m.find()) {
                if (m.group(1).equals("0.5")) {
                    p50 = Double.parseDouble(m.group(2));
                } else if (m.group(1).equals("0.99")) {
                    p99 = Double.parseDouble(m.group(2));
                }
            }
            return new ServerLag(p50, p99);
        } catch (Exception e) {
            return ServerLag.NONE;
        }
    }
}
