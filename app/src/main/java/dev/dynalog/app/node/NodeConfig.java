package dev.dynalog.app.node;

import dev.dynalog.connectors.dynamodb.ThroughputBudgets;
import dev.dynalog.streams.changes.ChangeTopics;
import dev.dynalog.streams.ttl.ExpirySweeper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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
 * @param schemaRegistryUrl a Confluent-compatible schema registry to use, or null to serve the
 *                          embedded one
 * @param schemaRegistryPort port of the embedded registry (0 picks a free one)
 * @param changeRetention  how long change topics keep records
 * @param itemCollectionLimitBytes the item collection size limit of tables created with local
 *                         indexes (DynamoDB's: 10 GB); lower it to see the limit at work
 * @param logRetention     how long the command log (and its digests) keeps commands: the window
 *                         restores can reach back into
 * @param digestInterval   how often each partition records the digests of its tables
 * @param snapshotInterval how often the node snapshots every partition's state for restores
 * @param throughput       how tables' capacity is enforced
 * @param ttlSweepInterval how often the node's Time to Live sweeper looks for expired items in
 *                         the partitions it owns
 * @param frontDoor        who may call the endpoint, and from which browser origins
 * @param advertisedUrl    the URL other nodes reach this node's HTTP port at (Kafka Streams'
 *                         {@code application.server}), or null for its own endpoint
 * @param sharedLog        whether other nodes may join this node's application on the same
 *                         Kafka cluster; false only for a node on a broker of its own (embedded)
 * @param standbyReplicas  standby copies of each task Kafka Streams keeps on other nodes, so a
 *                         failed node's partitions resume without rebuilding their stores
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
        long commitIntervalMs,
        String schemaRegistryUrl,
        int schemaRegistryPort,
        Duration changeRetention,
        long itemCollectionLimitBytes,
        Duration logRetention,
        Duration digestInterval,
        Duration snapshotInterval,
        Throughput throughput,
        Duration ttlSweepInterval,
        FrontDoor frontDoor,
        String advertisedUrl,
        boolean sharedLog,
        int standbyReplicas) {
    public static final long DYNAMODB_ITEM_COLLECTION_LIMIT_BYTES = 10L * 1024 * 1024 * 1024;
    /** As long as DynamoDB's point-in-time recovery reaches back. */
    public static final Duration DEFAULT_LOG_RETENTION = Duration.ofDays(35);
    public static final Duration DEFAULT_DIGEST_INTERVAL = Duration.ofSeconds(5);
    public static final Duration DEFAULT_SNAPSHOT_INTERVAL = Duration.ofHours(24);

    /**
     * Capacity enforcement: whether tables are throttled at all, an on-demand table's limit in
     * units per second, and how many seconds of unused capacity a table keeps for bursts.
     */
    public record Throughput(boolean throttling, double onDemandTableLimit, double burstSeconds) {
        public static final Throughput DYNAMODB = new Throughput(true, ThroughputBudgets.DEFAULT_ON_DEMAND_LIMIT,
                ThroughputBudgets.BURST_SECONDS);
    }

    /**
     * Who may call the endpoint: {@code sigV4} false lets anyone (signatures unchecked, as
     * DynamoDB Local); true requires a signature by a key of {@code credentials}, and, if {@code
     * policy} is given, permission by it. {@code corsOrigins} are the browser origins allowed.
     */
    public record FrontDoor(boolean sigV4, Path credentials, Path policy, List<String> corsOrigins) {
        public static final FrontDoor OPEN = new FrontDoor(false, null, null, List.of());

        public FrontDoor {
            corsOrigins = List.copyOf(corsOrigins);
            if (sigV4 && credentials == null) {
                throw new IllegalArgumentException("--auth sigv4 needs --credentials");
            }
            if (!sigV4 && (credentials != null || policy != null)) {
                throw new IllegalArgumentException("--credentials and --policy need --auth sigv4");
            }
        }
    }

    /**
     * The defaults of {@code dynalog serve} for what is not given, except that the embedded schema
     * registry takes a free port, so that several nodes can run side by side.
     */
    public static NodeConfig of(String bootstrapServers, Path dataDir, String host, int port) {
        return new NodeConfig(bootstrapServers, dataDir, host, port, 4, (short) 1, "dynalog", 1, 25, null, 0,
                ChangeTopics.DEFAULT_RETENTION, DYNAMODB_ITEM_COLLECTION_LIMIT_BYTES, DEFAULT_LOG_RETENTION,
                DEFAULT_DIGEST_INTERVAL, DEFAULT_SNAPSHOT_INTERVAL, Throughput.DYNAMODB,
                ExpirySweeper.DEFAULT_INTERVAL, FrontDoor.OPEN, null, true, 0);
    }

    public NodeConfig withPartitions(int count) {
        return new NodeConfig(bootstrapServers, dataDir, host, port, count, replicationFactor, applicationId,
                streamThreads, commitIntervalMs, schemaRegistryUrl, schemaRegistryPort, changeRetention,
                itemCollectionLimitBytes, logRetention, digestInterval, snapshotInterval, throughput,
                ttlSweepInterval, frontDoor, advertisedUrl, sharedLog, standbyReplicas);
    }

    public NodeConfig withDigestInterval(Duration interval) {
        return new NodeConfig(bootstrapServers, dataDir, host, port, partitions, replicationFactor, applicationId,
                streamThreads, commitIntervalMs, schemaRegistryUrl, schemaRegistryPort, changeRetention,
                itemCollectionLimitBytes, logRetention, interval, snapshotInterval, throughput,
                ttlSweepInterval, frontDoor, advertisedUrl, sharedLog, standbyReplicas);
    }

    public NodeConfig withThroughput(Throughput newThroughput) {
        return new NodeConfig(bootstrapServers, dataDir, host, port, partitions, replicationFactor, applicationId,
                streamThreads, commitIntervalMs, schemaRegistryUrl, schemaRegistryPort, changeRetention,
                itemCollectionLimitBytes, logRetention, digestInterval, snapshotInterval, newThroughput,
                ttlSweepInterval, frontDoor, advertisedUrl, sharedLog, standbyReplicas);
    }

    public NodeConfig withAdvertisedUrl(String url) {
        return new NodeConfig(bootstrapServers, dataDir, host, port, partitions, replicationFactor, applicationId,
                streamThreads, commitIntervalMs, schemaRegistryUrl, schemaRegistryPort, changeRetention,
                itemCollectionLimitBytes, logRetention, digestInterval, snapshotInterval, throughput,
                ttlSweepInterval, frontDoor, url, sharedLog, standbyReplicas);
    }

    public NodeConfig withSharedLog(boolean shared) {
        return new NodeConfig(bootstrapServers, dataDir, host, port, partitions, replicationFactor, applicationId,
                streamThreads, commitIntervalMs, schemaRegistryUrl, schemaRegistryPort, changeRetention,
                itemCollectionLimitBytes, logRetention, digestInterval, snapshotInterval, throughput,
                ttlSweepInterval, frontDoor, advertisedUrl, shared, standbyReplicas);
    }

    public NodeConfig withStandbyReplicas(int count) {
        return new NodeConfig(bootstrapServers, dataDir, host, port, partitions, replicationFactor, applicationId,
                streamThreads, commitIntervalMs, schemaRegistryUrl, schemaRegistryPort, changeRetention,
                itemCollectionLimitBytes, logRetention, digestInterval, snapshotInterval, throughput,
                ttlSweepInterval, frontDoor, advertisedUrl, sharedLog, count);
    }

    public NodeConfig withTtlSweepInterval(Duration interval) {
        return new NodeConfig(bootstrapServers, dataDir, host, port, partitions, replicationFactor, applicationId,
                streamThreads, commitIntervalMs, schemaRegistryUrl, schemaRegistryPort, changeRetention,
                itemCollectionLimitBytes, logRetention, digestInterval, snapshotInterval, throughput, interval, frontDoor,
                advertisedUrl, sharedLog, standbyReplicas);
    }

    public NodeConfig withFrontDoor(FrontDoor door) {
        return new NodeConfig(bootstrapServers, dataDir, host, port, partitions, replicationFactor, applicationId,
                streamThreads, commitIntervalMs, schemaRegistryUrl, schemaRegistryPort, changeRetention,
                itemCollectionLimitBytes, logRetention, digestInterval, snapshotInterval, throughput,
                ttlSweepInterval, door, advertisedUrl, sharedLog, standbyReplicas);
    }
}
