package dev.dynalog.app.node;

import dev.dynalog.connectors.metrics.PrometheusExposition;
import dev.dynalog.streams.TopicNames;
import dev.dynalog.streams.query.ReadCounts;
import dev.dynalog.streams.read.ProcessedOffsets;
import dev.dynalog.streams.topology.TableStreams;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The node's application as {@code GET /metrics} reports it: the members with the command-log
 * partitions each runs actively and as standby (Kafka Streams' assignment), and how many commands
 * each partition whose active task runs here has still to apply.
 */
final class ClusterStatus implements PrometheusExposition.Cluster {
    private final TableStreams streams;
    private final TopicNames topics;
    private final ProcessedOffsets processed;
    private final ToLongFunction<TopicPartition> endOffsets;
    private final ToLongFunction<TopicPartition> committedOffsets;
    private final ReadCounts reads;

    ClusterStatus(TableStreams streams, TopicNames topics, ProcessedOffsets processed,
                  ToLongFunction<TopicPartition> endOffsets, ToLongFunction<TopicPartition> committedOffsets,
                  ReadCounts reads) {
        this.reads = reads;
        this.streams = streams;
        this.topics = topics;
        this.processed = processed;
        this.endOffsets = endOffsets;
        this.committedOffsets = committedOffsets;
    }

    @Override
    public List<Member> members() {
        Map<HostInfo, Set<Integer>> active = streams.activePartitionsByNode(topics.commandLog());
        Map<HostInfo, Set<Integer>> standby = streams.standbyPartitionsByNode(topics.commandLog());
        Map<String, Member> byNode = new TreeMap<>();
        Set<HostInfo> nodes = new HashSet<>(active.keySet());
        nodes.addAll(standby.keySet());
        for (HostInfo node : nodes) {
            String address = node.host() + ":" + node.port();
            byNode.put(address, new Member(address, active.getOrDefault(node, Set.of()), standby.getOrDefault(node, Set.of())));
        }
        return new ArrayList<>(byNode.values());
    }

    @Override
    public Reads reads() {
        return new Reads(reads.active(), reads.standby(), reads.forwardedToOwner(), reads.servedForOtherNodes());
    }

    @Override
    public Map<Integer, Long> lag() {
        Map<Integer, Long> lag = new HashMap<>();
        for (int partition : streams.activePartitions(topics.commandLog())) {
            TopicPartition tp = new TopicPartition(topics.commandLog(), partition);
            // A task that has applied nothing in this incarnation holds what the group committed.
            long applied = Math.max(processed.processed(tp) + 1, committedOffsets.applyAsLong(tp));
            lag.put(partition, Math.max(0, endOffsets.applyAsLong(tp) - applied));
        }
        return new TreeMap<>(lag);
    }
}
