package dev.dynalog.connectors.http;

import dev.dynalog.connectors.metrics.PrometheusExposition;
import dev.dynalog.connectors.http.auth.Gatekeeper;
import dev.dynalog.core.error.DynamoDbException;
import dev.dynalog.core.error.Errors;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * The DynamoDB endpoint (HTTP/1.1 keep-alive, gzip request bodies accepted), serving every
 * {@link JsonApi} given (DynamoDB, DynamoDB Streams), and the node's metrics as
 * {@code GET /metrics}. Request bodies up to 16 MB are accepted, as by DynamoDB; a larger one
 * gets DynamoDB's 413 and the connection stays usable.
 */
public final class DynamoDbHttpServer implements AutoCloseable {
    public static final int MAX_REQUEST_BYTES = 16 * 1024 * 1024;

    private final NettyHttpServer server;

    private DynamoDbHttpServer(NettyHttpServer server) {
        this.server = server;
    }

    public static DynamoDbHttpServer start(String host, int port, List<JsonApi> apis, PrometheusExposition metrics,
                                           int requestThreads, Gatekeeper gatekeeper, CorsPolicy cors)
            throws InterruptedException {
        NettyHttpServer.Settings settings = new NettyHttpServer.Settings("dynalog-request", 2, requestThreads,
                MAX_REQUEST_BYTES, true, DynamoDbHttpServer::tooLarge);
        return new DynamoDbHttpServer(NettyHttpServer.start(host, port, settings,
                executor -> new DynamoDbRequestHandler(apis, metrics, executor, gatekeeper, cors)));
    }

    private static FullHttpResponse tooLarge() {
        DynamoDbException e = Errors.requestTooLarge();
        byte[] body = ("{\"__type\":\"" + e.wireType() + "\",\"message\":\"" + e.getMessage() + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/x-amz-json-1.0")
                .set("x-amzn-RequestId", UUID.randomUUID().toString());
        return response;
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
    }
}
