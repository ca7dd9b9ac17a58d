package dev.dynalog.connectors.registry;

import dev.dynalog.connectors.http.NettyHttpServer;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/**
 * The schema registry's HTTP endpoint (Netty, HTTP/1.1 keep-alive), on its own port apart from
 * the DynamoDB endpoint, as clients expect a registry URL of its own (Confluent's default port
 * is 8081). Schema requests are small and rare: one boss and one worker thread, and a few request
 * threads that may wait on the registry's log.
 */
public final class SchemaRegistryServer implements AutoCloseable {
    /** Confluent Schema Registry's usual port. */
    public static final int DEFAULT_PORT = 8081;
    private static final int MAX_REQUEST_BYTES = 8 * 1024 * 1024;
    private static final int REQUEST_THREADS = 4;

    private final NettyHttpServer server;

    private SchemaRegistryServer(NettyHttpServer server) {
        this.server = server;
    }

    /** Serves {@code registry} on {@code host:port} (port 0 picks a free one) and returns once bound. */
    public static SchemaRegistryServer start(String host, int port, SchemaRegistry registry) throws InterruptedException {
        NettyHttpServer.Settings settings = new NettyHttpServer.Settings("dynalog-schema-registry", 1, REQUEST_THREADS,
                MAX_REQUEST_BYTES, false, () -> new DefaultFullHttpResponse(
                        HttpVersion.HTTP_1_1,
                        HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE));
        return new SchemaRegistryServer(NettyHttpServer.start(host, port, settings,
                executor -> new SchemaRegistryHttpHandler(registry, executor)));
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
    }
}
