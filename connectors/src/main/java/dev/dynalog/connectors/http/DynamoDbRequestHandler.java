package dev.dynalog.connectors.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dynalog.connectors.dynamodb.JsonWritable;
import dev.dynalog.connectors.metrics.PrometheusExposition;
import dev.dynalog.core.error.CancellationReason;
import dev.dynalog.core.error.DynamoDbException;
import dev.dynalog.core.error.ThroughputExceededException;
import dev.dynalog.core.error.TransactionCanceledException;
import dev.dynalog.core.error.Errors;
import dev.dynalog.core.json.AttributeValueJson;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AWS JSON 1.0 protocol over HTTP: {@code POST /} with {@code X-Amz-Target:
 * <prefix><Operation>} and a JSON body, for each {@link JsonApi} served (DynamoDB, DynamoDB
 * Streams). Operations that may block (reads wait on the read barrier) run on the request
 * executor, writes that only append run on the event loop; responses are written on the
 * channel's event loop. Signatures are accepted but not checked.
 *
 * <p>{@code GET /metrics} answers the node's metrics in Prometheus' text format;
 * {@code GET /health/ready} answers 200 once the node serves its tables and 503 before (and
 * during a rebalance of a node that has never run); any other GET ({@code /health/live}) is a
 * liveness check. {@code POST /internal/...} goes to the {@link InternalEndpoint}.
 */
@ChannelHandler.Sharable
public final class DynamoDbRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger log = LoggerFactory.getLogger(DynamoDbRequestHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory JSON_FACTORY = JSON.getFactory();
    private static final String CONTENT_TYPE = "application/x-amz-json-1.0";

    private final List<JsonApi> apis;
    private final PrometheusExposition metrics;
    private final Executor executor;
    private final InternalEndpoint internal;
    private final Executor internalExecutor;
    private final Executor quickInternalExecutor;
    private final BooleanSupplier ready;

    /**
     * @param internalExecutor runs the internal requests that may wait: threads of their own, so
     *                         that nodes whose request threads all wait for each other's reads
     *                         still answer them
     * @param quickInternalExecutor runs the internal requests that never wait (results), so that
     *                         they are not queued behind reads waiting at the barrier
     */
    public DynamoDbRequestHandler(List<JsonApi> apis, PrometheusExposition metrics, Executor executor,
                                  InternalEndpoint internal, Executor internalExecutor, Executor quickInternalExecutor,
                                  BooleanSupplier ready) {
        this.internalExecutor = internalExecutor;
        this.quickInternalExecutor = quickInternalExecutor;
        this.apis = List.copyOf(apis);
        this.metrics = metrics;
        this.executor = executor;
        this.internal = internal;
        this.ready = ready;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (request.method() == HttpMethod.GET) {
            String path = new QueryStringDecoder(request.uri()).path();
            if (path.equals("/health/ready")) {
                boolean serving = ready.getAsBoolean();
                writeText(ctx, keepAlive, serving ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
                        "text/plain", serving ? "ready: dynalog" : "not ready: dynalog");
            } else if (path.equals("/metrics")) {
                // Snapshots briefly take each index's lock, which a stream thread may hold: not on the event loop.
                executor.execute(() -> {
                    String text = metrics.render();
                    ctx.channel().eventLoop().execute(() -> writeText(ctx, keepAlive, HttpResponseStatus.OK, PrometheusExposition.CONTENT_TYPE, text));
                });
            } else {
                writeText(ctx, keepAlive, HttpResponseStatus.OK, "text/plain", "healthy: dynalog");
            }
            return;
        }
        String path = new QueryStringDecoder(request.uri()).path();
        if (path.startsWith("/internal/")) {
            internal(ctx, keepAlive, path, request);
            return;
        }
        String target = request.headers().get("X-Amz-Target");
        JsonApi api = target == null ? null
                : apis.stream().filter(a -> target.startsWith(a.targetPrefix())).findFirst().orElse(null);
        String operation = api == null ? null : target.substring(api.targetPrefix().length());
        if (operation == null || !api.supports(operation)) {
            writeError(ctx, keepAlive, Errors.unknownOperation());
            return;
        }
        JsonNode body;
        try {
            body = parse(request.content());
        } catch (DynamoDbException e) {
            writeError(ctx, keepAlive, e);
            return;
        }
        Runnable run = () -> {
            CompletableFuture<JsonWritable> result;
            try {
                result = api.execute(operation, body);
            } catch (RuntimeException e) {
                result = CompletableFuture.failedFuture(e);
            }
            result.whenCompleteAsync((response, error) -> {
                if (error == null) {
                    writeJson(ctx, keepAlive, HttpResponseStatus.OK, response);
                } else {
                    writeError(ctx, keepAlive, asDynamoDbException(operation, error));
                }
            }, ctx.channel().eventLoop());
        };
        if (api.mayBlock(operation)) {
            executor.execute(run);
        } else {
            run.run();
        }
    }

    private void internal(ChannelHandlerContext ctx, boolean keepAlive, String path, FullHttpRequest request) {
        if (!internal.serves(path)) {
            writeText(ctx, keepAlive, HttpResponseStatus.NOT_FOUND, "text/plain", "no such internal endpoint");
            return;
        }
        byte[] body = ByteBufUtil.getBytes(request.content());
        (internal.mayWait(path) ? internalExecutor : quickInternalExecutor).execute(() -> {
            byte[] answer;
            try {
                answer = internal.handle(path, body);
            } catch (RuntimeException e) {
                log.error("{} failed", path, e);
                ctx.channel().eventLoop().execute(() -> writeText(ctx, keepAlive,
                        HttpResponseStatus.INTERNAL_SERVER_ERROR, "text/plain", String.valueOf(e)));
                return;
            }
            ctx.channel().eventLoop().execute(() -> {
                FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                        Unpooled.wrappedBuffer(answer));
                response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/octet-stream")
                        .set(HttpHeaderNames.CONTENT_LENGTH, answer.length);
                send(ctx, keepAlive, response);
            });
        });
    }

    private static JsonNode parse(ByteBuf content) {
        try (ByteBufInputStream in = new ByteBufInputStream(content.duplicate())) {
            JsonNode node = JSON.readTree((java.io.InputStream) in);
            if (node == null || !node.isObject()) {
                throw Errors.serialization("Start of structure or map found where not expected");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw Errors.serialization(null);
        } catch (IOException e) {
            throw Errors.serialization(null);
        }
    }

    private static DynamoDbException asDynamoDbException(String operation, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof DynamoDbException d) {
            return d;
        }
        if (cause instanceof java.util.concurrent.TimeoutException) {
            return Errors.internal("Timed out waiting for the write to be applied");
        }
        log.error("{} failed", operation, cause);
        return Errors.internal("Internal server error");
    }

    private static void writeError(ChannelHandlerContext ctx, boolean keepAlive, DynamoDbException e) {
        writeJson(ctx, keepAlive, HttpResponseStatus.valueOf(e.status()), json -> {
            json.writeStartObject();
            json.writeStringField("__type", e.wireType());
            if (e.getMessage() != null) {
                json.writeStringField("message", e.getMessage());
            }
            if (e.item() != null) {
                json.writeFieldName("Item");
                AttributeValueJson.writeItem(json, e.item());
            }
            if (e instanceof ThroughputExceededException throttled) {
                json.writeArrayFieldStart("ThrottlingReasons");
                json.writeStartObject();
                json.writeStringField("reason", throttled.reason());
                json.writeStringField("resource", throttled.resource());
                json.writeEndObject();
                json.writeEndArray();
            }
            if (e instanceof TransactionCanceledException canceled) {
                json.writeArrayFieldStart("CancellationReasons");
                for (CancellationReason reason : canceled.reasons()) {
                    json.writeStartObject();
                    if (reason.item() != null) {
                        json.writeFieldName("Item");
                        AttributeValueJson.writeItem(json, reason.item());
                    }
                    json.writeStringField("Code", reason.code());
                    if (reason.message() != null) {
                        json.writeStringField("Message", reason.message());
                    }
                    json.writeEndObject();
                }
                json.writeEndArray();
            }
            json.writeEndObject();
        });
    }

    private static void writeJson(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status, JsonWritable body) {
        ByteBuf buf = ctx.alloc().buffer(256);
        try (JsonGenerator g = JSON_FACTORY.createGenerator((java.io.OutputStream) new ByteBufOutputStream(buf))) {
            body.writeTo(g);
        } catch (IOException | RuntimeException e) {
            buf.release();
            log.error("could not write a response", e);
            if (status == HttpResponseStatus.OK) {
                writeError(ctx, keepAlive, Errors.internal("Internal server error"));
            } else {
                ctx.close();
            }
            return;
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, buf);
        CRC32 crc = new CRC32();
        crc.update(buf.nioBuffer());
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, CONTENT_TYPE)
                .set(HttpHeaderNames.CONTENT_LENGTH, buf.readableBytes())
                .set("x-amzn-RequestId", UUID.randomUUID().toString())
                .set("x-amz-crc32", Long.toString(crc.getValue()));
        send(ctx, keepAlive, response);
    }

    private static void writeText(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status,
                                  String contentType, String text) {
        ByteBuf buf = ctx.alloc().buffer().writeBytes(text.getBytes(StandardCharsets.UTF_8));
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, buf);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .set(HttpHeaderNames.CONTENT_LENGTH, buf.readableBytes());
        send(ctx, keepAlive, response);
    }

    private static void send(ChannelHandlerContext ctx, boolean keepAlive, FullHttpResponse response) {
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response);
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("connection error", cause);
        ctx.close();
    }
}
