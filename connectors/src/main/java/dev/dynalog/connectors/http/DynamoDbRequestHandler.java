package dev.dynalog.connectors.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dynalog.connectors.dynamodb.JsonWritable;
import dev.dynalog.connectors.http.auth.AccessKey;
import dev.dynalog.connectors.http.auth.Gatekeeper;
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
import io.netty.handler.codec.DecoderException;
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
 * channel's event loop. The {@link Gatekeeper} checks the signature before the body is read and
 * the permissions once it is, as DynamoDB does; {@link CorsPolicy} answers browsers' preflights.
 *
 * <p>{@code GET /metrics} answers the node's metrics in Prometheus' text format;
 * {@code GET /health/ready} answers 200 once the node serves its tables and 503 before (and
 * during a rebalance of a node that has never run); any other GET ({@code /health/live}) is a
 * liveness check. {@code POST /internal/...} goes to the {@link InternalEndpoint}.
 */
@ChannelHandler.Sharable
public final class DynamoDbRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger log = LoggerFactory.getLogger(DynamoDbRequestHandler.class);
    /**
     * Jackson's default limits are not DynamoDB's: a 65,535-byte attribute name is legal (names
     * up to 64 KB), so names may be as long as the body; nesting deeper than DynamoDB's 32 levels
     * is refused by validation with DynamoDB's message, and the parser's own bound (far above it)
     * only keeps its recursion, and the stack, bounded.
     */
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNameLength(DynamoDbHttpServer.MAX_REQUEST_BYTES)
                    .maxStringLength(DynamoDbHttpServer.MAX_REQUEST_BYTES)
                    .maxNestingDepth(1000)
                    .build())
            .build());
    private static final JsonFactory JSON_FACTORY = JSON.getFactory();
    private static final String CONTENT_TYPE = "application/x-amz-json-1.0";

    private final List<JsonApi> apis;
    private final PrometheusExposition metrics;
    private final Executor executor;
    private final Gatekeeper gatekeeper;
    private final CorsPolicy cors;
    private final InternalEndpoint internal;
    private final Executor internalExecutor;
    private final Executor quickInternalExecutor;
    private final BooleanSupplier ready;

    /** How one request is answered: on its connection, kept open or not, with CORS headers or not. */
    private record Reply(ChannelHandlerContext ctx, boolean keepAlive, String corsOrigin) {
    }

    /**
     * @param internalExecutor runs the internal requests that may wait: threads of their own, so
     *                         that nodes whose request threads all wait for each other's reads
     *                         still answer them
     * @param quickInternalExecutor runs the internal requests that never wait (results), so that
     *                         they are not queued behind reads waiting at the barrier
     */
    public DynamoDbRequestHandler(List<JsonApi> apis, PrometheusExposition metrics, Executor executor,
                                  Gatekeeper gatekeeper, CorsPolicy cors, InternalEndpoint internal,
                                  Executor internalExecutor, Executor quickInternalExecutor, BooleanSupplier ready) {
        this.apis = List.copyOf(apis);
        this.metrics = metrics;
        this.executor = executor;
        this.gatekeeper = gatekeeper;
        this.cors = cors;
        this.internal = internal;
        this.internalExecutor = internalExecutor;
        this.quickInternalExecutor = quickInternalExecutor;
        this.ready = ready;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        try {
            handle(ctx, request);
        } catch (RuntimeException e) {
            // A bug, not the client's fault; still an answer rather than a closed connection.
            log.error("request failed", e);
            writeError(new Reply(ctx, false, null), Errors.internal("Internal server error"));
        }
    }

    private void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (request.decoderResult().isFailure()) {
            // Not HTTP we can read (a header over Netty's limits, a broken request line): answer and
            // close, since where the next request starts is unknown.
            writeError(new Reply(ctx, false, null), Errors.serialization("Malformed HTTP request"));
            return;
        }
        Reply reply = new Reply(ctx, HttpUtil.isKeepAlive(request),
                cors.allowedOrigin(request.headers().get(HttpHeaderNames.ORIGIN)));
        if (request.method() == HttpMethod.OPTIONS && reply.corsOrigin() != null) {
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            cors.writePreflight(request.headers(), response.headers(), reply.corsOrigin());
            response.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
            send(reply, response);
            return;
        }
        if (request.method() == HttpMethod.GET) {
            String path = new QueryStringDecoder(request.uri()).path();
            if (path.equals("/health/ready")) {
                boolean serving = ready.getAsBoolean();
                writeText(reply, serving ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
                        "text/plain", serving ? "ready: dynalog" : "not ready: dynalog");
            } else if (path.equals("/metrics")) {
                // Snapshots briefly take each index's lock, which a stream thread may hold: not on the event loop.
                executor.execute(() -> {
                    String text = metrics.render();
                    ctx.channel().eventLoop().execute(() -> writeText(reply, HttpResponseStatus.OK,
                            PrometheusExposition.CONTENT_TYPE, text));
                });
            } else {
                writeText(reply, HttpResponseStatus.OK, "text/plain", "healthy: dynalog");
            }
            return;
        }
        String path = new QueryStringDecoder(request.uri()).path();
        if (path.startsWith("/internal/")) {
            internal(reply, path, request);
            return;
        }
        AccessKey caller;
        try {
            caller = gatekeeper.authenticate(request);
        } catch (DynamoDbException e) {
            writeError(reply, e);
            return;
        }
        String target = request.headers().get("X-Amz-Target");
        JsonApi api = target == null ? null
                : apis.stream().filter(a -> target.startsWith(a.targetPrefix())).findFirst().orElse(null);
        String operation = api == null ? null : target.substring(api.targetPrefix().length());
        if (operation == null || !api.supports(operation)) {
            writeError(reply, Errors.unknownOperation());
            return;
        }
        JsonNode body;
        try {
            body = parse(request.content());
            gatekeeper.authorize(caller, api.accesses(operation, body));
        } catch (DynamoDbException e) {
            writeError(reply, e);
            return;
        }
        Runnable run = () -> {
            CompletableFuture<JsonWritable> result;
            try {
                result = api.execute(operation, body);
            } catch (RuntimeException | StackOverflowError e) {
                result = CompletableFuture.failedFuture(e);
            }
            result.whenCompleteAsync((response, error) -> {
                if (error == null) {
                    writeJson(reply, HttpResponseStatus.OK, response);
                } else {
                    writeError(reply, asDynamoDbException(operation, error));
                }
            }, ctx.channel().eventLoop());
        };
        if (api.mayBlock(operation)) {
            executor.execute(run);
        } else {
            run.run();
        }
    }

    private void internal(Reply reply, String path, FullHttpRequest request) {
        if (!internal.serves(path)) {
            writeText(reply, HttpResponseStatus.NOT_FOUND, "text/plain", "no such internal endpoint");
            return;
        }
        byte[] body = ByteBufUtil.getBytes(request.content());
        if (!internal.authentic(path, request.headers()::get, body)) {
            writeText(reply, HttpResponseStatus.FORBIDDEN, "text/plain", "not signed by a node of this cluster");
            return;
        }
        ChannelHandlerContext ctx = reply.ctx();
        (internal.mayWait(path) ? internalExecutor : quickInternalExecutor).execute(() -> {
            byte[] answer;
            try {
                answer = internal.handle(path, body);
            } catch (RuntimeException e) {
                log.error("{} failed", path, e);
                ctx.channel().eventLoop().execute(() -> writeText(reply,
                        HttpResponseStatus.INTERNAL_SERVER_ERROR, "text/plain", String.valueOf(e)));
                return;
            }
            ctx.channel().eventLoop().execute(() -> {
                FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                        Unpooled.wrappedBuffer(answer));
                response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/octet-stream")
                        .set(HttpHeaderNames.CONTENT_LENGTH, answer.length);
                send(reply, response);
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

    private void writeError(Reply reply, DynamoDbException e) {
        writeJson(reply, HttpResponseStatus.valueOf(e.status()), json -> {
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

    private void writeJson(Reply reply, HttpResponseStatus status, JsonWritable body) {
        ByteBuf buf = reply.ctx().alloc().buffer(256);
        try (JsonGenerator g = JSON_FACTORY.createGenerator((java.io.OutputStream) new ByteBufOutputStream(buf))) {
            body.writeTo(g);
        } catch (IOException | RuntimeException e) {
            buf.release();
            log.error("could not write a response", e);
            if (status == HttpResponseStatus.OK) {
                writeError(reply, Errors.internal("Internal server error"));
            } else {
                reply.ctx().close();
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
        send(reply, response);
    }

    private void writeText(Reply reply, HttpResponseStatus status, String contentType, String text) {
        ByteBuf buf = reply.ctx().alloc().buffer().writeBytes(text.getBytes(StandardCharsets.UTF_8));
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, buf);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .set(HttpHeaderNames.CONTENT_LENGTH, buf.readableBytes());
        send(reply, response);
    }

    private void send(Reply reply, FullHttpResponse response) {
        if (reply.corsOrigin() != null) {
            cors.writeActual(response.headers(), reply.corsOrigin());
        }
        if (reply.keepAlive()) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            reply.ctx().writeAndFlush(response);
        } else {
            // Said, not only done: a client that is not told reuses the connection for its next request.
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            LingeringClose.after(reply.ctx(), reply.ctx().writeAndFlush(response));
        }
    }

    /**
     * A body the pipeline could not decode (a gzip body that is not gzip, a broken chunk) is the
     * client's error: it gets an answer before the connection closes, since where the next
     * request would start is unknown. Anything else here is the connection itself failing.
     */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (LingeringClose.closing(ctx.channel())) {
            return; // the connection's last answer is given; what follows is dropped
        }
        if (cause instanceof DecoderException && ctx.channel().isActive()) {
            log.debug("undecodable request", cause);
            writeError(new Reply(ctx, false, null), Errors.serialization("The request body could not be decoded"));
            return;
        }
        log.debug("connection error", cause);
        ctx.close();
    }
}
