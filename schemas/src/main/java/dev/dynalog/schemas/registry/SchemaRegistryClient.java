package dev.dynalog.schemas.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * A client of the Confluent Schema Registry REST API (v1, Avro schemas) for any compatible
 * registry: Confluent's, dynalog's embedded one, or others.
 *
 * <p>Ids are cached: a schema's id never changes once assigned, so {@link #register} asks the
 * registry once per subject and schema, and {@link #schemaById} once per id. Errors come back as
 * {@link SchemaRegistryException} with the registry's status, code and message. Thread-safe.
 */
public final class SchemaRegistryClient implements WriterSchemas, SchemaRegistrar {
    public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI baseUrl;
    private final HttpClient http;
    private final Duration timeout;
    private final Map<String, Map<String, Integer>> idsBySubjectAndSchema = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

    /** A client of the registry at {@code baseUrl}, e.g. {@code http://localhost:8081}. */
    public SchemaRegistryClient(URI baseUrl) {
        this(baseUrl, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(), Duration.ofSeconds(30));
    }

    public SchemaRegistryClient(URI baseUrl, HttpClient http, Duration requestTimeout) {
        String s = baseUrl.toString();
        this.baseUrl = URI.create(s.endsWith("/") ? s : s + "/");
        this.http = http;
        this.timeout = requestTimeout;
    }

    /**
     * Registers {@code schema} under {@code subject} and returns its global id; a schema the
     * subject has already returns the id it has.
     *
     * @throws SchemaRegistryException 409 if the subject's compatibility level rejects it, 42201
     *     if the registry finds it invalid
     */
    @Override
    public int register(String subject, Schema schema) {
        String text = schema.toString();
        Map<String, Integer> ids = idsBySubjectAndSchema.computeIfAbsent(subject, s -> new ConcurrentHashMap<>());
        Integer cached = ids.get(text);
        if (cached != null) {
            return cached;
        }
        JsonNode reply = send("POST", "subjects/" + segment(subject) + "/versions", schemaBody(text));
        int id = reply.path("id").asInt();
        ids.put(text, id);
        schemasById.putIfAbsent(id, schema);
        return id;
    }

    /**
     * The schema with the given global id.
     *
     * @throws SchemaRegistryException 40403 if there is none
     */
    @Override
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        Schema schema = parse(send("GET", "schemas/ids/" + id, null).path("schema").asText());
        schemasById.putIfAbsent(id, schema);
        return schema;
    }

    /**
     * The subject's latest version.
     *
     * @throws SchemaRegistryException 40401 if the subject does not exist
     */
    public RegisteredSchema latest(String subject) {
        return registered(send("GET", "subjects/" + segment(subject) + "/versions/latest", null));
    }

    /**
     * One version of a subject.
     *
     * @throws SchemaRegistryException 40401 if the subject does not exist, 40402 if the version does not
     */
    public RegisteredSchema version(String subject, int version) {
        return registered(send("GET", "subjects/" + segment(subject) + "/versions/" + version, null));
    }

    /**
     * The version of {@code subject} that holds {@code schema}.
     *
     * @throws SchemaRegistryException 40401 if the subject does not exist, 40403 if the schema is not under it
     */
    public RegisteredSchema lookup(String subject, Schema schema) {
        return registered(send("POST", "subjects/" + segment(subject), schemaBody(schema.toString())));
    }

    /** Every subject with at least one live version, in the registry's order. */
    public List<String> subjects() {
        List<String> subjects = new ArrayList<>();
        send("GET", "subjects", null).forEach(n -> subjects.add(n.asText()));
        return subjects;
    }

    /**
     * The subject's live version numbers, ascending.
     *
     * @throws SchemaRegistryException 40401 if the subject does not exist
     */
    public List<Integer> versions(String subject) {
        return ints(send("GET", "subjects/" + segment(subject) + "/versions", null));
    }

    /**
     * The subjects and versions that hold the schema with this id (GET /schemas/ids/{id}/versions).
     * The registry answers with subject and version only, so {@link RegisteredSchema#schema()} is
     * null; {@link #schemaById} has the schema.
     */
    public List<RegisteredSchema> subjectVersionsById(int id) {
        List<RegisteredSchema> out = new ArrayList<>();
        for (JsonNode n : send("GET", "schemas/ids/" + id + "/versions", null)) {
            out.add(new RegisteredSchema(n.path("subject").asText(), n.path("version").asInt(), id, null));
        }
        return out;
    }

    /**
     * Whether {@code schema} is compatible with the subject's latest version under the subject's
     * compatibility level (POST /compatibility/subjects/{subject}/versions/latest). True for a
     * subject without versions. Registration also checks earlier versions for transitive levels.
     */
    public boolean isCompatible(String subject, Schema schema) {
        return send("POST", "compatibility/subjects/" + segment(subject) + "/versions/latest",
                schemaBody(schema.toString())).path("is_compatible").asBoolean();
    }

    /** Whether {@code schema} is compatible with one version of the subject, by the subject's level. */
    public boolean isCompatible(String subject, int version, Schema schema) {
        return send("POST", "compatibility/subjects/" + segment(subject) + "/versions/" + version,
                schemaBody(schema.toString())).path("is_compatible").asBoolean();
    }

    /** The registry's default compatibility level. */
    public CompatibilityLevel globalCompatibility() {
        return CompatibilityLevel.parse(send("GET", "config", null).path("compatibilityLevel").asText());
    }

    public CompatibilityLevel setGlobalCompatibility(CompatibilityLevel level) {
        return CompatibilityLevel.parse(send("PUT", "config", levelBody(level)).path("compatibility").asText());
    }

    /** The subject's own compatibility level, empty if it uses the registry's default. */
    public Optional<CompatibilityLevel> subjectCompatibility(String subject) {
        try {
            return Optional.of(CompatibilityLevel.parse(
                    send("GET", "config/" + segment(subject), null).path("compatibilityLevel").asText()));
        } catch (SchemaRegistryException e) {
            if (e.errorCode() == SchemaRegistryException.SUBJECT_COMPATIBILITY_NOT_CONFIGURED
                    || e.errorCode() == SchemaRegistryException.SUBJECT_NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public CompatibilityLevel setSubjectCompatibility(String subject, CompatibilityLevel level) {
        return CompatibilityLevel.parse(send("PUT", "config/" + segment(subject), levelBody(level))
                .path("compatibility").asText());
    }

    /**
     * Deletes every version of a subject: soft (the versions are hidden, ids remain readable)
     * or, after a soft delete, permanent. Returns the versions deleted.
     */
    public List<Integer> deleteSubject(String subject, boolean permanent) {
        forgetSubject(subject);
        return ints(send("DELETE", "subjects/" + segment(subject) + (permanent ? "?permanent=true" : ""), null));
    }

    /** Deletes one version of a subject, soft or (after a soft delete) permanent; returns its number. */
    public int deleteVersion(String subject, int version, boolean permanent) {
        forgetSubject(subject);
        return send("DELETE", "subjects/" + segment(subject) + "/versions/" + version
                + (permanent ? "?permanent=true" : ""), null).asInt();
    }

    private void forgetSubject(String subject) {
        // A deleted schema registered again gets a new version: ask the registry next time.
        idsBySubjectAndSchema.remove(subject);
    }

    private static String schemaBody(String schemaText) {
        ObjectNode body = JSON.createObjectNode();
        body.put("schema", schemaText);
        return body.toString();
    }

    private static String levelBody(CompatibilityLevel level) {
        ObjectNode body = JSON.createObjectNode();
        body.put("compatibility", level.name());
        return body.toString();
    }

    private static RegisteredSchema registered(JsonNode n) {
        return new RegisteredSchema(n.path("subject").asText(), n.path("version").asInt(), n.path("id").asInt(),
                n.path("schema").asText());
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asInt()));
        return out;
    }

    private static Schema parse(String text) {
        try {
            return new Schema.Parser().parse(text);
        } catch (SchemaParseException e) {
            throw SchemaRegistryException.invalidSchema(e.getMessage());
        }
    }

    /** A subject as one path segment: percent-encoded, so '/' or '?' in a name stay part of it. */
    private static String segment(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private JsonNode send(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUrl.resolve(path))
                .timeout(timeout)
                .header("Accept", CONTENT_TYPE + ", application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", CONTENT_TYPE)
                    .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SchemaRegistryException(503, 50003, "cannot reach the schema registry at " + baseUrl + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException(503, 50003, "interrupted while calling the schema registry", e);
        }
        JsonNode json = readJson(response);
        if (response.statusCode() / 100 != 2) {
            throw new SchemaRegistryException(response.statusCode(),
                    json.has("error_code") ? json.path("error_code").asInt() : response.statusCode(),
                    json.has("message") ? json.path("message").asText() : response.body());
        }
        return json;
    }

    private static JsonNode readJson(HttpResponse<String> response) {
        try {
            return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            if (response.statusCode() / 100 != 2) {
                // An error page that is not JSON (a proxy's, say): keep its status and text.
                return JSON.createObjectNode().put("message", response.body());
            }
            throw new SchemaRegistryException(502, 50002, "the schema registry replied with invalid JSON: " + e.getMessage(), e);
        }
    }
}
