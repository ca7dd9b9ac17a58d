package dev.dynalog.app.node;

import dev.dynalog.connectors.dynamodb.DynamoDbApi;
import dev.dynalog.connectors.dynamodb.TableDescriptionWriter;
import dev.dynalog.connectors.http.DynamoDbHttpServer;
import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.streams.TopicNames;
import dev.dynalog.streams.catalog.TableCatalog;
import dev.dynalog.streams.catalog.TableLifecycle;
import dev.dynalog.streams.query.ItemReader;
import dev.dynalog.streams.read.ProcessedOffsets;
import dev.dynalog.streams.read.ReadBarrier;
import dev.dynalog.streams.reply.PendingResults;
import dev.dynalog.streams.topology.DynalogTopology;
import dev.dynalog.streams.topology.TableStreams;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import dev.dynalog.core.error.Errors;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One dynalog node: the catalog, the Kafka Streams application and the HTTP endpoint, wired
 * together on a Kafka cluster that someone else started.
 */
public final class DynalogNode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DynalogNode.class);
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(2);

    private final Deque<AutoCloseable> resources;
    private final URI endpoint;

    private DynalogNode(Deque<AutoCloseable> resources, URI endpoint) {
        this.resources = resources;
        this.endpoint = endpoint;
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
            createCatalogTopic(admin, topics.catalog(), config.replicationFactor());

            TableCatalog catalog = new TableCatalog(config.bootstrapServers(), topics.catalog());
            resources.push(catalog);
            catalog.start(STARTUP_TIMEOUT);
            int partitions = partitionsInUse(catalog, config.partitions());

            PendingResults pending = new PendingResults(UUID.randomUUID().toString());
            ProcessedOffsets offsets = new ProcessedOffsets();
            ReadBarrier barrier = new ReadBarrier(offsets, tp -> endOffset(admin, tp), Duration.ofSeconds(30));
            TableStreams streams = TableStreams.start(
                    DynalogTopology.build(topics, pending, offsets),
                    new TableStreams.Settings(config.applicationId(), config.bootstrapServers(),
                            config.dataDir().resolve("streams"), config.replicationFactor(), 2, 100, null));
            resources.push(streams);
            streams.awaitRunning(STARTUP_TIMEOUT);

            var writer = new dev.dynalog.streams.write.CommandWriter(config.bootstrapServers(), pending, barrier, topics,
                    Duration.ofSeconds(30));
            resources.push(writer);
            ItemReader reader = new ItemReader(streams, barrier, topics);
            TableLifecycle lifecycle = new TableLifecycle(catalog, admin, streams, writer, topics, config.replicationFactor());
            resources.push(lifecycle);
            lifecycle.resume();

            DynamoDbApi api = new DynamoDbApi(catalog, lifecycle, writer, reader,
                    new TableDescriptionWriter("us-east-1", "000000000000"), partitions, Clock.systemUTC());
            DynamoDbHttpServer http = DynamoDbHttpServer.start(config.host(), config.port(), api, 32);
            resources.push(http);
            String host = config.host().equals("0.0.0.0") || config.host().equals("::") ? "localhost" : config.host();
            return new DynalogNode(resources, URI.create("http://" + host + ":" + http.port()));
        } catch (Exception | Error e) {
            closeAll(resources);
            throw e;
        }
    }

    /**
     * Every table must have as many partitions as Kafka Streams has tasks; once tables exist, their
     * partition count wins over the configured one.
     */
    private static int partitionsInUse(TableCatalog catalog, int configured) {
        List<TableDefinition> tables = catalog.all();
        if (tables.isEmpty()) {
            return configured;
        }
        int existing = tables.get(0).partitions();
        if (existing != configured) {
            log.warn("tables exist with {} partitions; using {} instead of the configured {}", existing, existing, configured);
        }
        return existing;
    }

    private static void createCatalogTopic(Admin admin, String topic, short replicationFactor)
            throws InterruptedException, ExecutionException {
        try {
            admin.createTopics(List.of(new NewTopic(topic, 1, replicationFactor)
                    .configs(Map.of("cleanup.policy", "compact",
                            "min.insync.replicas", String.valueOf(Math.min(2, replicationFactor))))))
                    .all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
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

    /** The endpoint clients use, e.g. {@code http://localhost:8000}. */
    public URI endpoint() {
        return endpoint;
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
