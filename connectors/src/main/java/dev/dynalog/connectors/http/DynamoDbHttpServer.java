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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * The DynamoDB endpoint (HTTP/1.1 keep-alive, gzip request bodies accepted), serving every
 * {@link JsonApi} given (DynamoDB, DynamoDB Streams), the node's metrics as
 * {@code GET /metrics}, its health as {@code GET /health/live} and {@code /health/ready}, and
 * what other nodes ask it ({@code POST /internal/...}). Request bodies up to 16 MB are accepted,
 * as by DynamoDB; a larger one gets DynamoDB's 413 and the connection stays usable.
 */
public final class DynamoDbHttpServer implements AutoCloseable {
    public static final int MAX_REQUEST_BYTES = 16 * 1024 * 1024;

    private static final int INTERNAL_THREADS = 16;
    private static final int QUICK_INTERNAL_THREADS = 2;

    private final NettyHttpServer server;
    private final List<ExecutorService> internalExecutors;

    private DynamoDbHttpServer(NettyHttpServer server, List<ExecutorService> internalExecutors) {
        this.server = server;
        this.internalExecutors = internalExecutors;
    }

    public static DynamoDbHttpServer start(String host, int port, List<JsonApi> apis, PrometheusExposition metrics,
                                           int requestThreads, Gatekeeper gatekeeper, CorsPolicy cors)
            throws InterruptedException {
        return start(host, port, apis, metrics, requestThreads, gatekeeper, cors, InternalEndpoint.NONE, () -> true);
    }

    /**
     * @param internal what other nodes of the cluster ask this one ({@code POST /internal/...})
     * @param ready    whether the node serves its tables ({@code GET /health/ready})
     */
    public static DynamoDbHttpServer start(String host, int port, List<JsonApi> apis, PrometheusExposition metrics,
                                           int requestThreads, Gatekeeper gatekeeper, CorsPolicy cors,
                                           InternalEndpoint internal, BooleanSupplier ready)
            throws InterruptedException {
        NettyHttpServer.Settings settings = new NettyHttpServer.Settings("dynalog-request", 2, requestThreads,
                MAX_REQUEST_BYTES, true, DynamoDbHttpServer::tooLarge);
        ExecutorService internalExecutor = pool("dynalog-internal-", INTERNAL_THREADS);
        ExecutorService quickExecutor = pool("dynalog-internal-results-", QUICK_INTERNAL_THREADS);
        try {
            return new DynamoDbHttpServer(NettyHttpServer.start(host, port, settings,
                    executor -> new DynamoDbRequestHandler(apis, metrics, executor, gatekeeper, cors, internal,
                            internalExecutor, quickExecutor, ready)),
                    List.of(internalExecutor, quickExecutor));
        } catch (InterruptedException | RuntimeException e) {
            internalExecutor.shutdownNow();
            quickExecutor.shutdownNow();
            throw e;
        }
    }

    private static ExecutorService pool(String threadName, int threads) {
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, threadName + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
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
        internalExecutors.forEach(ExecutorService::shutdownNow);
    }
}
