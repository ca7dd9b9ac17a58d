package dev.dynalog.streams.index;

import dev.dynalog.streams.TopicNames;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.ToLongFunction;
import org.apache.kafka.common.TopicPartition;

/**
 * Tells when the global index updates that some commands produced have been applied: used to
 * turn a backfilled index ACTIVE only once its entries are in the index stores.
 *
 * <p>Kafka Streams commits a task's input offsets in the same transaction as its output. So once
 * the application's committed offset of a command-log partition is past a command, the index
 * updates it produced are committed in the index log; and once the committed offset of every
 * index-log partition reaches that log's last stable offset read after that, the materializer has
 * applied them.
 */
public final class IndexLogProgress {
    private static final long POLL_MILLIS = 50;

    private final TopicNames topics;
    private final int partitions;
    private final ToLongFunction<TopicPartition> committedOffset;
    private final ToLongFunction<TopicPartition> lastStableOffset;

    /**
     * @param committedOffset  the application's committed offset of a partition (next to read), or -1
     * @param lastStableOffset a partition's last stable offset (read committed end)
     */
    public IndexLogProgress(TopicNames topics, int partitions, ToLongFunction<TopicPartition> committedOffset,
                            ToLongFunction<TopicPartition> lastStableOffset) {
        this.topics = topics;
        this.partitions = partitions;
        this.committedOffset = committedOffset;
        this.lastStableOffset = lastStableOffset;
    }

    /** Waits until the index updates of the commands at these command-log offsets are applied. */
    public void awaitApplied(Map<Integer, Long> commandOffsets, Duration timeout)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Map.Entry<Integer, Long> e : commandOffsets.entrySet()) {
            awaitCommitted(new TopicPartition(topics.commandLog(), e.getKey()), e.getValue() + 1, deadline);
        }
        for (int p = 0; p < partitions; p++) {
            TopicPartition tp = new TopicPartition(topics.indexLog(), p);
            awaitCommitted(tp, lastStableOffset.applyAsLong(tp), deadline);
        }
    }

    private void awaitCommitted(TopicPartition tp, long target, long deadline)
            throws InterruptedException, TimeoutException {
        // Nothing committed yet reads as -1, the same as position 0: an empty partition is done.
        while (Math.max(0, committedOffset.applyAsLong(tp)) < target) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException(tp + " not committed to " + target);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }
}
