package dev.dynalog.streams.cluster;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How fresh this node's standby copy of each command-log partition is, from Kafka Streams' lag
 * information, and so whether an eventually consistent read may be answered from it.
 *
 * <p>An observation, taken every refresh, holds for each standby partition the end offset of each
 * of its stores' changelogs, when it was fetched, and the command offset the group had committed
 * one refresh before. A standby whose stores have since restored up to one below those ends has
 * every change that was committed when the ends were fetched: a committed record lies below its
 * transaction's commit marker, which lies below the end; the offset just below the end is either
 * a marker or a record of a transaction still open then (Kafka Streams reports a standby's position
 * as the offset after its last restored record, so a caught-up standby under exactly-once stays one
 * below the end, on the marker). Standby tasks restore with the restore consumer's isolation
 * level, which exactly-once sets to read_committed for every consumer of Kafka Streams
 * (StreamsConfig's consumer overrides for EOS), so a standby never holds a change whose
 * transaction aborted or is still open.
 *
 * <p>The committed command offset adds read-your-writes: the changelog records of every command
 * below it are in a committed transaction (exactly-once commits the offsets and the changelogs
 * together). It is taken one refresh before the ends, so that the transaction's commit markers,
 * which its coordinator writes to every partition at about the same time, are in by then.
 *
 * <p>A standby serves a read when its freshest such observation is at most {@code maxLag} old
 * and covers every write this node acknowledged in the partition. The rest is forwarded to the
 * active task, as before.
 */
public final class StandbyFreshness {
    /** Observations kept per partition: with a refresh every 100 ms, ten seconds of them. */
    private static final int HISTORY = 100;

    private final long maxLagNanos;
    private final Map<Integer, Partition> partitions = new ConcurrentHashMap<>();

    /** One changelog of a standby task as Kafka Streams' LagInfo reports it. */
    public record ChangelogLag(long position, long end) {
    }

    /** What a standby has for sure, and since when. */
    public record Fresh(long asOfNanos, long committedCommands) {
    }

    private record Observation(long atNanos, long[] ends, long committedCommands) {
    }

    private static final class Partition {
        final Deque<Observation> history = new ArrayDeque<>();
        /** The command offset committed at the previous refresh, -1 before one. */
        long committedBefore = -1;
        volatile Fresh fresh;
    }

    public StandbyFreshness(Duration maxLag) {
        this.maxLagNanos = maxLag.toNanos();
    }

    /** Whether standbys serve reads at all (a bound of 0 turns them off). */
    public boolean enabled() {
        return maxLagNanos > 0;
    }

    /**
     * Records one refresh: for each partition held here as standby, its changelogs' positions and
     * end offsets (ends fetched at {@code atNanos} or later, in a fixed order of stores), and the
     * group's committed offset of the partition in the command log (read before the ends), or -1.
     * Partitions not listed are no longer standbys here and are forgotten.
     */
    public synchronized void observe(long atNanos, Map<Integer, List<ChangelogLag>> standbys,
                                     Map<Integer, Long> committed) {
        partitions.keySet().retainAll(standbys.keySet());
        standbys.forEach((p, lags) -> {
            Partition partition = partitions.computeIfAbsent(p, k -> new Partition());
            long[] ends = lags.stream().mapToLong(ChangelogLag::end).toArray();
            if (!partition.history.isEmpty() && partition.history.peekLast().ends().length != ends.length) {
                partition.history.clear(); // its stores changed: start over
            }
            partition.history.addLast(new Observation(atNanos, ends, partition.committedBefore));
            partition.committedBefore = committed.getOrDefault(p, -1L);
            if (partition.history.size() > HISTORY) {
                partition.history.removeFirst();
            }
            partition.fresh = freshest(partition.history, lags);
        });
    }

    /** The newest observation the stores have restored past; older ones are dropped, as it covers them. */
    private static Fresh freshest(Deque<Observation> history, List<ChangelogLag> now) {
        Observation reached = null;
        for (Iterator<Observation> it = history.descendingIterator(); it.hasNext(); ) {
            Observation o = it.next();
            if (restoredTo(o, now)) {
                reached = o;
                break;
            }
        }
        if (reached == null) {
            return null;
        }
        while (history.peekFirst() != reached) {
            history.removeFirst();
        }
        return new Fresh(reached.atNanos(), reached.committedCommands());
    }

    private static boolean restoredTo(Observation o, List<ChangelogLag> now) {
        for (int i = 0; i < o.ends().length; i++) {
            if (now.get(i).position() < o.ends()[i] - 1) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether an eventually consistent read of the partition that begins at {@code nowNanos} may be
     * served by its standby here: the standby has every change committed at most the bound before,
     * and every write this node acknowledged (up to offset {@code acknowledged}, -1: none).
     */
    public boolean serves(int partition, long nowNanos, long acknowledged) {
        if (!enabled()) {
            return false;
        }
        Partition p = partitions.get(partition);
        Fresh fresh = p == null ? null : p.fresh;
        return fresh != null && nowNanos - fresh.asOfNanos() <= maxLagNanos
                && (acknowledged < 0 || acknowledged < fresh.committedCommands());
    }

    /** The partitions held here as standby at the last refresh, with what each has for sure (null: nothing yet). */
    public Map<Integer, Fresh> standbys() {
        Map<Integer, Fresh> out = new TreeMap<>();
        partitions.forEach((p, s) -> out.put(p, s.fresh));
        return out;
    }
}
