package dev.dynalog.streams.read;

import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;

/**
 * How far this node's processors have applied each command-log partition in their current
 * incarnation. A task that is (re)initialised, e.g. after its state was restored from the
 * changelog, forgets its partitions' offsets, because its state may then lag behind what an
 * earlier incarnation had already applied.
 */
public final class ProcessedOffsets {
    private final ConcurrentHashMap<TopicPartition, Long> processed = new ConcurrentHashMap<>();

    public void processed(String topic, int partition, long offset) {
        processed.merge(new TopicPartition(topic, partition), offset, Math::max);
    }

    /** Forgets every log partition with this number: they all belong to task {@code partition}. */
    public void resetPartition(int partition) {
        processed.keySet().removeIf(tp -> tp.partition() == partition);
    }

    /** The highest applied offset, or -1. */
    public long processed(TopicPartition tp) {
        return processed.getOrDefault(tp, -1L);
    }
}
