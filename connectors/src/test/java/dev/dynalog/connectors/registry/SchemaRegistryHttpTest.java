package dev.dynalog.connectors.registry;

import static dev.dynalog.connectors.registry.SchemaRegistryTest.OTHER;
import static dev.dynalog.connectors.registry.SchemaRegistryTest.V1;
import static dev.dynalog.connectors.registry.SchemaRegistryTest.V2_WITHOUT_DEFAULT;
import static dev.dynalog.connectors.registry.SchemaRegistryTest.V2_WITH_DEFAULT;
import static dev.dynalog.connectors.registry.SchemaRegistryTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dynalog.schemas.change.ChangeRecord;
import dev.dynalog.schemas.registry.CompatibilityLevel;
import dev.dynalog.schemas.registry.ConfluentAvroDeserializer;
import dev.dynalog.schemas.registry.ConfluentAvroSerializer;
import dev.dynalog.schemas.registry.RegisteredSchema;
import dev.dynalog.schemas.registry.SchemaRegistryClient;
import dev.dynalog.schemas.registry.SchemaRegistryException;
import dev.dynalog.schemas.registry.SubjectNames;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The registry's REST API as a client sees it, through dynalog's {@link SchemaRegistryClient} and
 * raw HTTP, with the registry's log in memory (the broker-backed path is SchemaRegistryIT).
 */
class SchemaRegistryHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SchemaRegistryServer server;
    private SchemaRegistryClient client;
    private URI url;

    @BeforeEach
    void start() throws InterruptedException {
        RegistryState state = new RegistryState();
        server = SchemaRegistryServer.start("127.0.0.1", 0, new SchemaRegistry(state, new InMemorySchemaLog(state)));
        url = URI.create("http://127.0.0.1:" + server.port());
        client = new SchemaRegistryClient(url);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static Schema schema(String text) {
        return new Schema.Parser().parse(text);
    }

    @Test
    void aRegisteredSchemaIsFoundByIdSubjectAndVersion() {
        int id = client.register("orders-value", schema(V1));

        assertThat(client.schemaById(id)).isEqualTo(schema(V1));
        assertThat(client.subjects()).containsExactly("orders-value");
        assertThat(client.versions("orders-value")).containsExactly(1);
        assertThat(client.latest("orders-value")).isEqualTo(new RegisteredSchema("orders-value", 1, id, schema(V1).toString()));
        assertThat(client.version("orders-value", 1).id()).isEqualTo(id);
        assertThat(client.lookup("orders-value", schema(V1)).version()).isEqualTo(1);
        assertThat(client.subjectVersionsById(id)).extracting(RegisteredSchema::subject).containsExactly("orders-value");
    }

    @Test
    void anIncompatibleSchemaIsRejectedWith409AndTheCheckSaysSo() {
        client.register("orders-value", schema(V1));

        assertThat(client.isCompatible("orders-value", schema(V2_WITHOUT_DEFAULT))).isFalse();
        assertThat(client.isCompatible("orders-value", schema(V2_WITH_DEFAULT))).isTrue();
        assertError(() -> client.register("orders-value", schema(V2_WITHOUT_DEFAULT)), 409,
                SchemaRegistryException.INCOMPATIBLE_SCHEMA);
        assertThat(client.versions("orders-value")).containsExactly(1);
    }

    @Test
    void errorsCarryConfluentsCodes() {
        assertError(() -> client.latest("nope"), 404, SchemaRegistryException.SUBJECT_NOT_FOUND);
        assertError(() -> client.schemaById(42), 404, SchemaRegistryException.SCHEMA_NOT_FOUND);
        client.register("orders-value", schema(V1));
        assertError(() -> client.version("orders-value", 9), 404, SchemaRegistryException.VERSION_NOT_FOUND);
        assertError(() -> client.lookup("orders-value", schema(OTHER)), 404, SchemaRegistryException.SCHEMA_NOT_FOUND);
    }

    @Test
    void compatibilityLevelsAreReadAndSet() {
        assertThat(client.globalCompatibility()).isEqualTo(CompatibilityLevel.BACKWARD);
        assertThat(client.subjectCompatibility("orders-value")).isEmpty();

        assertThat(client.setSubjectCompatibility("orders-value", CompatibilityLevel.FORWARD)).isEqualTo(CompatibilityLevel.FORWARD);
        assertThat(client.setGlobalCompatibility(CompatibilityLevel.FULL)).isEqualTo(CompatibilityLevel.FULL);

        assertThat(client.subjectCompatibility("orders-value")).contains(CompatibilityLevel.FORWARD);
        assertThat(client.globalCompatibility()).isEqualTo(CompatibilityLevel.FULL);
        client.register("orders-value", schema(V1));
        assertThat(client.register("orders-value", schema(V2_WITHOUT_DEFAULT))).isEqualTo(2);
    }

    @Test
    void deletedSubjectsDisappearFromListings() {
        client.register("orders-value", schema(V1));
        client.register("orders-value", schema(V2_WITH_DEFAULT));

        assertThat(client.deleteVersion("orders-value", 2, false)).isEqualTo(2);
        assertThat(client.versions("orders-value")).containsExactly(1);
        assertThat(client.deleteSubject("orders-value", false)).containsExactly(1);
        assertThat(client.subjects()).isEmpty();
        assertThat(client.deleteSubject("orders-value", true)).containsExactly(1, 2);
    }

    @Test
    void aChangeRecordTravelsThroughTheRegistryInTheWireFormat() {
        String subject = SubjectNames.value("dynalog.Orders.changes");
        ConfluentAvroSerializer<ChangeRecord> serializer = ConfluentAvroSerializer.registering(client, subject, ChangeRecord.class);
        ChangeRecord record = ChangeRecord.newBuilder().setEventName(dev.dynalog.schemas.change.EventName.INSERT)
                .setTableName("Orders").setKeys(Map.of()).setSequenceNumber("1")
                .setApproximateCreationDateTime(Instant.ofEpochMilli(1)).setSizeBytes(0)
                .setStreamViewType(dev.dynalog.schemas.change.StreamViewType.KEYS_ONLY).build();

        byte[] bytes = serializer.serialize(record);
        SchemaRegistryClient consumerSide = new SchemaRegistryClient(url);

        assertThat(ConfluentAvroDeserializer.specific(consumerSide, ChangeRecord.class).deserialize(bytes)).isEqualTo(record);
        assertThat(consumerSide.latest("dynalog.Orders.changes-value").id()).isEqualTo(serializer.schemaId());
    }

    @Test
    void responsesUseTheRegistrysContentTypeAndErrorBody() throws Exception {
        HttpResponse<String> r = raw("GET", "/subjects/nope/versions", null);

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/vnd.schemaregistry.v1+json");
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("error_code").asInt()).isEqualTo(40401);
        assertThat(body.path("message").asText()).contains("nope");
    }

    @Test
    void theVersionsSchemaEndpointReturnsTheSchemaItself() throws Exception {
        client.register("orders-value", schema(V1));

        HttpResponse<String> r = raw("GET", "/subjects/orders-value/versions/latest/schema", null);

        assertThat(new Schema.Parser().parse(r.body())).isEqualTo(schema(V1));
    }

    @Test
    void theRootAnswersWithAnEmptyObject() throws Exception {
        HttpResponse<String> r = raw("GET", "/", null);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{}");
    }

    @Test
    void verboseCompatibilityChecksExplainTheProblem() throws Exception {
        client.register("orders-value", schema(V1));

        HttpResponse<String> r = raw("POST", "/compatibility/subjects/orders-value/versions/latest?verbose=true",
                JSON.createObjectNode().put("schema", V2_WITHOUT_DEFAULT).toString());

        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("is_compatible").asBoolean(true)).isFalse();
        assertThat(body.path("messages").toString()).contains("qty");
    }

    @Test
    void anUnknownCompatibilityLevelIs42203() throws Exception {
        HttpResponse<String> r = raw("PUT", "/config", "{\"compatibility\":\"SIDEWAYS\"}");

        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(r.body()).path("error_code").asInt()).isEqualTo(42203);
    }

    @Test
    void aSubjectNameWithReservedCharactersIsOneSubject() {
        String subject = "a/b c+d?-value";

        int id = client.register(subject, schema(V1));

        assertThat(client.subjects()).containsExactly(subject);
        assertThat(client.latest(subject).id()).isEqualTo(id);
    }

    private HttpResponse<String> raw(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(url.resolve(path))
                .header("Content-Type", SchemaRegistryClient.CONTENT_TYPE)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
