package dev.dynalog.connectors.dynamodbstreams;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;

/**
 * Where a stream's records lie in a partition of its table's change topic. The topic outlives
 * any one stream: a stream disabled and enabled again, or a table deleted and created again under
 * its name, write to the same topic under new labels. Labels are the times streams were enabled,
 * and a partition's records are in log order, so each stream's records form a run of offsets: from
 * the first record with its label or a later one, to (for a disabled stream) the first record with
 * a later label, or the partition's end while there is none.
 *
 * <p>Both bounds are found by binary search over the partition and kept once they cannot move
 * (a start found, an end at a later stream's first record), so a client paging through a shard
 * costs one search per bound and node.
 */
public final class StreamExtents {
    private final ShardReader reader;
    private final Map<String, Long> settled = new ConcurrentHashMap<>();

    public StreamExtents(ShardReader reader) {
        this.reader = reader;
    }

    /** The offset of the stream's first record in the partition (the end, while it has none). */
    public long start(TopicPartition tp, String label) {
        return bound(tp, label, false);
    }

    /**
     * The offset after the stream's last record in the partition: for an enabled stream the
     * partition's end, for a disabled one the first record of a later stream, or the end while no
     * later stream has written to this partition.
     */
    public long end(TopicPartition tp, StreamArns.NamedStream stream) {
        return stream.open() ? reader.end(tp) : bound(tp, stream.label(), true);
    }

    /**
     * True once a later stream's first record marks where a disabled stream's records end in the
     * partition (an end that cannot move); false while the end is only the partition's end.
     */
    public boolean endIsSettled(TopicPartition tp, StreamArns.NamedStream stream) {
        return !stream.open() && settled.containsKey(tp + "|" + stream.label() + "|" + true);
    }

    /**
     * The last record of a disabled stream's shard, or null if it has none: the shard's
     * EndingSequenceNumber. Markers of Kafka transactions take offsets too, so the last record is
     * looked for backwards from the end, in widening steps.
     */
    public ShardReader.Entry last(TopicPartition tp, StreamArns.NamedStream stream) {
        long start = Math.max(start(tp, stream.label()), reader.beginning(tp));
        long end = end(tp, stream);
        for (long step = 16; start < end; step *= 4) {
            long from = Math.max(start, end - step);
            ShardReader.Entry last = null;
            for (ShardReader.Entry e : reader.readAll(tp, from, end)) {
                if (e.record().getStreamLabel().equals(stream.label())) {
                    last = e;
                }
            }
            if (last != null || from == start) {
                return last;
            }
        }
        return null;
    }

    private long bound(TopicPartition tp, String label, boolean after) {
        String key = tp + "|" + label + "|" + after;
        Long known = settled.get(key);
        if (known != null) {
            return known;
        }
        // Kept only once a record past the bound has been seen: until then the stream's last
        // records may still be in a transaction that has not committed, above any offset the
        // search stopped at.
        long end = reader.end(tp);
        OptionalLong found = reader.offsetWhereFound(tp, r -> {
            int cmp = r.getStreamLabel().compareTo(label);
            return after ? cmp > 0 : cmp >= 0;
        }, end);
        if (found.isEmpty()) {
            return end;
        }
        settled.put(key, found.getAsLong());
        return found.getAsLong();
    }
}
