package dev.dynalog.streams.restore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Finds cuts of the command log, and how much of it the log still holds: the restore window is
 * what retention has kept.
 */
public final class CommandLogCuts {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final String bootstrapServers;
    private final String commandLog;
    private final int partitions;

    public CommandLogCuts(String bootstrapServers, String commandLog, int partitions) {
        this.bootstrapServers = bootstrapServers;
        this.commandLog = commandLog;
        this.partitions = partitions;
    }

    public int partitions() {
        return partitions;
    }

    /** Consumer settings for reading the command log exactly as the processors read it: committed records only. */
    static Properties consumerProperties(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString().toLowerCase());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return props;
    }

    /** Every partition's prefix up to log time {@code timeMillis}: up to its first command stamped later. */
    public LogCut atTime(long timeMillis) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(bootstrapServers))) {
            Map<TopicPartition, Long> later = new HashMap<>();
            topicPartitions().forEach(tp -> later.put(tp, timeMillis + 1));
            Map<TopicPartition, OffsetAndTimestamp> firstLater = consumer.offsetsForTimes(later, TIMEOUT);
            return new LogCut(prefixes(consumer, tp -> firstLater.get(tp) == null ? null : firstLater.get(tp).offset()),
                    timeMillis);
        }
    }

    /** Everything committed to the log now. */
    public LogCut latest(long nowMillis) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(bootstrapServers))) {
            return new LogCut(prefixes(consumer, tp -> null), nowMillis);
        }
    }

    /**
     * Each partition from its oldest retained command to {@code end} (null: its end), within what
     * the log holds.
     */
    private List<PartitionCut> prefixes(KafkaConsumer<byte[], byte[]> consumer,
                                        java.util.function.Function<TopicPartition, Long> end) {
        List<TopicPartition> tps = topicPartitions();
        Map<TopicPartition, Long> starts = consumer.beginningOffsets(tps, TIMEOUT);
        Map<TopicPartition, Long> ends = consumer.endOffsets(tps, TIMEOUT);
        List<PartitionCut> cuts = new ArrayList<>();
        for (TopicPartition tp : tps) {
            Long wanted = end.apply(tp);
            cuts.add(new PartitionCut(tp.partition(), starts.get(tp),
                    wanted == null ? ends.get(tp) : Math.min(wanted, ends.get(tp))));
        }
        return cuts;
    }

    /**
     * The prefixes ending at the given offsets (the first offset not included, per partition);
     * every partition must be given, within what the log holds.
     */
    public LogCut atOffsets(Map<Integer, Long> endOffsets) {
        if (!endOffsets.keySet().equals(allPartitions())) {
            throw new IllegalArgumentException("offsets must be given for every partition 0.." + (partitions - 1)
                    + " of the command log, not " + endOffsets.keySet());
        }
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(bootstrapServers))) {
            List<PartitionCut> cuts = prefixes(consumer, tp -> endOffsets.get(tp.partition()));
            for (PartitionCut cut : cuts) {
                long wanted = endOffsets.get(cut.partition());
                if (cut.endOffset() != wanted || wanted < cut.startOffset()) {
                    throw new IllegalArgumentException("partition " + cut.partition() + " can be cut at offsets "
                            + cut.startOffset() + " to " + cut.endOffset() + " now, not " + wanted);
                }
            }
            return new LogCut(cuts, null);
        }
    }

    /**
     * The oldest log time every partition still holds from: the newest timestamp among the
     * partitions' first retained records, or -1 when retention has removed nothing (every
     * partition still starts at offset 0).
     */
    public long retainedSince() {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(bootstrapServers))) {
            List<TopicPartition> tps = topicPartitions();
            Map<TopicPartition, Long> starts = consumer.beginningOffsets(tps, TIMEOUT);
            if (starts.values().stream().allMatch(o -> o == 0)) {
                return -1;
            }
            long since = -1;
            List<TopicPartition> trimmed = tps.stream().filter(tp -> starts.get(tp) > 0).toList();
            consumer.assign(trimmed);
            trimmed.forEach(tp -> consumer.seek(tp, starts.get(tp)));
            // The first record each trimmed partition still holds: its timestamp bounds the window.
            Map<TopicPartition, Long> first = new HashMap<>();
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (first.size() < trimmed.size() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> first.putIfAbsent(
                        new TopicPartition(r.topic(), r.partition()), r.timestamp()));
            }
            for (long t : first.values()) {
                since = Math.max(since, t);
            }
            return since;
        }
    }

    private List<TopicPartition> topicPartitions() {
        List<TopicPartition> tps = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            tps.add(new TopicPartition(commandLog, p));
        }
        return tps;
    }

    private java.util.Set<Integer> allPartitions() {
        java.util.Set<Integer> all = new java.util.HashSet<>();
        for (int p = 0; p < partitions; p++) {
            all.add(p);
        }
        return all;
    }
}
