package dev.dynalog.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the client sends and how it reads replies, against a scripted HTTP server. */
class SchemaRegistryClientTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Schema ORDER = SchemaBuilder.record("Order").fields().requiredString("id").endRecord();

    /** One received request: method, raw path and query, content type, body. */
    record Received(String method, String uri, String contentType, String body) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String reply = "{}";
    private HttpServer server;
    private SchemaRegistryClient client;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
        client = new SchemaRegistryClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()),
                exchange.getRequestHeaders().getFirst("Content-Type"),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
        byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Test
    void registerPostsTheSchemaTextToTheSubjectsVersions() throws IOException {
        reply = "{\"id\":7}";

        assertThat(client.register("orders-value", ORDER)).isEqualTo(7);

        Received r = received.get(0);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.uri()).isEqualTo("/subjects/orders-value/versions");
        assertThat(r.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
        JsonNode body = JSON.readTree(r.body());
        assertThat(new Schema.Parser().parse(body.path("schema").asText())).isEqualTo(ORDER);
    }

    @Test
    void registerAsksTheRegistryOncePerSubjectAndSchema() {
        reply = "{\"id\":7}";

        client.register("orders-value", ORDER);
        client.register("orders-value", ORDER);
        client.register("archive-value", ORDER);

        assertThat(received).extracting(Received::uri)
                .containsExactly("/subjects/orders-value/versions", "/subjects/archive-value/versions");
    }

    @Test
    void aSchemaFetchedByIdIsCached() {
        reply = JSON.createObjectNode().put("schema", ORDER.toString()).toString();

        assertThat(client.schemaById(3)).isEqualTo(ORDER);
        assertThat(client.schemaById(3)).isEqualTo(ORDER);

        assertThat(received).extracting(Received::method, Received::uri)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("GET", "/schemas/ids/3"));
    }

    @Test
    void subjectsArePercentEncodedAsOnePathSegment() {
        reply = "[1]";

        client.versions("a/b c");

        assertThat(received.get(0).uri()).isEqualTo("/subjects/a%2Fb%20c/versions");
    }

    @Test
    void anErrorReplyBecomesAnExceptionWithTheRegistrysCodeAndMessage() {
        status = 409;
        reply = "{\"error_code\":409,\"message\":\"Schema being registered is incompatible\"}";

        assertThatThrownBy(() -> client.register("orders-value", ORDER))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(409);
                    assertThat(e.errorCode()).isEqualTo(409);
                    assertThat(e.getMessage()).isEqualTo("Schema being registered is incompatible");
                });
    }

    @Test
    void anErrorPageThatIsNotJsonKeepsItsStatusAndText() {
        status = 502;
        reply = "<html>bad gateway</html>";

        assertThatThrownBy(() -> client.subjects()).isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
            assertThat(e.httpStatus()).isEqualTo(502);
            assertThat(e.getMessage()).contains("bad gateway");
        });
    }

    @Test
    void aSubjectWithoutItsOwnLevelIsEmptyNotAnError() {
        status = 404;
        reply = "{\"error_code\":40408,\"message\":\"Subject 'x' does not have subject-level compatibility configured\"}";

        assertThat(client.subjectCompatibility("x")).isEmpty();
    }

    @Test
    void levelsAreSetWithTheCompatibilityField() throws IOException {
        reply = "{\"compatibility\":\"FULL_TRANSITIVE\"}";

        assertThat(client.setSubjectCompatibility("orders-value", CompatibilityLevel.FULL_TRANSITIVE))
                .isEqualTo(CompatibilityLevel.FULL_TRANSITIVE);

        assertThat(received.get(0).method()).isEqualTo("PUT");
        assertThat(received.get(0).uri()).isEqualTo("/config/orders-value");
        assertThat(JSON.readTree(received.get(0).body()).path("compatibility").asText()).isEqualTo("FULL_TRANSITIVE");
    }

    @Test
    void aPermanentDeleteSaysSoInTheQuery() {
        reply = "[1,2]";

        assertThat(client.deleteSubject("orders-value", true)).containsExactly(1, 2);

        assertThat(received.get(0).method()).isEqualTo("DELETE");
        assertThat(received.get(0).uri()).isEqualTo("/subjects/orders-value?permanent=true");
    }
}
