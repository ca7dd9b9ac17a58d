package dev.dynalog.app.node;

import dev.dynalog.connectors.dynamodb.ThroughputBudgets;
import dev.dynalog.streams.changes.ChangeTopics;
import dev.dynalog.streams.ttl.ExpirySweeper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * What a dynalog node needs to start.
 *
 * @param bootstrapServers the Kafka cluster to use
 * @param dataDir          local data directory (Kafka Streams state lives under it)
 * @param host             host the HTTP endpoint binds to
 * @param port             HTTP port (0 picks a free one)
 * @param partitions       log partitions per table
 * @param replicationFactor replication factor of the topics dynalog creates, or
 *                         {@link TopicReplication#AUTO} to choose it by the cluster's size
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
 * @param standbyReadMaxLag how stale a standby copy of a partition may be to answer an eventually
 *                         consistent read through this node: it must hold every change committed
 *                         that long before the read (zero: standbys answer no reads)
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
        int standbyReplicas,
        Duration standbyReadMaxLag) {
    public static final long DYNAMODB_ITEM_COLLECTION_LIMIT_BYTES = 10L * 1024 * 1024 * 1024;
    /** As long as DynamoDB's point-in-time recovery reaches back. */
    public static final Duration DEFAULT_LOG_RETENTION = Duration.ofDays(35);
    public static final Duration DEFAULT_DIGEST_INTERVAL = Duration.ofSeconds(5);
    public static final Duration DEFAULT_SNAPSHOT_INTERVAL = Duration.ofHours(24);
    public static final Duration DEFAULT_STANDBY_READ_MAX_LAG = Duration.ofSeconds(1);

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
        return new NodeConfig(bootstrapServers, dataDir, host, port, 4, TopicReplication.AUTO, "dynalog", 1, 25, null, 0,
                ChangeTopics.DEFAULT_RETENTION, DYNAMODB_ITEM_COLLECTION_LIMIT_BYTES, DEFAULT_LOG_RETENTION,
                DEFAULT_DIGEST_INTERVAL, DEFAULT_SNAPSHOT_INTERVAL, Throughput.DYNAMODB,
                ExpirySweeper.DEFAULT_INTERVAL, FrontDoor.OPEN, null, true, 0, DEFAULT_STANDBY_READ_MAX_LAG);
    }

    public NodeConfig withPartitions(int count) {
        return copy(c -> c.partitions = count);
    }

    public NodeConfig withDigestInterval(Duration interval) {
        return copy(c -> c.digestInterval = interval);
    }

    public NodeConfig withThroughput(Throughput newThroughput) {
        return copy(c -> c.throughput = newThroughput);
    }

    public NodeConfig withAdvertisedUrl(String url) {
        return copy(c -> c.advertisedUrl = url);
    }

    public NodeConfig withSharedLog(boolean shared) {
        return copy(c -> c.sharedLog = shared);
    }

    public NodeConfig withStandbyReplicas(int count) {
        return copy(c -> c.standbyReplicas = count);
    }

    public NodeConfig withStandbyReadMaxLag(Duration lag) {
        return copy(c -> c.standbyReadMaxLag = lag);
    }

    public NodeConfig withTtlSweepInterval(Duration interval) {
        return copy(c -> c.ttlSweepInterval = interval);
    }

    public NodeConfig withFrontDoor(FrontDoor door) {
        return copy(c -> c.frontDoor = door);
    }

    /** This configuration with what {@code change} sets changed: one place that lists every component. */
    private NodeConfig copy(Consumer<Copy> change) {
        Copy c = new Copy(this);
        change.accept(c);
        return new NodeConfig(c.bootstrapServers, c.dataDir, c.host, c.port, c.partitions, c.replicationFactor,
                c.applicationId, c.streamThreads, c.commitIntervalMs, c.schemaRegistryUrl, c.schemaRegistryPort,
                c.changeRetention, c.itemCollectionLimitBytes, c.logRetention, c.digestInterval, c.snapshotInterval,
                c.throughput, c.ttlSweepInterval, c.frontDoor, c.advertisedUrl, c.sharedLog, c.standbyReplicas,
                c.standbyReadMaxLag);
    }

    /** The components of a configuration being copied, to be changed before the copy is made. */
    private static final class Copy {
        String bootstrapServers;
        Path dataDir;
        String host;
        int port;
        int partitions;
        short replicationFactor;
        String applicationId;
        int streamThreads;
        long commitIntervalMs;
        String schemaRegistryUrl;
        int schemaRegistryPort;
        Duration changeRetention;
        long itemCollectionLimitBytes;
        Duration logRetention;
        Duration digestInterval;
        Duration snapshotInterval;
        Throughput throughput;
        Duration ttlSweepInterval;
        FrontDoor frontDoor;
        String advertisedUrl;
        boolean sharedLog;
        int standbyReplicas;
        Duration standbyReadMaxLag;

        Copy(NodeConfig o) {
            bootstrapServers = o.bootstrapServers;
            dataDir = o.dataDir;
            host = o.host;
            port = o.port;
            partitions = o.partitions;
            replicationFactor = o.replicationFactor;
            applicationId = o.applicationId;
            streamThreads = o.streamThreads;
            commitIntervalMs = o.commitIntervalMs;
            schemaRegistryUrl = o.schemaRegistryUrl;
            schemaRegistryPort = o.schemaRegistryPort;
            changeRetention = o.changeRetention;
            itemCollectionLimitBytes = o.itemCollectionLimitBytes;
            logRetention = o.logRetention;
            digestInterval = o.digestInterval;
            snapshotInterval = o.snapshotInterval;
            throughput = o.throughput;
            ttlSweepInterval = o.ttlSweepInterval;
            frontDoor = o.frontDoor;
            advertisedUrl = o.advertisedUrl;
            sharedLog = o.sharedLog;
            standbyReplicas = o.standbyReplicas;
            standbyReadMaxLag = o.standbyReadMaxLag;
        }
    }
}
