package dev.dynalog.app.it;

import dev.dynalog.app.DynalogServer;
import dev.dynalog.app.node.NodeConfig;
import dev.dynalog.streams.index.IndexLagMetrics;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * A dynalog node on an embedded Kafka broker, in this JVM, as {@code dynalog serve} starts it
 * (through the embedded API, {@link DynalogServer}).
 * Most tests share one ({@link #shared()}); restart tests start their own on a directory they own.
 */
final class TestNode implements AutoCloseable {
    private static TestNode shared;

    private final DynalogServer server;
    private final DynamoDbClient client;

    private TestNode(DynalogServer server) {
        this.server = server;
        this.client = Clients.dynamoDb(server.endpoint());
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
        return new TestNode(DynalogServer.builder().dataDir(dataDir).configure(configure).start());
    }

    URI endpoint() {
        return server.endpoint();
    }

    String bootstrapServers() {
        return server.bootstrapServers();
    }

    URI schemaRegistry() {
        return server.schemaRegistry();
    }

    IndexLagMetrics indexLagMetrics() {
        return server.node().indexLagMetrics();
    }

    DynamoDbClient client() {
        return client;
    }

    DynamoDbClient newClient() {
        return Clients.dynamoDb(server.endpoint());
    }

    static DynamoDbWaiter waiter(DynamoDbClient client) {
        return Clients.waiter(client);
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }
}
