package dev.dynalog.app.node;

import dev.dynalog.connectors.admin.DynalogAdminApi;
import dev.dynalog.connectors.dynamodb.DynamoDbApi;
import dev.dynalog.connectors.export.TableExports;
import dev.dynalog.connectors.export.TableImports;
import dev.dynalog.connectors.dynamodb.TableDescriptionWriter;
import dev.dynalog.connectors.dynamodb.ThroughputBudgets;
import dev.dynalog.connectors.dynamodbstreams.DynamoDbStreamsApi;
import dev.dynalog.connectors.dynamodbstreams.ShardReader;
import dev.dynalog.connectors.http.CorsPolicy;
import dev.dynalog.connectors.http.DynamoDbHttpServer;
import dev.dynalog.connectors.http.InternalEndpoint;
import dev.dynalog.connectors.http.auth.AccessKey;
import dev.dynalog.connectors.http.auth.AccessPolicy;
import dev.dynalog.connectors.http.auth.CredentialsFile;
import dev.dynalog.connectors.http.auth.Gatekeeper;
import dev.dynalog.connectors.http.auth.ReloadingFile;
import dev.dynalog.connectors.http.auth.SigV4Verifier;
import dev.dynalog.connectors.metrics.PrometheusExposition;
import dev.dynalog.connectors.registry.EmbeddedSchemaRegistry;
import dev.dynalog.connectors.registry.KafkaSchemaLog;
import dev.dynalog.core.error.Errors;
import dev.dynalog.schemas.registry.SchemaRegistryClient;
import dev.dynalog.app.broker.HangingTransactions;
import dev.dynalog.streams.TopicNames;
import dev.dynalog.streams.catalog.TableCatalog;
import dev.dynalog.streams.catalog.TableLifecycle;
import dev.dynalog.streams.changes.ChangeRecordSerializer;
import dev.dynalog.streams.changes.ChangeTopics;
import dev.dynalog.streams.index.IndexLagMetrics;
import dev.dynalog.streams.index.IndexLogProgress;
import dev.dynalog.streams.query.ItemReader;
import dev.dynalog.streams.query.SnapshotReader;
import dev.dynalog.streams.transaction.TransactionActivity;
import dev.dynalog.streams.restore.CommandLogCuts;
import dev.dynalog.streams.restore.RestoreVerifier;
import dev.dynalog.streams.restore.Restores;
import dev.dynalog.streams.restore.TableLoader;
import dev.dynalog.streams.restore.TableReplay;
import dev.dynalog.streams.write.CommandWriter;
import dev.dynalog.streams.write.DigestTicker;
import dev.dynalog.streams.ttl.ExpirySweeper;
import dev.dynalog.streams.state.ItemState;
import dev.dynalog.streams.state.StoreItemState;
import dev.dynalog.streams.write.TransactionCoordinator;
import dev.dynalog.streams.write.TransactionTicker;
import dev.dynalog.streams.read.ProcessedOffsets;
import dev.dynalog.streams.read.ReadBarrier;
import dev.dynalog.streams.reply.NodeId;
import dev.dynalog.streams.reply.PendingResults;
import dev.dynalog.streams.reply.ResultRouter;
import dev.dynalog.streams.cluster.PartitionOwners;
import dev.dynalog.streams.cluster.StandbyFreshness;
import dev.dynalog.streams.cluster.StandbyLagWatch;
import dev.dynalog.streams.query.ForwardedReadService;
import dev.dynalog.streams.query.ForwardedReads;
import dev.dynalog.streams.query.LocalPartitionReads;
import dev.dynalog.streams.query.ReadCounts;
import dev.dynalog.connectors.cluster.ClusterEndpoint;
import dev.dynalog.connectors.cluster.ClusterKeys;
import dev.dynalog.connectors.cluster.ConsumptionExchange;
import dev.dynalog.connectors.cluster.HttpReadTransport;
import dev.dynalog.connectors.cluster.NodeCallSignatures;
import dev.dynalog.connectors.cluster.ResultForwarder;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import org.apache.kafka.streams.state.HostInfo;
import dev.dynalog.streams.topology.DynalogTopology;
import dev.dynalog.streams.topology.TableStreams;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One dynalog node: the catalog, the schema registry (embedded unless one is given), the Kafka
 * Streams application and the HTTP endpoint (DynamoDB and DynamoDB Streams APIs), wired together
 * on a Kafka cluster that someone else started.
 */
public final class DynalogNode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DynalogNode.class);
    // After a crash Kafka Streams rebuilds corrupted tasks from their changelogs and waits for the
    // dead incarnation's transactions to be aborted before it runs: with a large table, or a
    // slow broker recovery, that takes minutes, and giving up earlier only turns a slow start
    // into a failed one.
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(10);
    /** How often a starting node looks for hanging transactions; one is aborted on its second sighting. */
    private static final Duration HANGING_CHECK = Duration.ofSeconds(4);
    private static final String REGION = "us-east-1";
    /** Partitions a restore replays at once: the node keeps serving clients meanwhile. */
    private static final int RESTORE_THREADS = 2;

    private final Deque<AutoCloseable> resources;
    private final URI endpoint;
    private final URI schemaRegistry;
    private final IndexLagMetrics indexLag;
    private final PartitionOwners owners;
    private final TopicNames topics;
    private final TopicReplication replication;

    private DynalogNode(Deque<AutoCloseable> resources, URI endpoint, URI schemaRegistry, IndexLagMetrics indexLag,
                        PartitionOwners owners, TopicNames topics, TopicReplication replication) {
        this.replication = replication;
        this.owners = owners;
        this.topics = topics;
        this.resources = resources;
        this.endpoint = endpoint;
        this.schemaRegistry = schemaRegistry;
        this.indexLag = indexLag;
    }

    /** Starts the node and returns once it serves requests. */
    public static DynalogNode start(NodeConfig config) throws Exception {
        Deque<AutoCloseable> resources = new ArrayDeque<>();
        try {
            TopicNames topics = new TopicNames(config.applicationId());
            Properties adminProps = new Properties();
            adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
            Admin admin = Admin.create(adminProps);
            resources.push(admin);
            long began = System.nanoTime();
            int brokers = admin.describeCluster().nodes().get().size();
            TopicReplication replication = TopicReplication.choose(config.replicationFactor(), brokers,
                    !config.sharedLog());
            log.info("topics: {}", replication.describe());
            String minInSync = String.valueOf(replication.minInSync());
            String retention = String.valueOf(config.logRetention().toMillis());
            // An existing command log keeps its partition count, which every other topic follows.
            Integer existingPartitions = partitionCountIfExists(admin, topics.commandLog());
            int partitions = existingPartitions != null ? existingPartitions : config.partitions();
            if (existingPartitions != null && existingPartitions != config.partitions()) {
                log.warn("the command log {} has {} partitions; using {} instead of the configured {}",
                        topics.commandLog(), existingPartitions, existingPartitions, config.partitions());
            }
            List<NewTopic> needed = new ArrayList<>();
            needed.add(new NewTopic(topics.catalog(), 1, replication.factor())
                    .configs(Map.of("cleanup.policy", "compact", "min.insync.replicas", minInSync)));
            needed.add(new NewTopic(topics.commandLog(), partitions, replication.factor())
                    .configs(Map.of("min.insync.replicas", minInSync,
                            TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(CommandWriter.MAX_COMMAND_BYTES),
                            TopicConfig.RETENTION_MS_CONFIG, retention)));
            // Global index updates go to the partition of their index partition key, among as
            // many partitions as the command log has.
            needed.add(new NewTopic(topics.indexLog(), partitions, replication.factor())
                    .configs(Map.of("min.insync.replicas", minInSync)));
            // A snapshot must outlive the oldest commands it stands in for: kept two intervals longer.
            needed.add(new NewTopic(topics.snapshots(), partitions, replication.factor())
                    .configs(Map.of("min.insync.replicas", minInSync, TopicConfig.RETENTION_MS_CONFIG,
                            String.valueOf(config.logRetention().plus(config.snapshotInterval().multipliedBy(2))
                                    .toMillis()),
                            TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(CommandWriter.MAX_COMMAND_BYTES))));
            // Digests describe commands: they are kept as long as the commands are.
            needed.add(new NewTopic(topics.digests(), partitions, replication.factor())
                    .configs(Map.of("min.insync.replicas", minInSync, TopicConfig.RETENTION_MS_CONFIG, retention)));
            if (config.sharedLog()) {
                needed.add(new NewTopic(topics.clusterKeys(), 1, replication.factor())
                        .configs(Map.of("cleanup.policy", "compact", "min.insync.replicas", minInSync)));
            }
            if (config.schemaRegistryUrl() == null) {
                needed.add(KafkaSchemaLog.topic(topics.schemas(), replication.factor(), replication.minInSync()));
            }
            // One request for all of them: each round trip to the controller costs a start.
            createTopics(admin, needed);
            if (existingPartitions != null) {
                // A log created by an earlier dynalog took records of Kafka's default size only, and
                // the retention (the restore window) is whatever this node is told now.
                admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topics.commandLog()),
                        List.of(new AlterConfigOp(new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                                String.valueOf(CommandWriter.MAX_COMMAND_BYTES)), AlterConfigOp.OpType.SET),
                                new AlterConfigOp(new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, retention),
                                        AlterConfigOp.OpType.SET))))
                        .all().get();
            }
            long topicsReady = System.nanoTime();

            // The catalog and the registry each read a compacted topic to its end: side by side.
            TableCatalog catalog = config.sharedLog() ? new TableCatalog(config.bootstrapServers(), topics.catalog())
                    : TableCatalog.soleWriter(config.bootstrapServers(), topics.catalog());
            resources.push(catalog);
            CompletableFuture<Void> catalogStarted = CompletableFuture.runAsync(() -> {
                try {
                    catalog.start(STARTUP_TIMEOUT);
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            });
            URI registryUrl;
            if (config.schemaRegistryUrl() == null) {
                EmbeddedSchemaRegistry embedded = EmbeddedSchemaRegistry.start(config.bootstrapServers(),
                        topics.schemas(), config.host(), config.schemaRegistryPort(), STARTUP_TIMEOUT);
                resources.push(embedded);
                registryUrl = embedded.url();
            } else {
                registryUrl = URI.create(config.schemaRegistryUrl());
            }
            try {
                catalogStarted.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
            long catalogReady = System.nanoTime();
            SchemaRegistryClient registry = new SchemaRegistryClient(registryUrl);
            ChangeTopics changeTopics = new ChangeTopics(admin, topics, registry, partitions, replication.factor(),
                    replication.minInSync(), config.changeRetention());

            // Recorded by the GSI materializers on the stream threads, served as GET /metrics.
            IndexLagMetrics indexLag = new IndexLagMetrics();
            // Other nodes reach this one at its advertised URL, which Kafka Streams must know
            // before it joins the group, before the HTTP port is bound: a free port is chosen now.
            int port = config.port() != 0 ? config.port() : freePort();
            String ownHost = config.host().equals("0.0.0.0") || config.host().equals("::") ? "localhost" : config.host();
            URI advertised = URI.create(config.advertisedUrl() != null ? config.advertisedUrl()
                    : "http://" + ownHost + ":" + port);
            HostInfo applicationServer = new HostInfo(advertised.getHost(), advertised.getPort());
            NodeId nodeId = NodeId.fresh(advertised);
            PendingResults pending = new PendingResults(nodeId.value());
            HttpClient cluster = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            NodeCallSignatures signatures = nodeCallSignatures(config, topics, resources);
            ResultForwarder forwarder = new ResultForwarder(cluster, signatures);
            resources.push(forwarder);
            ProcessedOffsets offsets = new ProcessedOffsets();
            TransactionActivity transactions = new TransactionActivity();
            TableStreams streams = TableStreams.start(
                    DynalogTopology.build(topics, new ResultRouter(pending, forwarder), offsets, transactions,
                            new ChangeRecordSerializer(registry), indexLag),
                    new TableStreams.Settings(config.applicationId(), config.bootstrapServers(),
                            config.dataDir().resolve("streams"), replication.factor(), replication.minInSync(),
                            config.streamThreads(),
                            config.commitIntervalMs(), applicationServer.host() + ":" + applicationServer.port(),
                            config.standbyReplicas()));
            resources.push(streams);
            PartitionOwners owners = new PartitionOwners(streams, topics, applicationServer, config.sharedLog());
            ReadBarrier barrier = new ReadBarrier(offsets, tp -> endOffset(admin, tp),
                    tp -> committedOffset(admin, config.applicationId(), tp), Duration.ofSeconds(30), owners::alone);
            if (streams.startsClean() && !config.sharedLog()) {
                // Nothing to rebuild: the first rebalance takes about a second, which the first
                // data-plane requests wait out (ItemReader, the read barrier) while the rest starts.
                // Not for a node that may join others: until its first rebalance has ended, the
                // nodes already there may still believe they are alone and answer writes once
                // durable (CommandWriter), which a transaction of this node could then refuse.
                Thread first = new Thread(() -> {
                    try {
                        awaitRunning(streams, admin, config.applicationId());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (RuntimeException e) {
                        log.error("Kafka Streams did not start", e);
                    }
                }, "dynalog-first-rebalance");
                first.setDaemon(true);
                first.start();
            } else {
                // After a crash the stores are rebuilt from their changelogs, which may take long:
                // the node does not serve before they are back.
                awaitRunning(streams, admin, config.applicationId());
            }
            long streamsReady = System.nanoTime();

            var writer = new CommandWriter(config.bootstrapServers(), pending, barrier, offsets,
                    transactions, topics, Duration.ofSeconds(30), owners::alone);
            resources.push(writer);
            resources.push(new TransactionTicker(writer, transactions, partitions, Duration.ofSeconds(1)));
            resources.push(new DigestTicker(writer, catalog, partitions, config.digestInterval()));
            resources.push(new ExpirySweeper(catalog::all, new ExpirySweeper.OwnedPartitions() {
                @Override
                public Set<Integer> owned() {
                    return streams.activePartitions(topics.commandLog());
                }

                @Override
                public ItemState items(int partition) {
                    return StoreItemState.readOnly(streams.itemsStore(partition));
                }

                @Override
                public void failed(int partition) {
                    streams.invalidate(partition);
                }
            }, ExpirySweeper.ExpiryLog.through(writer), Clock.systemUTC()).every(config.ttlSweepInterval()));
            LocalPartitionReads localReads = new LocalPartitionReads(streams, barrier, topics, transactions);
            // Standbys answer eventual reads only where there are standbys and other nodes.
            StandbyFreshness standbyFreshness = new StandbyFreshness(config.sharedLog() && config.standbyReplicas() > 0
                    ? config.standbyReadMaxLag() : Duration.ZERO);
            if (standbyFreshness.enabled()) {
                resources.push(new StandbyLagWatch(streams, topics, tp -> committedOffset(admin, config.applicationId(), tp),
                        standbyFreshness).every(standbyLagRefresh(config.standbyReadMaxLag())));
            }
            ReadCounts readCounts = new ReadCounts();
            ItemReader reader = new ItemReader(localReads, new ForwardedReads(new HttpReadTransport(cluster, signatures)), owners,
                    barrier, topics, standbyFreshness, readCounts);
            IndexLogProgress indexProgress = new IndexLogProgress(topics, partitions,
                    tp -> committedOffset(admin, config.applicationId(), tp), tp -> lastStableOffset(admin, tp));
            TableLifecycle lifecycle = new TableLifecycle(catalog, writer, changeTopics, indexProgress,
                    config.itemCollectionLimitBytes());
            resources.push(lifecycle);
            lifecycle.resume();
            Restores restores = new Restores(catalog, lifecycle,
                    new CommandLogCuts(config.bootstrapServers(), topics.commandLog(), partitions),
                    new TableReplay.Settings(config.bootstrapServers(), topics, config.dataDir().resolve("restore"),
                            RESTORE_THREADS),
                    writer, indexProgress, new RestoreVerifier(reader), Clock.systemUTC());
            restores.resume();
            restores.snapshots().every(config.snapshotInterval());
            resources.push(restores.snapshots());
            TableExports exports = new TableExports(restores, Clock.systemUTC());
            resources.push(exports);
            TableImports imports = new TableImports(catalog, lifecycle, new TableLoader(writer), indexProgress,
                    partitions, Clock.systemUTC());

            TableDescriptionWriter descriptions = new TableDescriptionWriter(REGION, "000000000000");
            // DescribeEndpoints names the node's address, known once its HTTP endpoint listens.
            AtomicReference<String> ownAddress = new AtomicReference<>();
            ThroughputBudgets budgets = new ThroughputBudgets(config.throughput().throttling(),
                    config.throughput().onDemandTableLimit(), config.throughput().burstSeconds(), descriptions::tableArn,
                    System::nanoTime);
            ConsumptionExchange consumption = new ConsumptionExchange(budgets,
                    () -> otherMembers(streams, topics, applicationServer), cluster, signatures);
            if (config.sharedLog()) {
                resources.push(consumption.start());
            }
            DynamoDbApi api = new DynamoDbApi(catalog, lifecycle, writer, reader,
                    new TransactionCoordinator(writer, partitions),
                    new SnapshotReader(reader), restores, descriptions, budgets,
                    partitions, config.ttlSweepInterval().multipliedBy(2), Clock.systemUTC(), ownAddress::get);
            imports.resume(descriptions::tableArn);
            DynalogAdminApi adminApi = new DynalogAdminApi(catalog, restores, exports, imports, descriptions,
                    Clock.systemUTC());
            ShardReader shards = new ShardReader(config.bootstrapServers(), registry);
            resources.push(shards);
            DynamoDbStreamsApi streamsApi = new DynamoDbStreamsApi(catalog, shards, topics, descriptions, REGION,
                    Clock.systemUTC());
            DynamoDbHttpServer http = DynamoDbHttpServer.start(config.host(), port, List.of(api, streamsApi, adminApi),
                    new PrometheusExposition(indexLag, new PrometheusExposition.Appends() {
                        @Override
                        public long commands() {
                            return writer.commandsAppended();
                        }

                        @Override
                        public long records() {
                            return writer.recordsAppended();
                        }
                    }, budgets.hotKeys(), new ClusterStatus(streams, topics, offsets, tp -> endOffset(admin, tp),
                            tp -> committedOffset(admin, config.applicationId(), tp), readCounts)), 32,
                    gatekeeper(config.frontDoor()), CorsPolicy.allowing(config.frontDoor().corsOrigins()),
                    // Only nodes that share their log have other nodes to answer; a lone node serves no internal calls.
                    config.sharedLog() ? new ClusterEndpoint(pending, new ForwardedReadService(localReads, readCounts),
                            signatures, consumption)
                            : InternalEndpoint.NONE,
                    // The catalog was loaded before: ready once Kafka Streams runs.
                    streams::isRunning);
            resources.push(http);
            log.info("node started in {} ms: topics {} ms, catalog and registry {} ms, Kafka Streams {} ms{}, the rest {} ms",
                    millis(began, System.nanoTime()), millis(began, topicsReady), millis(topicsReady, catalogReady),
                    millis(catalogReady, streamsReady), streams.startsClean() && !config.sharedLog() ? " (its first rebalance goes on)" : "",
                    millis(streamsReady, System.nanoTime()));
            String host = config.host().equals("0.0.0.0") || config.host().equals("::") ? "localhost" : config.host();
            ownAddress.set(host + ":" + http.port());
            return new DynalogNode(resources, URI.create("http://" + host + ":" + http.port()), registryUrl, indexLag, owners, topics, replication);
        } catch (Exception | Error e) {
            closeAll(resources);
            throw e;
        }
    }

    /**
     * Waits for Kafka Streams to run, and meanwhile, every few seconds, aborts transactions left
     * hanging on the node's topics (see HangingTransactions): a restore stuck behind one would
     * wait for ever.
     */
    private static void awaitRunning(TableStreams streams, Admin admin, String applicationId) throws InterruptedException {
        HangingTransactions hanging = new HangingTransactions(admin, topic -> topic.startsWith(applicationId + ".")
                || topic.startsWith(applicationId + "-") || topic.equals("__consumer_offsets"));
        ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dynalog-hanging-transactions");
            t.setDaemon(true);
            return t;
        });
        watch.scheduleWithFixedDelay(() -> {
            try {
                hanging.abortHanging();
            } catch (Exception e) {
                log.debug("could not look for hanging transactions", e);
            }
        }, HANGING_CHECK.toMillis(), HANGING_CHECK.toMillis(), TimeUnit.MILLISECONDS);
        try {
            streams.awaitRunning(STARTUP_TIMEOUT);
        } finally {
            watch.shutdownNow();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /**
     * The endpoints of the group's other members, as Kafka Streams last told this node; none
     * while it cannot tell (not running, shutting down, failed).
     */
    private static List<URI> otherMembers(TableStreams streams, TopicNames topics, HostInfo self) {
        try {
            return streams.activePartitionsByNode(topics.commandLog()).keySet().stream()
                    .filter(member -> !member.equals(self))
                    .map(member -> URI.create("http://" + member.host() + ":" + member.port()))
                    .toList();
        } catch (IllegalStateException | org.apache.kafka.streams.errors.StreamsException e) {
            return List.of();
        }
    }

    /**
     * Nodes that share their log sign their calls to each other with the key in the cluster's
     * topic; a lone node makes no such calls, and answers none, so it keeps a key of its own.
     */
    private static NodeCallSignatures nodeCallSignatures(NodeConfig config, TopicNames topics,
                                                         Deque<AutoCloseable> resources) throws Exception {
        if (config.sharedLog()) {
            ClusterKeys keys = ClusterKeys.start(config.bootstrapServers(), topics.clusterKeys());
            resources.push(keys);
            return NodeCallSignatures.of(keys);
        }
        byte[] own = new byte[32];
        new java.security.SecureRandom().nextBytes(own);
        return new NodeCallSignatures(() -> own, () -> List.of(own), Clock.systemUTC());
    }

    /**
     * The endpoint's gatekeeper: both files are read now, so that a node with a broken one does
     * not start, and then re-read when they change.
     */
    private static Gatekeeper gatekeeper(NodeConfig.FrontDoor door) {
        if (!door.sigV4()) {
            log.info("authentication: none (signatures are not checked; --auth sigv4 checks them)");
            return Gatekeeper.open();
        }
        ReloadingFile<Map<String, AccessKey>> keys = new ReloadingFile<>(door.credentials(), CredentialsFile::read,
                System::nanoTime);
        ReloadingFile<AccessPolicy> policy = door.policy() == null ? null
                : new ReloadingFile<>(door.policy(), AccessPolicy::read, System::nanoTime);
        log.info("authentication: sigv4, {} access keys from {}; {}", keys.get().size(), door.credentials(),
                policy == null ? "no policy (every key may do everything)" : "policy " + door.policy());
        return Gatekeeper.sigV4(new SigV4Verifier(REGION, id -> keys.get().get(id), Clock.systemUTC()),
                policy == null ? null : policy::get);
    }

    private static long millis(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1_000_000;
    }

    /** Creates the topics that do not exist yet. */
    private static void createTopics(Admin admin, List<NewTopic> topics) throws InterruptedException, ExecutionException {
        Map<String, org.apache.kafka.common.KafkaFuture<Void>> results = admin.createTopics(topics).values();
        for (Map.Entry<String, org.apache.kafka.common.KafkaFuture<Void>> r : results.entrySet()) {
            try {
                r.getValue().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }

    /** The topic's partition count, or null when it does not exist. */
    private static Integer partitionCountIfExists(Admin admin, String topic) throws InterruptedException, ExecutionException {
        try {
            return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException) {
                return null;
            }
            throw e;
        }
    }

    /**
     * How often a node asks for its standbys' lags: a tenth of the bound, between 20 and 100 ms, so
     * a standby that keeps up is found fresh well within the bound.
     */
    private static Duration standbyLagRefresh(Duration maxLag) {
        return Duration.ofMillis(Math.max(20, Math.min(100, maxLag.toMillis() / 10)));
    }

    private static long endOffset(Admin admin, TopicPartition tp) {
        try {
            return admin.listOffsets(Map.of(tp, OffsetSpec.latest())).partitionResult(tp).get().offset();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Errors.internal("interrupted");
        } catch (ExecutionException e) {
            throw Errors.internal("Could not read the end of " + tp + ": " + e.getCause().getMessage());
        }
    }

    private static long lastStableOffset(Admin admin, TopicPartition tp) {
        try {
            return admin.listOffsets(Map.of(tp, OffsetSpec.latest()),
                    new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).partitionResult(tp).get().offset();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Errors.internal("interrupted");
        } catch (ExecutionException e) {
            throw Errors.internal("Could not read the end of " + tp + ": " + e.getCause().getMessage());
        }
    }

    private static long committedOffset(Admin admin, String group, TopicPartition tp) {
        try {
            OffsetAndMetadata committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().get(tp);
            return committed == null ? -1 : committed.offset();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Errors.internal("interrupted");
        } catch (ExecutionException e) {
            throw Errors.internal("Could not read the committed offset of " + tp + ": " + e.getCause().getMessage());
        }
    }

    /** The endpoint clients use, e.g. {@code http://localhost:8000}. */
    public URI endpoint() {
        return endpoint;
    }

    /** How the node's topics are replicated, as chosen at start (see TopicReplication). */
    public TopicReplication replication() {
        return replication;
    }

    /** The schema registry that holds the change records' schemas, e.g. {@code http://localhost:8081}. */
    public URI schemaRegistry() {
        return schemaRegistry;
    }

    /**
     * How far each global secondary index trails its table on this node: the GSI materializers
     * record into it, {@code GET /metrics} and {@code dynalog index-lag} read it.
     */
    public IndexLagMetrics indexLagMetrics() {
        return indexLag;
    }

    /**
     * The members of the node's application, by advertised address ({@code host:port}), each with
     * the command-log partitions whose active tasks it runs, as of the last rebalance.
     */
    public Map<String, Set<Integer>> commandLogOwners() {
        Map<String, Set<Integer>> byNode = new TreeMap<>();
        owners.activeByNode(topics.commandLog()).forEach((host, partitions) ->
                byNode.put(host.host() + ":" + host.port(), partitions));
        return byNode;
    }

    @Override
    public void close() {
        closeAll(resources);
    }

    private static void closeAll(Deque<AutoCloseable> resources) {
        while (!resources.isEmpty()) {
            AutoCloseable r = resources.pop();
            try {
                r.close();
            } catch (Exception e) {
                log.warn("error while closing {}", r, e);
            }
        }
    }
}
