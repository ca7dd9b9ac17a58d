package dev.dynalog.streams.read;

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
 * wakes within microseconds of the write being applied.
 */
public final class ProcessedOffsets {
    private final ConcurrentHashMap<TopicPartition, Progress> partitions = new ConcurrentHashMap<>();

    /** One partition's applied offset; its monitor is where readers of the partition wait. */
    private static final class Progress {
        /** Written by the one stream thread that processes the partition at a time. */
        volatile long offset = -1;
        /** Guarded by this; volatile so the processor can skip the monitor when nobody waits. */
        volatile int waiters;
    }

    public void processed(String topic, int partition, long offset) {
        Progress p = progress(new TopicPartition(topic, partition));
        if (offset > p.offset) {
            p.offset = offset;
        }
        if (p.waiters > 0) {
            synchronized (p) {
                p.notifyAll();
            }
        }
    }

    /** Forgets how far a log partition was applied: its task starts a new incarnation. */
    public void resetPartition(String topic, int partition) {
        // Kept, not removed: readers may be waiting on the partition's monitor.
        Progress p = partitions.get(new TopicPartition(topic, partition));
        if (p != null) {
            p.offset = -1;
        }
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
