package dev.dynalog.bench;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples a server's resident memory every second while it runs, so the report shows the peak
 * under load and not only the figure at the end.
 */
final class RssSampler implements AutoCloseable {
    private final AtomicLong peak = new AtomicLong(-1);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rss-sampler");
        t.setDaemon(true);
        return t;
    });

    RssSampler(ServerProcess server) {
        timer.scheduleAtFixedRate(() -> peak.accumulateAndGet(server.rssBytes(), Math::max), 0, 1, TimeUnit.SECONDS);
    }

    long peakBytes() {
        return peak.get();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
