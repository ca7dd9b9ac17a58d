package dev.dynalog.connectors.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dynalog.schemas.registry.CompatibilityLevel;
import dev.dynalog.schemas.registry.RegisteredSchema;
import dev.dynalog.schemas.registry.SchemaRegistryClient;
import dev.dynalog.schemas.registry.SchemaRegistryException;
import io.netty.buffer.ByteBuf;
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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Confluent Schema Registry REST API (v1, Avro) over HTTP, backed by a {@link SchemaRegistry}.
 * Requests run on the request executor, since writes wait for the registry's log; responses are
 * written on the channel's event loop. Errors are Confluent's {@code {"error_code", "message"}}.
 *
 * <pre>
 * GET    /                                             {}
 * GET    /schemas/types                                ["AVRO"]
 * GET    /schemas/ids/{id}                             {"schema"}
 * GET    /schemas/ids/{id}/versions                    [{"subject","version"}]
 * GET    /schemas/ids/{id}/subjects                    [subject]
 * GET    /subjects                                     [subject]           ?deleted=true
 * POST   /subjects/{s}                                 {"subject","id","version","schema"}  look up
 * DELETE /subjects/{s}                                 [version]           ?permanent=true
 * GET    /subjects/{s}/versions                        [version]           ?deleted=true
 * POST   /subjects/{s}/versions                        {"id"}              register
 * GET    /subjects/{s}/versions/{v|latest}             {"subject","id","version","schema"}
 * GET    /subjects/{s}/versions/{v|latest}/schema      the schema itself
 * DELETE /subjects/{s}/versions/{v|latest}             version             ?permanent=true
 * POST   /compatibility/subjects/{s}/versions          {"is_compatible"}   ?verbose=true adds "messages"
 * POST   /compatibility/subjects/{s}/versions/{v}      {"is_compatible"}
 * GET    /config                                       {"compatibilityLevel"}
 * PUT    /config                                       {"compatibility"}
 * GET    /config/{s}                                   {"compatibilityLevel"}  ?defaultToGlobal=true
 * PUT    /config/{s}                                   {"compatibility"}
 * DELETE /config/{s}                                   {"compatibilityLevel"}  the level removed
 * </pre>
 */
@ChannelHandler.Sharable
public final class SchemaRegistryHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger log = LoggerFactory.getLogger(SchemaRegistryHttpHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SchemaRegistry registry;
    private final Executor executor;

    public SchemaRegistryHttpHandler(SchemaRegistry registry, Executor executor) {
        this.registry = registry;
        this.executor = executor;
    }

    /** A response: a JSON value, or a schema's own text for {@code .../schema}. */
    private record Reply(String body) {
        static Reply json(Object value) {
            try {
                return new Reply(JSON.writeValueAsString(value));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        HttpMethod method = request.method();
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        Map<String, List<String>> query = uri.parameters();
        String body = request.content().toString(StandardCharsets.UTF_8);
        executor.execute(() -> {
            FullHttpResponse response;
            try {
                response = ok(route(method, segments(uri.rawPath()), query, body));
            } catch (SchemaRegistryException e) {
                response = error(e);
            } catch (RuntimeException e) {
                log.error("{} {} failed", method, uri.rawPath(), e);
                response = error(new SchemaRegistryException(500, 50001, "Internal server error: " + e.getMessage()));
            }
            FullHttpResponse r = response;
            ctx.channel().eventLoop().execute(() -> send(ctx, keepAlive, r));
        });
    }

    private Reply route(HttpMethod method, List<String> path, Map<String, List<String>> query, String body) {
        int n = path.size();
        if (n == 0) {
            requireMethod(method, HttpMethod.GET);
            return Reply.json(JSON.createObjectNode());
        }
        switch (path.get(0)) {
            case "schemas":
                if (n == 2 && path.get(1).equals("types")) {
                    requireMethod(method, HttpMethod.GET);
                    return Reply.json(List.of("AVRO"));
                }
                if (n >= 3 && n <= 4 && path.get(1).equals("ids")) {
                    requireMethod(method, HttpMethod.GET);
                    return schemaById(schemaId(path.get(2)), n == 4 ? path.get(3) : null, flag(query, "deleted"));
                }
                break;
            case "subjects":
                if (n == 1) {
                    requireMethod(method, HttpMethod.GET);
                    return Reply.json(registry.subjects(flag(query, "deleted")));
                }
                return subject(method, path.get(1), path.subList(2, n), query, body);
            case "compatibility":
                if (n >= 4 && n <= 5 && path.get(1).equals("subjects") && path.get(3).equals("versions")) {
                    requireMethod(method, HttpMethod.POST);
                    List<String> problems = registry.incompatibilities(path.get(2), n == 5 ? path.get(4) : null,
                            schemaText(body));
                    ObjectNode reply = JSON.createObjectNode().put("is_compatible", problems.isEmpty());
                    if (flag(query, "verbose")) {
                        problems.forEach(reply.putArray("messages")::add);
                    }
                    return Reply.json(reply);
                }
                break;
            case "config":
                return config(method, n == 1 ? null : path.get(1), n, query, body);
            default:
                break;
        }
        throw SchemaRegistryException.notFound(String.join("/", path));
    }

    private Reply schemaById(int id, String detail, boolean deleted) {
        if (detail == null) {
            return Reply.json(JSON.createObjectNode().put("schema", registry.schemaById(id)));
        }
        List<RegisteredSchema> versions = registry.subjectVersionsById(id, deleted);
        if (detail.equals("versions")) {
            ArrayNode out = JSON.createArrayNode();
            versions.forEach(v -> out.addObject().put("subject", v.subject()).put("version", v.version()));
            return Reply.json(out);
        }
        if (detail.equals("subjects")) {
            return Reply.json(versions.stream().map(RegisteredSchema::subject).distinct().toList());
        }
        throw SchemaRegistryException.notFound("schemas/ids/" + id + "/" + detail);
    }

    private Reply subject(HttpMethod method, String subject, List<String> rest, Map<String, List<String>> query, String body) {
        boolean deleted = flag(query, "deleted");
        boolean permanent = flag(query, "permanent");
        if (rest.isEmpty()) {
            if (method.equals(HttpMethod.POST)) {
                return Reply.json(registered(registry.lookup(subject, schemaText(body), deleted)));
            }
            requireMethod(method, HttpMethod.DELETE);
            return Reply.json(registry.deleteSubject(subject, permanent));
        }
        if (!rest.get(0).equals("versions") || rest.size() > 3) {
            throw SchemaRegistryException.notFound("subjects/" + subject + "/" + String.join("/", rest));
        }
        if (rest.size() == 1) {
            if (method.equals(HttpMethod.POST)) {
                return Reply.json(JSON.createObjectNode().put("id", registry.register(subject, schemaText(body))));
            }
            requireMethod(method, HttpMethod.GET);
            return Reply.json(registry.versions(subject, deleted));
        }
        String version = rest.get(1);
        if (rest.size() == 3) {
            if (!rest.get(2).equals("schema")) {
                throw SchemaRegistryException.notFound("subjects/" + subject + "/versions/" + version + "/" + rest.get(2));
            }
            requireMethod(method, HttpMethod.GET);
            return new Reply(registry.version(subject, version, deleted).schema());
        }
        if (method.equals(HttpMethod.DELETE)) {
            return Reply.json(registry.deleteVersion(subject, version, permanent));
        }
        requireMethod(method, HttpMethod.GET);
        return Reply.json(registered(registry.version(subject, version, deleted)));
    }

    private Reply config(HttpMethod method, String subject, int n, Map<String, List<String>> query, String body) {
        if (n > 2) {
            throw SchemaRegistryException.notFound("config/" + subject + "/...");
        }
        if (method.equals(HttpMethod.GET)) {
            CompatibilityLevel level = subject == null ? registry.globalCompatibility()
                    : registry.subjectCompatibility(subject, flag(query, "defaultToGlobal"));
            return Reply.json(JSON.createObjectNode().put("compatibilityLevel", level.name()));
        }
        if (method.equals(HttpMethod.PUT)) {
            CompatibilityLevel level = CompatibilityLevel.parse(json(body).path("compatibility").asText(null));
            CompatibilityLevel set = subject == null ? registry.setGlobalCompatibility(level)
                    : registry.setSubjectCompatibility(subject, level);
            return Reply.json(JSON.createObjectNode().put("compatibility", set.name()));
        }
        if (method.equals(HttpMethod.DELETE) && subject != null) {
            return Reply.json(JSON.createObjectNode().put("compatibilityLevel",
                    registry.deleteSubjectCompatibility(subject).name()));
        }
        throw methodNotAllowed(method);
    }

    private static ObjectNode registered(RegisteredSchema s) {
        return JSON.createObjectNode().put("subject", s.subject()).put("version", s.version()).put("id", s.id())
                .put("schema", s.schema());
    }

    /** The schema text of a request body {@code {"schema": "...", "schemaType": "AVRO"}}. */
    private static String schemaText(String body) {
        JsonNode request = json(body);
        String type = request.path("schemaType").asText("AVRO");
        if (!type.equals("AVRO")) {
            throw SchemaRegistryException.invalidSchema("schema type " + type + " is not supported; this registry holds AVRO only");
        }
        if (request.path("references").size() > 0) {
            throw SchemaRegistryException.invalidSchema("schema references are not supported");
        }
        JsonNode schema = request.path("schema");
        if (!schema.isTextual()) {
            throw SchemaRegistryException.invalidSchema("the request has no \"schema\" string");
        }
        return schema.asText();
    }

    private static JsonNode json(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw SchemaRegistryException.badRequest("the request body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw SchemaRegistryException.badRequest("the request body is not JSON: " + e.getOriginalMessage());
        }
    }

    private static int schemaId(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw SchemaRegistryException.notFound("schemas/ids/" + text);
        }
    }

    private static boolean flag(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values != null && !values.isEmpty() && Boolean.parseBoolean(values.get(0));
    }

    private static void requireMethod(HttpMethod actual, HttpMethod expected) {
        if (!actual.equals(expected)) {
            throw methodNotAllowed(actual);
        }
    }

    private static SchemaRegistryException methodNotAllowed(HttpMethod method) {
        return new SchemaRegistryException(405, 405, "HTTP 405 Method Not Allowed: " + method);
    }

    /** Path segments, each percent-decoded on its own so an encoded '/' stays inside a subject name. */
    private static List<String> segments(String rawPath) {
        List<String> out = new ArrayList<>();
        for (String s : rawPath.split("/")) {
            if (!s.isEmpty()) {
                out.add(QueryStringDecoder.decodeComponent(s.replace("+", "%2B")));
            }
        }
        return out;
    }

    private static FullHttpResponse ok(Reply reply) {
        return response(HttpResponseStatus.OK, reply.body());
    }

    private static FullHttpResponse error(SchemaRegistryException e) {
        ObjectNode body = JSON.createObjectNode().put("error_code", e.errorCode()).put("message", e.getMessage());
        return response(HttpResponseStatus.valueOf(e.httpStatus()), body.toString());
    }

    private static FullHttpResponse response(HttpResponseStatus status, String body) {
        ByteBuf buf = Unpooled.copiedBuffer(body, StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, buf);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, SchemaRegistryClient.CONTENT_TYPE)
                .set(HttpHeaderNames.CONTENT_LENGTH, buf.readableBytes());
        return response;
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
