package dev.dynalog.streams.read;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;

/**
 * How far this node's processors have applied each command-log partition in their current
 * incarnation, and the place where reads wait for a partition to get further. A task that is
 * (re)initialised, e.g. after its state was restored from the changelog, forgets its partitions'
 * offsets, because its state may then lag behind what an earlier incarnation had already
 * applied.
 *
 * <p>Waiting readers are woken by the processor when it applies a command, not by polling: a
 * read right behind its own write (read-your-writes) then costs no CPU while it waits, and
 * wakes within microseconds of the write being applied. Writers that must not run too far ahead
 * of the processor wait asynchronously ({@link #whenProcessed}), completed by the processor too.
 */
public final class ProcessedOffsets {
    private final ConcurrentHashMap<TopicPartition, Progress> partitions = new ConcurrentHashMap<>();

    /** One partition's applied offset; its monitor is where readers of the partition wait. */
    private static final class Progress {
        /** Written by the one stream thread that processes the partition at a time. */
        volatile long offset = -1;
        /**
         * Blocked readers plus pending futures; guarded by this, volatile so the processor can skip
         * the monitor when nobody waits.
         */
        volatile int waiters;
        /** Futures by the offset they wait for, lowest first; guarded by this. */
        final PriorityQueue<Awaited> awaited = new PriorityQueue<>(Comparator.comparingLong(Awaited::offset));
    }

    private record Awaited(long offset, CompletableFuture<Void> future) {
    }

    public void processed(String topic, int partition, long offset) {
        Progress p = progress(new TopicPartition(topic, partition));
        if (offset > p.offset) {
            p.offset = offset;
        }
        if (p.waiters > 0) {
            List<CompletableFuture<Void>> reached = null;
            synchronized (p) {
                p.notifyAll();
                while (!p.awaited.isEmpty() && p.awaited.peek().offset() <= p.offset) {
                    if (reached == null) {
                        reached = new ArrayList<>();
                    }
                    reached.add(p.awaited.poll().future());
                    p.waiters--;
                }
            }
            if (reached != null) {
                reached.forEach(f -> f.complete(null));
            }
        }
    }

    /**
     * Completes once the partition has been applied at least to {@code target}: at once if it
     * has, or if no processor of this node is applying the partition (none has since its task
     * started here); else on the processor's thread when it gets there, or when the task is reset.
     */
    public CompletableFuture<Void> whenProcessed(TopicPartition tp, long target) {
        Progress p = progress(tp);
        if (nothingToWaitFor(p, target)) {
            return CompletableFuture.completedFuture(null);
        }
        synchronized (p) {
            // Counted before the offset is read again: the processor writes the offset before it
            // reads the count, so one of the two sees the other.
            p.waiters++;
            if (nothingToWaitFor(p, target)) {
                p.waiters--;
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> future = new CompletableFuture<>();
            p.awaited.add(new Awaited(target, future));
            return future;
        }
    }

    /** Applied far enough, or applied by no processor of this node (-1). */
    private static boolean nothingToWaitFor(Progress p, long target) {
        long offset = p.offset;
        return offset >= target || offset < 0;
    }

    /**
     * Forgets how far a log partition was applied: its task starts a new incarnation, or has left
     * this node. Pending {@link #whenProcessed} waits end, since nothing here may apply the
     * partition for a while.
     */
    public void resetPartition(String topic, int partition) {
        // Kept, not removed: readers may be waiting on the partition's monitor.
        Progress p = partitions.get(new TopicPartition(topic, partition));
        if (p == null) {
            return;
        }
        List<CompletableFuture<Void>> released = new ArrayList<>();
        synchronized (p) {
            p.offset = -1;
            while (!p.awaited.isEmpty()) {
                released.add(p.awaited.poll().future());
                p.waiters--;
            }
        }
        released.forEach(f -> f.complete(null));
    }

    /** The highest applied offset, or -1. */
    public long processed(TopicPartition tp) {
        Progress p = partitions.get(tp);
        return p == null ? -1 : p.offset;
    }

    /**
     * Waits until the partition has been applied at least to {@code target}, or the time is up.
     *
     * @return whether the target was reached
     */
    public boolean await(TopicPartition tp, long target, long timeout, TimeUnit unit) throws InterruptedException {
        Progress p = progress(tp);
        if (p.offset >= target) {
            return true;
        }
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        synchronized (p) {
            p.waiters++;
            try {
                while (p.offset < target) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    TimeUnit.NANOSECONDS.timedWait(p, left);
                }
                return true;
            } finally {
                p.waiters--;
            }
        }
    }

    private Progress progress(TopicPartition tp) {
        Progress p = partitions.get(tp);
        return p != null ? p : partitions.computeIfAbsent(tp, k -> new Progress());
    }
}
