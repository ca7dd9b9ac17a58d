package dev.dynalog.streams.transaction;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What this node knows, in memory, of the transactions in each command-log partition, shared by
 * the partition's processor and the front door:
 *
 * <ul>
 *   <li><b>Prepared shares</b>, counted by the processor (unknown until its task has started on
 *   this node), and <b>prepares in flight</b>, counted by the front door from before a prepare is
 *   appended until the processor has passed it. A write that is answered as soon as it is durable
 *   (see CommandWriter) may be answered that way only while both are zero: otherwise it could
 *   land on an item a transaction holds, and the processor would have to refuse a write already
 *   reported as done. {@link #gate} orders that check against the appends of prepares.</li>
 *   <li>A <b>version</b> per partition that the processor makes odd while it applies the writes of
 *   a transaction and even again once done, so that a reader of several items (TransactGetItems)
 *   can tell that no transaction completed under it.</li>
 * </ul>
 */
public final class TransactionActivity {
    private static final int UNKNOWN = -1;

    private static final class Partition {
        volatile int preparedShares = UNKNOWN;
        final AtomicInteger preparesInFlight = new AtomicInteger();
        final AtomicLong version = new AtomicLong();
    }

    private final ConcurrentHashMap<Integer, Partition> partitions = new ConcurrentHashMap<>();

    private Partition partition(int p) {
        Partition found = partitions.get(p);
        return found != null ? found : partitions.computeIfAbsent(p, k -> new Partition());
    }

    /** The monitor that orders appends to the partition against the check of {@link #isQuiet}. */
    public Object gate(int partition) {
        return partition(partition);
    }

    /** No transaction is prepared in the partition, none is being prepared, and that is known. */
    public boolean isQuiet(int partition) {
        Partition p = partition(partition);
        return p.preparedShares == 0 && p.preparesInFlight.get() == 0;
    }

    /** The front door is about to append a prepare to the partition; call under {@link #gate}. */
    public void prepareAppending(int partition) {
        partition(partition).preparesInFlight.incrementAndGet();
    }

    /** The processor has passed a prepare counted by {@link #prepareAppending}, or it was never appended. */
    public void preparePassed(int partition) {
        partition(partition).preparesInFlight.decrementAndGet();
    }

    /** The processor's count of the partition's prepared shares. */
    public void preparedShares(int partition, int count) {
        partition(partition).preparedShares = count;
    }

    /** The partition's task is not running here (closed, or not yet started): its shares are unknown. */
    public void unknown(int partition) {
        Partition p = partition(partition);
        p.preparedShares = UNKNOWN;
        // Readers that started before see a new version.
        p.version.addAndGet(2);
    }

    /** Some transaction is prepared in the partition, or it is not known whether one is. */
    public boolean hasPreparedShares(int partition) {
        return partition(partition).preparedShares != 0;
    }

    /** The partition's processor runs on this node and has counted its prepared shares. */
    public boolean isKnown(int partition) {
        return partition(partition).preparedShares != UNKNOWN;
    }

    /** Called by the processor before it applies a transaction's writes; the version is odd until {@link #applied}. */
    public void applying(int partition) {
        partition(partition).version.incrementAndGet();
    }

    public void applied(int partition) {
        partition(partition).version.incrementAndGet();
    }

    /** The partition's version: odd while a transaction's writes are being applied. */
    public long version(int partition) {
        return partition(partition).version.get();
    }
}
