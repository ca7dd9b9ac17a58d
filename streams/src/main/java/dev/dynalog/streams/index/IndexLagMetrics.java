package dev.dynalog.streams.index;

import java.time.Clock;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * How far each global secondary index trails its base table: for every index delta the GSI
 * materializer applies, the time from the base command's log timestamp (about when the write was
 * acknowledged) until the delta is applied to the index store, by table and index. This is the
 * "index lag" DESIGN.md promises to measure and export. The {@link IndexMaterializer} records
 * into it as its {@link IndexLagRecorder}; {@code GET /metrics} and {@code dynalog index-lag}
 * read it.
 *
 * <p>Recording runs on the stream threads, once per applied delta, so it takes no lock and waits
 * for nothing: two map lookups, a clock read, a lock-free {@link Recorder} (several stream threads
 * may record for the same index) and a {@link LongAdder}. Once per slice (10 s) per index, the
 * first recording thread to notice also closes the slice, under a {@code tryLock} that gives up
 * instead of waiting when a reader holds it.
 *
 * <p>Figures are kept to two significant digits (HdrHistogram): exact below 256 ms, within 1 %
 * above. Recent figures cover the slices that began in the last {@link #WINDOW} plus the open
 * one, so between 50 and 60 s; since-start figures cover everything recorded since the node
 * started (or since the index was last {@linkplain #forget forgotten}).
 *
 * <p>This is observation, not state: it never goes through the log, and a restarted node starts
 * from nothing.
 */
public final class IndexLagMetrics implements IndexLagRecorder {
    /** How far back the recent figures reach. */
    public static final Duration WINDOW = Duration.ofSeconds(60);
    private static final long SLICE_MILLIS = 10_000;
    private static final int SIGNIFICANT_DIGITS = 2;

    /**
     * Lag figures over some period, in milliseconds; all zero when nothing was recorded.
     *
     * @param count how many deltas were applied
     * @param p50   the median lag
     * @param p99   the 99th percentile
     * @param max   the largest lag
     */
    public record Statistics(long count, long p50, long p99, long max) {
        static final Statistics NONE = new Statistics(0, 0, 0, 0);

        static Statistics of(Histogram h) {
            return h.getTotalCount() == 0 ? NONE
                    : new Statistics(h.getTotalCount(), h.getValueAtPercentile(50), h.getValueAtPercentile(99), h.getMaxValue());
        }
    }

    /**
     * One index's lag as of now.
     *
     * @param tableName  the base table
     * @param indexName  the global secondary index
     * @param recent     over the last {@link #WINDOW} (50 to 60 s)
     * @param sinceStart since the node started, or since the index was forgotten
     * @param sumMillis  the sum of all lags since start (Prometheus' {@code _sum}, for mean lags)
     */
    public record Snapshot(String tableName, String indexName, Statistics recent, Statistics sinceStart, long sumMillis) {
    }

    private final InstantSource clock;
    /** Table name, then index name. Inner maps stay when emptied, so a recorder never writes into a detached map. */
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, IndexLag>> tables = new ConcurrentHashMap<>();

    public IndexLagMetrics() {
        this(Clock.systemUTC());
    }

    /** With the given clock, which tells slices apart (tests move it by hand). */
    public IndexLagMetrics(InstantSource clock) {
        this.clock = clock;
    }

    /**
     * Notes that a delta of {@code indexName} on {@code tableName} was applied {@code lagMillis}
     * after its base command's log timestamp. A negative lag (the clocks of the broker and this
     * node disagree) counts as zero. Safe from any thread; never blocks.
     */
    @Override
    public void record(String tableName, String indexName, long lagMillis) {
        ConcurrentHashMap<String, IndexLag> indexes = tables.get(tableName);
        if (indexes == null) {
            indexes = tables.computeIfAbsent(tableName, t -> new ConcurrentHashMap<>());
        }
        IndexLag lag = indexes.get(indexName);
        if (lag == null) {
            lag = indexes.computeIfAbsent(indexName, i -> new IndexLag(clock.millis()));
        }
        lag.record(Math.max(0, lagMillis), clock.millis());
    }

    /** Drops an index's figures, e.g. once the index is deleted; a later record starts afresh. */
    @Override
    public void forget(String tableName, String indexName) {
        ConcurrentHashMap<String, IndexLag> indexes = tables.get(tableName);
        if (indexes != null) {
            indexes.remove(indexName);
        }
    }

    /** Every index that has figures, by table name and then index name. */
    public List<Snapshot> snapshot() {
        long now = clock.millis();
        List<Snapshot> all = new ArrayList<>();
        for (Map.Entry<String, ConcurrentHashMap<String, IndexLag>> table : tables.entrySet()) {
            for (Map.Entry<String, IndexLag> index : table.getValue().entrySet()) {
                all.add(index.getValue().snapshot(table.getKey(), index.getKey(), now));
            }
        }
        all.sort(Comparator.comparing(Snapshot::tableName).thenComparing(Snapshot::indexName));
        return all;
    }

    /** One index's figures; empty if nothing was recorded for it (since it was forgotten). */
    public Optional<Snapshot> snapshot(String tableName, String indexName) {
        ConcurrentHashMap<String, IndexLag> indexes = tables.get(tableName);
        IndexLag lag = indexes == null ? null : indexes.get(indexName);
        return lag == null ? Optional.empty() : Optional.of(lag.snapshot(tableName, indexName, clock.millis()));
    }

    /**
     * One index's lags. Writers record into {@link #recorder}; whoever holds {@link #lock} moves
     * what was recorded into the open slice and the since-start histogram, and closes slices.
     */
    private static final class IndexLag {
        private final Recorder recorder = new Recorder(SIGNIFICANT_DIGITS);
        private final LongAdder sumMillis = new LongAdder();
        private final ReentrantLock lock = new ReentrantLock();
        /** When the open slice ends; read without the lock so writers can skip it until then. */
        private volatile long openSliceEnd;

        // Guarded by lock.
        private Histogram interval;
        private Histogram open = newHistogram();
        /** Closed slices, oldest first; only those that began within the window are kept. */
        private final ArrayDeque<Slice> closed = new ArrayDeque<>();
        private final Histogram sinceStart = newHistogram();

        private record Slice(long startMillis, Histogram values) {
        }

        IndexLag(long now) {
            this.openSliceEnd = now + SLICE_MILLIS;
        }

        void record(long lagMillis, long now) {
            // Close the slice before recording, so that this value lands in the slice it belongs to.
            if (now >= openSliceEnd && lock.tryLock()) {
                try {
                    roll(now);
                } finally {
                    lock.unlock();
                }
            }
            recorder.recordValue(lagMillis);
            sumMillis.add(lagMillis);
        }

        Snapshot snapshot(String tableName, String indexName, long now) {
            lock.lock();
            try {
                roll(now);
                Histogram recent = newHistogram();
                recent.add(open);
                for (Slice s : closed) {
                    recent.add(s.values());
                }
                return new Snapshot(tableName, indexName, Statistics.of(recent), Statistics.of(sinceStart),
                        sumMillis.sum());
            } finally {
                lock.unlock();
            }
        }

        /**
         * Moves what was recorded into the open slice, closes it if its time is up, and drops the
         * closed slices that began before the window.
         */
        private void roll(long now) {
            interval = recorder.getIntervalHistogram(interval);
            open.add(interval);
            sinceStart.add(interval);
            boolean closing = now >= openSliceEnd;
            if (closing) {
                closed.addLast(new Slice(openSliceEnd - SLICE_MILLIS, open));
                // The next slice starts at the boundary at or before now, keeping the slices' phase
                // after an idle spell of several slices (those slices were simply empty).
                openSliceEnd += ((now - openSliceEnd) / SLICE_MILLIS + 1) * SLICE_MILLIS;
            }
            long windowStart = now - WINDOW.toMillis();
            Histogram reusable = null;
            while (!closed.isEmpty() && closed.peekFirst().startMillis() < windowStart) {
                reusable = closed.removeFirst().values();
            }
            if (closing) {
                if (reusable != null) {
                    reusable.reset();
                    open = reusable;
                } else {
                    open = newHistogram();
                }
            }
        }

        private static Histogram newHistogram() {
            return new Histogram(SIGNIFICANT_DIGITS);
        }
    }
}
