package dev.dynalog.streams.restore;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How far a restore, export or import has come, updated by its worker threads and read by
 * whoever asks (DescribeRestore, the drill's progress line).
 */
public final class RecoveryProgress {
    private final long startNanos = System.nanoTime();
    private final AtomicLong commandsReplayed = new AtomicLong();
    private final AtomicLong partitionsReplayed = new AtomicLong();
    private final AtomicLong itemsLoaded = new AtomicLong();
    private volatile long commandsToReplay;
    private volatile long partitions;
    private volatile long itemsToLoad = -1;
    private volatile long replayDoneNanos = -1;
    private volatile long loadStartNanos = -1;

    public RecoveryProgress() {
    }

    void replaying(long commands, int partitionCount) {
        commandsToReplay = commands;
        partitions = partitionCount;
    }

    void replayed(long commands) {
        commandsReplayed.addAndGet(commands);
    }

    void partitionReplayed() {
        partitionsReplayed.incrementAndGet();
    }

    public void loading(long items) {
        replayDoneNanos = System.nanoTime();
        loadStartNanos = replayDoneNanos;
        itemsToLoad = items;
    }

    public void loaded(long items) {
        itemsLoaded.addAndGet(items);
    }

    public long commandsReplayed() {
        return commandsReplayed.get();
    }

    public long commandsToReplay() {
        return commandsToReplay;
    }

    public long partitionsReplayed() {
        return partitionsReplayed.get();
    }

    public long partitions() {
        return partitions;
    }

    public long itemsLoaded() {
        return itemsLoaded.get();
    }

    /** -1 until the replay is done and the number is known. */
    public long itemsToLoad() {
        return itemsToLoad;
    }

    public double commandsPerSecond() {
        long end = replayDoneNanos > 0 ? replayDoneNanos : System.nanoTime();
        return perSecond(commandsReplayed.get(), end - startNanos);
    }

    public double itemsPerSecond() {
        return loadStartNanos < 0 ? 0 : perSecond(itemsLoaded.get(), System.nanoTime() - loadStartNanos);
    }

    /** Seconds left at the current rates, or -1 when they do not tell yet. */
    public double etaSeconds() {
        if (itemsToLoad >= 0) {
            double rate = itemsPerSecond();
            return rate <= 0 ? -1 : Math.max(0, itemsToLoad - itemsLoaded.get()) / rate;
        }
        double rate = commandsPerSecond();
        return rate <= 0 ? -1 : Math.max(0, commandsToReplay - commandsReplayed.get()) / rate;
    }

    private static double perSecond(long count, long nanos) {
        return nanos <= 0 ? 0 : count * 1e9 / nanos;
    }
}
