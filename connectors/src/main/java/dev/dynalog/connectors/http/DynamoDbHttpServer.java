package dev.dynalog.connectors.http;

import dev.dynalog.connectors.metrics.PrometheusExposition;
import java.util.List;

/**
 * The DynamoDB endpoint (HTTP/1.1 keep-alive, gzip request bodies accepted), serving every
 * {@link JsonApi} given (DynamoDB, DynamoDB Streams), and the node's metrics as
 * {@code GET /metrics}. Requests up to 32 MB are accepted, above DynamoDB's largest batch
 * request.
 */
public final class DynamoDbHttpServer implements AutoCloseable {
    private static final int MAX_REQUEST_BYTES = 32 * 1024 * 1024;

    private final NettyHttpServer server;

    private DynamoDbHttpServer(NettyHttpServer server) {
        this.server = server;
    }

    public static DynamoDbHttpServer start(String host, int port, List<JsonApi> apis, PrometheusExposition metrics,
                                           int requestThreads) throws InterruptedException {
        NettyHttpServer.Settings settings = new NettyHttpServer.Settings("dynalog-request", 2, requestThreads,
                MAX_REQUEST_BYTES, true);
        return new DynamoDbHttpServer(NettyHttpServer.start(host, port, settings,
                executor -> new DynamoDbRequestHandler(apis, metrics, executor)));
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
    }
}
