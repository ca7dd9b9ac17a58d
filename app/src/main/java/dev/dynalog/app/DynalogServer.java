package dev.dynalog.app;

import dev.dynalog.app.broker.EmbeddedKafkaBroker;
import dev.dynalog.app.node.DynalogNode;
import dev.dynalog.app.node.NodeConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * A dynalog node started inside this JVM, as {@code dynalog serve} starts one: an embedded KRaft
 * broker, RocksDB state and the DynamoDB endpoint, for tests and for programs that embed dynalog.
 *
 * <pre>
 * try (DynalogServer server = DynalogServer.builder().port(0).ephemeral().start()) {
 *     DynamoDbClient db = DynamoDbClient.builder().endpointOverride(server.endpoint())...build();
 * }
 * </pre>
 */
public final class DynalogServer implements AutoCloseable {
    private final EmbeddedKafkaBroker broker;
    private final DynalogNode node;
    private final Path ephemeralDir;

    private DynalogServer(EmbeddedKafkaBroker broker, DynalogNode node, Path ephemeralDir) {
        this.broker = broker;
        this.node = node;
        this.ephemeralDir = ephemeralDir;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The DynamoDB (and DynamoDB Streams) endpoint, e.g. {@code http://127.0.0.1:41234}. */
    public URI endpoint() {
        return node.endpoint();
    }

    /** The embedded broker, for Kafka clients of the change streams. */
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** The schema registry of the change records. */
    public URI schemaRegistry() {
        return node.schemaRegistry();
    }

    /** The node itself, for what this API does not show. */
    public DynalogNode node() {
        return node;
    }

    /** Stops the node and its broker; an ephemeral server's data goes with it. */
    @Override
    public void close() {
        try {
            node.close();
        } finally {
            broker.close();
            if (ephemeralDir != null) {
                FileTrees.delete(ephemeralDir);
            }
        }
    }

    /** What the server is to be; every option has {@code dynalog serve}'s default except the ports, which are free ones. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private Path dataDir;
        private boolean ephemeral;
        private Integer partitions;
        private Duration digestInterval;
        private UnaryOperator<NodeConfig> configure = c -> c;

        private Builder() {
        }

        /** The HTTP port; 0 (the default) picks a free one. The broker and registry always take free ports. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** Keeps the data in this directory; a server started again on it finds its tables. */
        public Builder dataDir(Path dir) {
            this.dataDir = dir;
            this.ephemeral = false;
            return this;
        }

        /** Keeps the data in a temporary directory deleted by {@link #close()} (the default without a data directory). */
        public Builder ephemeral() {
            this.ephemeral = true;
            this.dataDir = null;
            return this;
        }

        public Builder partitions(int partitions) {
            this.partitions = partitions;
            return this;
        }

        /** How often partitions record digests of their tables (restores check themselves against them). */
        public Builder digestInterval(Duration interval) {
            this.digestInterval = interval;
            return this;
        }

        /** Any other setting of the node, as {@code dynalog serve}'s options give them. */
        public Builder configure(UnaryOperator<NodeConfig> change) {
            this.configure = change;
            return this;
        }

        /** Starts the broker and the node; returns once the endpoint serves requests. */
        public DynalogServer start() throws Exception {
            Path dir = dataDir;
            Path temporary = null;
            if (dir == null || ephemeral) {
                temporary = Files.createTempDirectory("dynalog-");
                dir = temporary;
            }
            EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0);
            try {
                // The broker is this server's own: no other node joins it.
                NodeConfig config = NodeConfig.of(broker.bootstrapServers(), dir, host, port).withSharedLog(false);
                if (partitions != null) {
                    config = config.withPartitions(partitions);
                }
                if (digestInterval != null) {
                    config = config.withDigestInterval(digestInterval);
                }
                return new DynalogServer(broker, DynalogNode.start(configure.apply(config)), temporary);
            } catch (Exception | Error e) {
                broker.close();
                if (temporary != null) {
                    FileTrees.delete(temporary);
                }
                throw e;
            }
        }
    }
}
