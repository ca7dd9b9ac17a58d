package dev.dynalog.streams.read;

import dev.dynalog.core.error.Errors;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.ToLongFunction;
import org.apache.kafka.common.TopicPartition;

/**
 * Makes strongly consistent reads see every write acknowledged before they began: a read of a
 * log partition waits until this node's processor has applied that partition at least up to
 *
 * <ul>
 *   <li>the highest offset this node has acknowledged to a client, and</li>
 *   <li>the partition's end offset when this node first read it, which covers writes
 *   acknowledged before this node started (a restart after a crash).</li>
 * </ul>
 *
 * <p>Being the active task is not enough: a task re-initialised after a failure serves state
 * restored from its changelog and must first reprocess the commands it had applied before. What
 * the state holds is known from two facts: the offsets this incarnation of the task processed,
 * and the group's committed offset, because restored state always includes every committed
 * command (exactly-once commits state and offsets together).
 *
 * <p>With other nodes writing to the same log (a cluster), a strong read's target is the log's
 * end offset when the read begins, asked of the broker each time: a write another node
 * acknowledged is below it (acks=all), whichever node serves the read.
 */
public final class ReadBarrier {
    private static final long COMMIT_CHECK_MILLIS = 100;

    private final ProcessedOffsets processed;
    private final ToLongFunction<TopicPartition> endOffsets;
    private final ToLongFunction<TopicPartition> committedOffsets;
    private final ConcurrentHashMap<TopicPartition, Long> targets = new ConcurrentHashMap<>();
    private final Duration timeout;
    private final BooleanSupplier alone;

    /**
     * @param endOffsets       the current end offset of a log partition (the offset the next
     *                         record will get)
     * @param committedOffsets the application's committed offset of a log partition (the next
     *                         command to process after a restart), or -1
     */
    public ReadBarrier(ProcessedOffsets processed, ToLongFunction<TopicPartition> endOffsets,
                       ToLongFunction<TopicPartition> committedOffsets, Duration timeout) {
        this(processed, endOffsets, committedOffsets, timeout, () -> true);
    }

    /**
     * @param alone whether this node is the only one writing to the log; when not, strong reads
     *              take the log's end offset afresh
     */
    public ReadBarrier(ProcessedOffsets processed, ToLongFunction<TopicPartition> endOffsets,
                       ToLongFunction<TopicPartition> committedOffsets, Duration timeout, BooleanSupplier alone) {
        this.alone = alone;
        this.processed = processed;
        this.endOffsets = endOffsets;
        this.committedOffsets = committedOffsets;
        this.timeout = timeout;
    }

    /** Records that a write at this offset was acknowledged to a client. */
    public void acknowledged(TopicPartition tp, long offset) {
        targets.merge(tp, offset, Math::max);
    }

    /** Waits until the partition's processor has caught up with every acknowledged write. */
    public void await(TopicPartition tp) {
        awaitOffset(tp, strongTarget(tp));
    }

    /**
     * The offset a strong read of the partition that begins now must see applied: every write
     * acknowledged before it began lies at or below it.
     */
    public long strongTarget(TopicPartition tp) {
        if (alone.getAsBoolean()) {
            return targets.computeIfAbsent(tp, p -> endOffsets.applyAsLong(p) - 1);
        }
        return Math.max(acknowledgedTarget(tp), endOffsets.applyAsLong(tp) - 1);
    }

    /** The highest offset this node acknowledged to a client in the partition, or -1. */
    public long acknowledgedTarget(TopicPartition tp) {
        return targets.getOrDefault(tp, -1L);
    }

    /**
     * Waits until the partition has been applied up to {@code target} (-1: nothing) and to every
     * write this node acknowledged: the target is a read's, taken when it began, here or on the
     * node that forwarded it.
     */
    public void awaitTarget(TopicPartition tp, long target) {
        long own = acknowledgedTarget(tp);
        long wanted = Math.max(target, own);
        if (wanted >= 0) {
            awaitOffset(tp, wanted);
        }
    }

    /**
     * Waits until the partition's processor has applied every write this node has acknowledged,
     * for eventually consistent reads. DynamoDB would let such a read miss a write acknowledged a
     * moment ago; but writes are answered once durable, before they are applied, and clients
     * (and their tests) that write and then read with the default read would then see their own
     * write missing for a few milliseconds far more often than on DynamoDB. The wait is a map
     * lookup when the processor has caught up, and needs no request to the broker.
     */
    public void awaitAcknowledged(TopicPartition tp) {
        Long target = targets.get(tp);
        if (target != null) {
            awaitOffset(tp, target);
        }
    }

    private void awaitOffset(TopicPartition tp, long target) {
        if (processed.processed(tp) >= target) {
            return;
        }
        // A task that has processed nothing in this incarnation may hold all it needs in state
        // restored from an earlier one: every command the group committed.
        if (processed.processed(tp) < 0 && committedOffsets.applyAsLong(tp) - 1 >= target) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            // Woken by the processor; every 100 ms, ask about the commit again.
            while (!processed.await(tp, target, COMMIT_CHECK_MILLIS, TimeUnit.MILLISECONDS)) {
                if (committedOffsets.applyAsLong(tp) - 1 >= target) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw Errors.internal("Timed out waiting for partition " + tp + " to catch up for a consistent read");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Errors.internal("Interrupted while waiting for partition " + tp + " to catch up");
        }
    }
}
