package dev.dynalog.streams.cluster;

import dev.dynalog.streams.topology.TableStreams;
import java.net.URI;
import dev.dynalog.streams.TopicNames;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Which node runs the active task of each log partition, as Kafka Streams' last assignment says
 * (every member's {@code application.server}). The view is cached until the application changes
 * state, which it does on every rebalance, and can be dropped by a caller that found it stale
 * (a node answered that it no longer runs the task).
 */
public final class PartitionOwners {
    private final TableStreams streams;
    private final TopicNames topics;
    private final HostInfo self;
    private final boolean shared;
    private volatile View view = new View(-1, Map.of(), 0);

    /** Where a partition's active task runs. {@code node} is set for {@link Kind#REMOTE}. */
    public record Placement(Kind kind, URI node) {
        public enum Kind { LOCAL, REMOTE, UNKNOWN }

        static final Placement LOCAL = new Placement(Kind.LOCAL, null);
        static final Placement UNKNOWN = new Placement(Kind.UNKNOWN, null);
    }

    private record View(long epoch, Map<String, Map<Integer, HostInfo>> owners, int members) {
    }

    /**
     * @param self   this node's {@code application.server}
     * @param shared whether other nodes may join this node's application (it runs on a Kafka
     *               cluster it did not start); a node on its embedded broker is always alone
     */
    public PartitionOwners(TableStreams streams, TopicNames topics, HostInfo self, boolean shared) {
        this.streams = streams;
        this.topics = topics;
        this.self = self;
        this.shared = shared;
    }

    /** Where the active task of {@code topic}'s partition runs now. */
    public Placement placement(String topic, int partition) {
        if (!shared) {
            return Placement.LOCAL;
        }
        HostInfo owner = current().owners().getOrDefault(topic, Map.of()).get(partition);
        if (owner == null) {
            return Placement.UNKNOWN;
        }
        if (owner.equals(self)) {
            return Placement.LOCAL;
        }
        return new Placement(Placement.Kind.REMOTE, URI.create("http://" + owner.host() + ":" + owner.port()));
    }

    /**
     * Whether this node is known to be the only member of its application: then no other node
     * writes to the log or holds transaction locks that this node's front door cannot see.
     */
    public boolean alone() {
        if (!shared) {
            return true;
        }
        return streams.state() == KafkaStreams.State.RUNNING && current().members() <= 1;
    }

    /** Members of the application, by their advertised address, with the partitions each runs actively. */
    public Map<HostInfo, Set<Integer>> activeByNode(String topic) {
        return streams.activePartitionsByNode(topic);
    }

    /** Forgets the cached view; the next lookup asks Kafka Streams again. */
    public void invalidate() {
        view = new View(-1, Map.of(), 0);
    }

    private View current() {
        View v = view;
        long epoch = streams.assignmentEpoch();
        if (v.epoch() == epoch) {
            return v;
        }
        Map<String, Map<Integer, HostInfo>> owners = new HashMap<>();
        int members = 0;
        for (String topic : List.of(topics.commandLog(), topics.indexLog())) {
            Map<Integer, HostInfo> byPartition = new HashMap<>();
            Map<HostInfo, Set<Integer>> nodes = streams.activePartitionsByNode(topic);
            members = Math.max(members, nodes.size());
            nodes.forEach((host, partitions) -> partitions.forEach(p -> byPartition.put(p, host)));
            owners.put(topic, byPartition);
        }
        // Only a settled assignment is cached: during a rebalance the next lookup asks again.
        View fresh = new View(streams.state() == KafkaStreams.State.RUNNING ? epoch : -1, owners, members);
        view = fresh;
        return fresh;
    }

}
