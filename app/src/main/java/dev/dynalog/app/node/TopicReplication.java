package dev.dynalog.app.node;

/**
 * How the topics dynalog creates (its own and Kafka Streams' changelogs and repartition topics)
 * are replicated: a pure function of the cluster's size and what the operator asked for.
 *
 * <p>Every producer writes with acks=all (the command writer's and the registry's explicitly,
 * Kafka Streams' through exactly-once), so an acknowledged record is on {@code minInSync}
 * brokers at least: with three brokers or more the default survives the loss of any one broker
 * without losing an acknowledged write and without stopping writes.
 *
 * @param factor    replicas of every partition
 * @param minInSync {@code min.insync.replicas} of every topic
 * @param reason    why, for the start-up line
 */
public record TopicReplication(short factor, int minInSync, String reason) {
    /** {@link NodeConfig#replicationFactor()} of a node that chooses by the cluster's size. */
    public static final short AUTO = 0;

    public TopicReplication {
        if (factor < 1 || minInSync < 1 || minInSync > factor) {
            throw new IllegalArgumentException("replication factor " + factor + " with min.insync.replicas " + minInSync);
        }
    }

    /**
     * The replication for a node whose configuration says {@code configured} ({@link #AUTO} or a
     * factor) on a cluster of {@code brokers} brokers; {@code embedded} is the node's own broker.
     * An explicit factor wins (with min.insync.replicas 2 once it allows one, as before); auto is
     * 3 and 2 from three brokers up, and below that one replica per broker with
     * min.insync.replicas 1, so that a two-broker cluster still takes writes with a broker down.
     */
    public static TopicReplication choose(short configured, int brokers, boolean embedded) {
        if (configured != AUTO) {
            return new TopicReplication(configured, Math.min(2, configured),
                    "--replication-factor " + configured + ", " + brokers + (brokers == 1 ? " broker" : " brokers"));
        }
        if (embedded) {
            return new TopicReplication((short) 1, 1, "embedded single broker: no replication");
        }
        if (brokers >= 3) {
            return new TopicReplication((short) 3, 2, brokers + " brokers");
        }
        return new TopicReplication((short) Math.max(1, brokers), 1,
                brokers + (brokers == 1 ? " broker: no replication" : " brokers: fewer than 3"));
    }

    /** The start-up line, e.g. {@code replication factor 3, min.insync.replicas 2 (3 brokers)}. */
    public String describe() {
        return factor == 1 ? "replication factor 1 (" + reason + ")"
                : "replication factor " + factor + ", min.insync.replicas " + minInSync + " (" + reason + ")";
    }
}
