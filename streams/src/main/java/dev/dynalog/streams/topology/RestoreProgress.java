package dev.dynalog.streams.topology;

import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;

/**
 * How far each changelog partition has been restored, so that a start that does not reach RUNNING
 * can say whether a restore stands still short of its end offset (an open transaction holding the
 * last stable offset below the high watermark the restore aims for) or no restore runs at all.
 */
final class RestoreProgress implements StateRestoreListener {
    private record Partition(long start, long end, long restoredTo, long records, boolean done) {
    }

    private final Map<TopicPartition, Partition> partitions = new ConcurrentHashMap<>();

    @Override
    public void onRestoreStart(TopicPartition partition, String store, long startingOffset, long endingOffset) {
        partitions.put(partition, new Partition(startingOffset, endingOffset, startingOffset, 0, false));
    }

    @Override
    public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long numRestored) {
        partitions.computeIfPresent(partition, (tp, p) ->
                new Partition(p.start(), p.end(), batchEndOffset, p.records() + numRestored, false));
    }

    @Override
    public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
        partitions.computeIfPresent(partition, (tp, p) -> new Partition(p.start(), p.end(), p.end(), totalRestored, true));
    }

    @Override
    public void onRestoreSuspended(TopicPartition partition, String store, long totalRestored) {
        partitions.remove(partition);
    }

    /** E.g. {@code dynalog-items-changelog-0 0..240 at 238 (190 records)}, one partition per line. */
    String describe() {
        if (partitions.isEmpty()) {
            return "no changelog restored";
        }
        StringBuilder b = new StringBuilder();
        Map.copyOf(partitions).entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.comparing(TopicPartition::toString)))
                .forEach(e -> b.append('\n').append(e.getKey()).append(' ').append(e.getValue().start()).append("..")
                        .append(e.getValue().end()).append(e.getValue().done() ? " restored" : " at " + e.getValue().restoredTo())
                        .append(" (").append(e.getValue().records()).append(" records)"));
        return b.toString();
    }
}
