package dev.dynalog.app.node;

import java.nio.file.Path;

/**
 * What a dynalog node needs to start.
 *
 * @param bootstrapServers the Kafka cluster to use
 * @param dataDir          local data directory (Kafka Streams state lives under it)
 * @param host             host the HTTP endpoint binds to
 * @param port             HTTP port (0 picks a free one)
 * @param partitions       log partitions per table
 * @param replicationFactor replication factor of the topics dynalog creates
 * @param applicationId    Kafka Streams application id; also the prefix of dynalog's topics
 * @param streamThreads    Kafka Streams threads
 * @param commitIntervalMs exactly-once commit interval; answers do not wait for it
 */
public record NodeConfig(
        String bootstrapServers,
        Path dataDir,
        String host,
        int port,
        int partitions,
        short replicationFactor,
        String applicationId,
        int streamThreads,
        long commitIntervalMs) {

    /** The defaults of {@code dynalog serve} for what is not given. */
    public static NodeConfig of(String bootstrapServers, Path dataDir, String host, int port) {
        return new NodeConfig(bootstrapServers, dataDir, host, port, 4, (short) 1, "dynalog", 1, 1000);
    }
}
