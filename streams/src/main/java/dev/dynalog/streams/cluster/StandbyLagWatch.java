package dev.dynalog.streams.cluster;

import dev.dynalog.streams.TopicNames;
import dev.dynalog.streams.topology.TableStreams;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.LagInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds {@link StandbyFreshness} from Kafka Streams' lag information on a timer of its own: the
 * lags cost the broker a ListOffsets request, too dear for every read. A refresh that fails
 * (a rebalance, an unreachable broker) records nothing, so the standbys' freshness ages out and
 * their reads go to the active tasks.
 */
public final class StandbyLagWatch implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StandbyLagWatch.class);

    private final TableStreams streams;
    private final TopicNames topics;
    private final ToLongFunction<TopicPartition> committedOffsets;
    private final StandbyFreshness freshness;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dynalog-standby-lag");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param committedOffsets the application's committed offset of a command-log partition (the
     *                         next command to process after a restart), or -1
     */
    public StandbyLagWatch(TableStreams streams, TopicNames topics, ToLongFunction<TopicPartition> committedOffsets,
                           StandbyFreshness freshness) {
        this.streams = streams;
        this.topics = topics;
        this.committedOffsets = committedOffsets;
        this.freshness = freshness;
    }

    /** Refreshes every {@code interval}, from now on. */
    public StandbyLagWatch every(Duration interval) {
        timer.scheduleWithFixedDelay(this::refreshQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            log.debug("no standby lags this time", e);
        }
    }

    /** One observation: committed offsets first, then the stores' positions and their changelogs' ends. */
    public void refresh() {
        Set<Integer> standbys = streams.standbyPartitions(topics.commandLog());
        if (standbys.isEmpty()) {
            freshness.observe(System.nanoTime(), Map.of(), Map.of()); // no request to the broker
            return;
        }
        Map<Integer, Long> committed = new HashMap<>();
        for (int p : standbys) {
            committed.put(p, committedOffsets.applyAsLong(new TopicPartition(topics.commandLog(), p)));
        }
        long at = System.nanoTime();
        Map<Integer, List<StandbyFreshness.ChangelogLag>> lags = new HashMap<>();
        streams.commandStoreLags(standbys).forEach((p, stores) -> lags.put(p, stores.stream()
                .map((LagInfo l) -> new StandbyFreshness.ChangelogLag(l.currentOffsetPosition(), l.endOffsetPosition()))
                .toList()));
        freshness.observe(at, lags, committed);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
