package dev.dynalog.app.it;

import dev.dynalog.app.broker.EmbeddedKafkaBroker;
import dev.dynalog.app.node.DynalogNode;
import dev.dynalog.app.node.NodeConfig;
import dev.dynalog.streams.index.IndexLagMetrics;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * A dynalog node on an embedded Kafka broker, in this JVM, as {@code dynalog serve} starts it.
 * Most tests share one ({@link #shared()}); restart tests start their own on a directory they own.
 */
final class TestNode implements AutoCloseable {
    private static TestNode shared;

    private final EmbeddedKafkaBroker broker;
    private final DynalogNode node;
    private final DynamoDbClient client;

    private TestNode(EmbeddedKafkaBroker broker, DynalogNode node) {
        this.broker = broker;
        this.node = node;
        this.client = Clients.dynamoDb(node.endpoint());
    }

    static synchronized TestNode shared() {
        if (shared == null) {
            try {
                shared = start(Files.createTempDirectory("dynalog-it-"));
            } catch (Exception e) {
                throw new IllegalStateException("could not start dynalog", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    static TestNode start(Path dataDir) throws Exception {
        return start(dataDir, config -> config);
    }

    /** A node whose configuration differs from {@code dynalog serve}'s defaults as {@code configure} says. */
    static TestNode start(Path dataDir, UnaryOperator<NodeConfig> configure) throws Exception {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir.resolve("kafka"), 0);
        try {
            DynalogNode node = DynalogNode.start(configure.apply(
                    NodeConfig.of(broker.bootstrapServers(), dataDir, "127.0.0.1", 0)));
            return new TestNode(broker, node);
        } catch (Exception e) {
            broker.close();
            throw e;
        }
    }

    URI endpoint() {
        return node.endpoint();
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    URI schemaRegistry() {
        return node.schemaRegistry();
    }

    IndexLagMetrics indexLagMetrics() {
        return node.indexLagMetrics();
    }

    DynamoDbClient client() {
        return client;
    }

    DynamoDbClient newClient() {
        return Clients.dynamoDb(node.endpoint());
    }

    static DynamoDbWaiter waiter(DynamoDbClient client) {
        return Clients.waiter(client);
    }

    @Override
    public void close() {
        client.close();
        node.close();
        broker.close();
    }
}
