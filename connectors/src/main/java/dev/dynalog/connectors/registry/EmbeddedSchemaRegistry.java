package dev.dynalog.connectors.registry;

import java.net.URI;
import java.time.Duration;

/**
 * dynalog's own schema registry, whole: the {@code _schemas} topic read into memory, the
 * registry's API on it, and its HTTP server. The topic must exist ({@link KafkaSchemaLog#topic}
 * says how to create it).
 *
 * <pre>{@code
 * try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(
 *         "localhost:9092", new TopicNames("dynalog").schemas(), "0.0.0.0", 8081, Duration.ofMinutes(1))) {
 *     URI url = registry.url();   // give it to SchemaRegistryClient or any Confluent client
 * }
 * }</pre>
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {
    private final KafkaSchemaLog log;
    private final SchemaRegistryServer server;
    private final SchemaRegistry registry;
    private final String host;

    private EmbeddedSchemaRegistry(KafkaSchemaLog log, SchemaRegistry registry, SchemaRegistryServer server, String host) {
        this.log = log;
        this.registry = registry;
        this.server = server;
        this.host = host;
    }

    /**
     * Reads the topic to its end, then serves the API on {@code host:port} (port 0 picks a free
     * one).
     *
     * @param startupTimeout how long reading the topic may take
     */
    public static EmbeddedSchemaRegistry start(String bootstrapServers, String topic, String host, int port,
            Duration startupTimeout) throws Exception {
        RegistryState state = new RegistryState();
        KafkaSchemaLog log = new KafkaSchemaLog(bootstrapServers, topic, state);
        try {
            log.start(startupTimeout);
            SchemaRegistry registry = new SchemaRegistry(state, log);
            SchemaRegistryServer server = SchemaRegistryServer.start(host, port, registry);
            return new EmbeddedSchemaRegistry(log, registry, server, host);
        } catch (Exception | Error e) {
            log.close();
            throw e;
        }
    }

    /** The registry itself, for callers in this process that need no HTTP. */
    public SchemaRegistry registry() {
        return registry;
    }

    public int port() {
        return server.port();
    }

    /** The URL clients use: {@code http://host:port}, with a wildcard host given as localhost. */
    public URI url() {
        String h = host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host;
        return URI.create("http://" + h + ":" + port());
    }

    @Override
    public void close() {
        server.close();
        log.close();
    }
}
