package dev.dynalog.streams.query;

import java.util.concurrent.atomic.LongAdder;

/**
 * Item reads (a GetItem's or BatchGetItem's key, a Query's or Scan's partition) by where they
 * were answered, for {@code GET /metrics}: by this node's active task of the partition, by its
 * standby copy (eventually consistent reads only), or by the node that runs the active task,
 * which this node forwarded them to; and the reads other nodes forwarded here, by their parts
 * (a scan in chunks counts each chunk).
 */
public final class ReadCounts {
    private final LongAdder active = new LongAdder();
    private final LongAdder standby = new LongAdder();
    private final LongAdder forwarded = new LongAdder();
    private final LongAdder servedForOthers = new LongAdder();

    void servedByActive() {
        active.increment();
    }

    void servedByStandby() {
        standby.increment();
    }

    void forwarded() {
        forwarded.increment();
    }

    void servedForAnotherNode() {
        servedForOthers.increment();
    }

    public long active() {
        return active.sum();
    }

    public long standby() {
        return standby.sum();
    }

    public long forwardedToOwner() {
        return forwarded.sum();
    }

    public long servedForOtherNodes() {
        return servedForOthers.sum();
    }
}
