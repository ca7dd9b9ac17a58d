package dev.dynalog.app;

import dev.dynalog.app.broker.EmbeddedKafkaBroker;
import dev.dynalog.app.node.DynalogNode;
import dev.dynalog.app.node.NodeConfig;
import dev.dynalog.app.node.TopicReplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.logging.log4j.LogManager;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dynalog serve}: an embedded single-node Kafka broker (unless {@code --bootstrap-servers}
 * names a cluster) and a dynalog node, until SIGTERM or Ctrl-C.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Runs dynalog: the DynamoDB API on http://localhost:8000, backed by Kafka.")
public final class ServeCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "8000", description = "HTTP port (default: ${DEFAULT-VALUE}).")
    int port;
    @Option(names = "--host", defaultValue = "0.0.0.0", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;
    @Option(names = "--data-dir", defaultValue = "data", description = "Local data directory (default: ./${DEFAULT-VALUE}).")
    Path dataDir;
    @Option(names = "--bootstrap-servers", description = "Use this Kafka cluster instead of the embedded broker.")
    String bootstrapServers;
    @Option(names = "--advertised-url", description = "The URL other dynalog nodes reach this one at, e.g. "
            + "http://host1:8000 (default: this node's own endpoint). Nodes of one cluster (same --bootstrap-servers "
            + "and --application-id) forward reads and results to each other through it.")
    String advertisedUrl;
    @Option(names = "--standby-replicas", defaultValue = "0",
            description = "Standby copies of each partition's state that other nodes keep up to date, so that a failed "
                    + "node's partitions resume in seconds instead of after their stores are rebuilt (default: ${DEFAULT-VALUE}).")
    int standbyReplicas;
    @Option(names = "--standby-read-max-lag-ms", defaultValue = "1000",
            description = "An eventually consistent read of a partition that runs on another node is answered by this "
                    + "node's standby copy when that holds every change committed this long before the read "
                    + "(0: never; default: ${DEFAULT-VALUE}).")
    long standbyReadMaxLagMs;
    @Option(names = "--kafka-port", description = "Port of the embedded broker (default: --port + 1092, i.e. 9092 "
            + "for port 8000; a free one when --port is 0).")
    Integer kafkaPort;
    @Option(names = "--partitions", defaultValue = "4", description = "Log partitions per table (default: ${DEFAULT-VALUE}).")
    int partitions;
    @Option(names = "--replication-factor", defaultValue = "auto", converter = ReplicationFactorConverter.class,
            description = "Replication factor of the topics dynalog creates, or auto (default): 3 with "
                    + "min.insync.replicas 2 on a cluster of three brokers or more, else one replica per broker.")
    short replicationFactor;
    @Option(names = "--application-id", defaultValue = "dynalog",
            description = "Kafka Streams application id and topic prefix (default: ${DEFAULT-VALUE}).")
    String applicationId;

    // One thread fetches every partition in one request and processes more commands per loop; on
    // a small machine that costs less CPU per write than two threads each fetching a few.
    @Option(names = "--stream-threads", defaultValue = "1", description = "Kafka Streams threads (default: ${DEFAULT-VALUE}).")
    int streamThreads;
    // Answers do not wait for the commit, but read_committed consumers of the change streams (and
    // of index topics) see a change only once its transaction commits: the interval is their lag.
    // With a record per batch of writes and counters per commit, 40 commits a second keep the
    // change-stream and GSI lag p99 under 100 ms at 4,000 writes a second for about a tenth of
    // the put throughput of 10 a second (bench/NOTES.md, session 9).
    @Option(names = "--commit-interval-ms", defaultValue = "25",
            description = "Exactly-once commit interval; answers do not wait for it (default: ${DEFAULT-VALUE}).")
    long commitIntervalMs;

    @Option(names = "--throttling", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Throttle tables to their capacity as DynamoDB does: provisioned tables to their read and "
                    + "write capacity units, on-demand tables to --on-demand-table-limit (--no-throttling: never).")
    boolean throttling;

    @Option(names = "--on-demand-table-limit", defaultValue = "40000",
            description = "Read and write units per second an on-demand table may take, each (default: ${DEFAULT-VALUE}, "
                    + "DynamoDB's default table quota).")
    double onDemandTableLimit;

    @Option(names = "--burst-seconds", defaultValue = "300",
            description = "Seconds of unused capacity a table keeps for bursts (default: ${DEFAULT-VALUE}, as DynamoDB).")
    double burstSeconds;

    @Option(names = "--schema-registry-url",
            description = "Use this Confluent-compatible schema registry instead of serving the embedded one.")
    String schemaRegistryUrl;
    @Option(names = "--schema-registry-port", description = "Port of the embedded schema registry (default: --port + 81, "
            + "i.e. 8081 for port 8000; a free one when --port is 0; 0 picks a free one).")
    Integer schemaRegistryPort;
    @Option(names = "--ephemeral", description = "Keep the data in a temporary directory deleted at exit (still a real "
            + "Kafka log and RocksDB), like DynamoDB Local's -inMemory; --data-dir is ignored.")
    boolean ephemeral;
    @Option(names = "--print-config", description = "Print the configuration this would run with, ports resolved, and exit.")
    boolean printConfig;
    // Kafka's own default retention: longer than DynamoDB's 24 hours, so a consumer down over a
    // weekend still catches up, and disks are already sized for it.
    @Option(names = "--change-retention-hours", defaultValue = "168",
            description = "How long change topics keep records (default: ${DEFAULT-VALUE}, 7 days; DynamoDB keeps 24).")
    long changeRetentionHours;
    @Option(names = "--item-collection-limit-bytes", defaultValue = "10737418240",
            description = "Largest item collection (items and local index entries of one partition key) of tables "
                    + "created with local secondary indexes (default: ${DEFAULT-VALUE}, DynamoDB's 10 GB).")
    long itemCollectionLimitBytes;
    // The command log is the backup: its retention is how far back a restore can go.
    @Option(names = "--log-retention-hours", defaultValue = "840",
            description = "How long the command log keeps commands, i.e. how far back tables can be restored "
                    + "(default: ${DEFAULT-VALUE}, 35 days, as DynamoDB's point-in-time recovery).")
    long logRetentionHours;
    @Option(names = "--digest-interval-seconds", defaultValue = "5",
            description = "How often each partition records its tables' digests, which restores check "
                    + "themselves against (default: ${DEFAULT-VALUE}).")
    long digestIntervalSeconds;
    @Option(names = "--snapshot-interval-hours", defaultValue = "24",
            description = "How often every partition's state is snapshotted into the snapshots topic, so restores "
                    + "need not replay the whole log and outlive its retention (default: ${DEFAULT-VALUE}).")
    long snapshotIntervalHours;
    @Option(names = "--ttl-sweep-interval", defaultValue = "5",
            description = "Seconds between the Time to Live sweeps that look for expired items in the partitions "
                    + "this node owns (decimals allowed; default: ${DEFAULT-VALUE}). An expired item's deletion "
                    + "typically follows its expiry time by up to this much, plus the log's own latency.")
    BigDecimal ttlSweepIntervalSeconds;

    @Option(names = "--auth", defaultValue = "none",
            description = "none: signatures are not checked, as DynamoDB Local (default); sigv4: every request must "
                    + "carry a valid AWS Signature Version 4 by a key of --credentials.")
    AuthMode auth;
    @Option(names = "--credentials", description = "With --auth sigv4: a file of access keys, one a line: "
            + "ACCESS_KEY_ID SECRET_ACCESS_KEY PRINCIPAL; re-read when it changes.")
    Path credentials;
    @Option(names = "--policy", description = "With --auth sigv4: an IAM-style policy document saying which "
            + "principal may do which dynamodb: actions on which tables (default deny); re-read when it changes. "
            + "Without it every known key may do everything.")
    Path policy;
    @Option(names = "--cors-allowed-origins", split = ",", description = "Browser origins allowed to call the "
            + "endpoint (comma-separated, or *); default none.")
    List<String> corsAllowedOrigins = List.of();

    enum AuthMode { none, sigv4 }

    /** {@code auto} ({@link TopicReplication#AUTO}) or a replication factor of 1 or more. */
    static final class ReplicationFactorConverter implements CommandLine.ITypeConverter<Short> {
        @Override
        public Short convert(String value) {
            if (value.equals("auto")) {
                return TopicReplication.AUTO;
            }
            short factor = Short.parseShort(value);
            if (factor < 1) {
                throw new CommandLine.TypeConversionException("a replication factor is 1 or more, or auto");
            }
            return factor;
        }
    }

    /**
     * A port derived from the HTTP port, so that nodes started with different {@code --port}s on
     * one host do not clash: 0 (a free port) when the HTTP port is 0.
     */
    private static int derived(Integer given, int httpPort, int offset) {
        if (given != null) {
            return given;
        }
        return httpPort == 0 ? 0 : httpPort + offset;
    }

    @Override
    public Integer call() throws Exception {
        int kafkaPort = derived(this.kafkaPort, port, 1092);
        int schemaRegistryPort = derived(this.schemaRegistryPort, port, 81);
        if (printConfig) {
            System.out.println("port=" + port);
            System.out.println("host=" + host);
            System.out.println("data-dir=" + (ephemeral ? "(a temporary directory, deleted at exit)"
                    : dataDir.toAbsolutePath().normalize()));
            System.out.println("bootstrap-servers=" + (bootstrapServers != null ? bootstrapServers
                    : "(embedded broker on port " + (kafkaPort == 0 ? "any free" : kafkaPort) + ")"));
            System.out.println("schema-registry=" + (schemaRegistryUrl != null ? schemaRegistryUrl
                    : "(embedded on port " + (schemaRegistryPort == 0 ? "any free" : schemaRegistryPort) + ")"));
            System.out.println("partitions=" + partitions);
            System.out.println("replication-factor=" + (replicationFactor == TopicReplication.AUTO
                    ? "auto (by the number of brokers)" : replicationFactor));
            System.out.println("application-id=" + applicationId);
            System.out.println("standby-replicas=" + standbyReplicas);
            System.out.println("standby-read-max-lag-ms=" + standbyReadMaxLagMs);
            System.out.println("advertised-url=" + (advertisedUrl != null ? advertisedUrl : "(this node's endpoint)"));
            System.out.println("log-retention-hours=" + logRetentionHours);
            System.out.println("throttling=" + throttling + " (on-demand table limit " + onDemandTableLimit
                    + " units/s, burst " + burstSeconds + " s)");
            System.out.println("ttl-sweep-interval=" + ttlSweepIntervalSeconds.toPlainString());
            System.out.println("auth=" + auth + (credentials == null ? "" : " (credentials " + credentials
                    + (policy == null ? "" : ", policy " + policy) + ")"));
            System.out.println("cors-allowed-origins=" + (corsAllowedOrigins.isEmpty() ? "(none)"
                    : String.join(",", corsAllowedOrigins)));
            return 0;
        }
        NodeConfig.FrontDoor frontDoor;
        try {
            frontDoor = new NodeConfig.FrontDoor(auth == AuthMode.sigv4, credentials, policy, corsAllowedOrigins);
        } catch (IllegalArgumentException e) {
            System.err.println("dynalog: " + e.getMessage());
            return 2;
        }
        Path dir = ephemeral ? Files.createTempDirectory("dynalog-ephemeral-") : dataDir.toAbsolutePath().normalize();
        System.setProperty("dynalog.log.dir", dir.toString()); // before anything logs: see log4j2.xml
        EmbeddedKafkaBroker broker = null;
        String kafka = bootstrapServers;
        try {
            if (kafka == null) {
                broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), kafkaPort);
                kafka = broker.bootstrapServers();
            }
            DynalogNode node = DynalogNode.start(new NodeConfig(kafka, dir, host, port, partitions, replicationFactor,
                    applicationId, streamThreads, commitIntervalMs, schemaRegistryUrl, schemaRegistryPort,
                    Duration.ofHours(changeRetentionHours), itemCollectionLimitBytes, Duration.ofHours(logRetentionHours),
                    Duration.ofSeconds(digestIntervalSeconds), Duration.ofHours(snapshotIntervalHours),
                    new NodeConfig.Throughput(throttling, onDemandTableLimit, burstSeconds),
                    Duration.ofMillis(ttlSweepIntervalSeconds.movePointRight(3).longValue()), frontDoor, advertisedUrl,
                    bootstrapServers != null, standbyReplicas, Duration.ofMillis(standbyReadMaxLagMs)));
            CountDownLatch stopped = new CountDownLatch(1);
            EmbeddedKafkaBroker embedded = broker;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                node.close();
                if (embedded != null) {
                    embedded.close();
                }
                // log4j2.component.properties turns off Log4j's own hook so logging lasts until here
                LogManager.shutdown();
                if (ephemeral) {
                    deleteTree(dir);
                }
                stopped.countDown();
            }, "dynalog-shutdown"));
            System.out.println(node.replication().describe());
            System.out.println("dynalog ready: " + node.endpoint() + " (kafka: " + kafka + ", schema registry: "
                    + node.schemaRegistry() + ", auth: " + auth + ")");
            System.out.flush();
            stopped.await();
            return 0;
        } catch (Exception e) {
            System.err.println("dynalog could not start: " + e);
            if (broker != null) {
                broker.close();
            }
            if (ephemeral) {
                deleteTree(dir);
            }
            return 1;
        }
    }

    private static void deleteTree(Path dir) {
        try {
            FileTrees.delete(dir);
        } catch (java.io.UncheckedIOException e) {
            System.err.println(e.getMessage() + ": " + e.getCause());
        }
    }
}
