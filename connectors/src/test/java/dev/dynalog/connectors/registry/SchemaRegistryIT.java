package dev.dynalog.connectors.registry;

import static dev.dynalog.connectors.registry.SchemaRegistryTest.ID_AS_INT;
import static dev.dynalog.connectors.registry.SchemaRegistryTest.OTHER;
import static dev.dynalog.connectors.registry.SchemaRegistryTest.V1;
import static dev.dynalog.connectors.registry.SchemaRegistryTest.V2_WITHOUT_DEFAULT;
import static dev.dynalog.connectors.registry.SchemaRegistryTest.V2_WITH_DEFAULT;
import static dev.dynalog.connectors.registry.SchemaRegistryTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dynalog.schemas.change.ChangeRecord;
import dev.dynalog.schemas.registry.CompatibilityLevel;
import dev.dynalog.schemas.registry.RegisteredSchema;
import dev.dynalog.schemas.registry.SchemaRegistryClient;
import dev.dynalog.schemas.registry.SchemaRegistryException;
import dev.dynalog.schemas.registry.SubjectNames;
import dev.dynalog.streams.TopicNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded registry on a real KRaft broker, driven through dynalog's REST client: schemas
 * live in the compacted {@code _schemas} topic, so a restarted registry, or a second one on the
 * same topic, serves the same subjects, versions and ids.
 */
class SchemaRegistryIT {
    private static final Duration STARTUP = Duration.ofMinutes(1);

    @TempDir
    static Path dir;
    static TestKafkaBroker broker;
    static Admin admin;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = TestKafkaBroker.start(dir);
        admin = broker.admin();
    }

    @AfterAll
    static void stopBroker() {
        if (admin != null) {
            admin.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private static String newTopic(String prefix) throws Exception {
        String topic = new TopicNames(prefix).schemas();
        admin.createTopics(List.of(KafkaSchemaLog.topic(topic, 1, 1))).all().get(30, TimeUnit.SECONDS);
        return topic;
    }

    private static EmbeddedSchemaRegistry startRegistry(String topic) throws Exception {
        return EmbeddedSchemaRegistry.start(broker.bootstrapServers(), topic, "127.0.0.1", 0, STARTUP);
    }

    private static Schema schema(String text) {
        return new Schema.Parser().parse(text);
    }

    @Test
    void theSchemasTopicIsCompactedWithOnePartition() throws Exception {
        String topic = newTopic("layout");

        TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
        String cleanup = admin.describeConfigs(List.of(new org.apache.kafka.common.config.ConfigResource(
                org.apache.kafka.common.config.ConfigResource.Type.TOPIC, topic))).all().get().values().iterator().next()
                .get("cleanup.policy").value();

        assertThat(topic).isEqualTo("layout._schemas");
        assertThat(d.partitions()).hasSize(1);
        assertThat(cleanup).isEqualTo("compact");
    }

    @Test
    void registerFetchListCheckAndRejectThroughTheClient() throws Exception {
        String topic = newTopic("api");
        try (EmbeddedSchemaRegistry registry = startRegistry(topic)) {
            SchemaRegistryClient client = new SchemaRegistryClient(registry.url());
            String changes = SubjectNames.value("api.Orders.changes");

            int changeId = client.register(changes, ChangeRecord.getClassSchema());
            int v1 = client.register("orders-value", schema(V1));
            int v2 = client.register("orders-value", schema(V2_WITH_DEFAULT));

            assertThat(List.of(changeId, v1, v2)).containsExactly(1, 2, 3);
            assertThat(new SchemaRegistryClient(registry.url()).schemaById(changeId)).isEqualTo(ChangeRecord.getClassSchema());
            assertThat(client.versions("orders-value")).containsExactly(1, 2);
            assertThat(client.subjects()).containsExactlyInAnyOrder(changes, "orders-value");
            // the id field changes type: no reader with one schema reads the other's data
            assertThat(client.isCompatible("orders-value", schema(ID_AS_INT))).isFalse();
            assertError(() -> client.register("orders-value", schema(ID_AS_INT)), 409,
                    SchemaRegistryException.INCOMPATIBLE_SCHEMA);
            assertThat(client.versions("orders-value")).containsExactly(1, 2);
        }
    }

    @Test
    void aRestartedRegistryServesTheSameIdsAndKeepsCounting() throws Exception {
        String topic = newTopic("restart");
        int v1;
        int other;
        try (EmbeddedSchemaRegistry registry = startRegistry(topic)) {
            SchemaRegistryClient client = new SchemaRegistryClient(registry.url());
            v1 = client.register("orders-value", schema(V1));
            other = client.register("customers-value", schema(OTHER));
            client.setSubjectCompatibility("orders-value", CompatibilityLevel.FORWARD);
        }

        try (EmbeddedSchemaRegistry restarted = startRegistry(topic)) {
            SchemaRegistryClient client = new SchemaRegistryClient(restarted.url());

            assertThat(client.schemaById(v1)).isEqualTo(schema(V1));
            assertThat(client.schemaById(other)).isEqualTo(schema(OTHER));
            assertThat(client.latest("orders-value")).isEqualTo(new RegisteredSchema("orders-value", 1, v1, schema(V1).toString()));
            assertThat(client.register("orders-value", schema(V1))).isEqualTo(v1);
            assertThat(client.subjectCompatibility("orders-value")).contains(CompatibilityLevel.FORWARD);
            // FORWARD allows a field without default; the new schema gets the next id, not a taken one
            assertThat(client.register("orders-value", schema(V2_WITHOUT_DEFAULT))).isEqualTo(other + 1);
        }
    }

    @Test
    void aSecondRegistryOnTheSameTopicSeesWhatTheFirstRegistered() throws Exception {
        String topic = newTopic("shared");
        try (EmbeddedSchemaRegistry first = startRegistry(topic);
                EmbeddedSchemaRegistry second = startRegistry(topic)) {
            int id = new SchemaRegistryClient(first.url()).register("orders-value", schema(V1));
            SchemaRegistryClient secondClient = new SchemaRegistryClient(second.url());

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (secondClient.subjects().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }

            assertThat(secondClient.latest("orders-value").id()).isEqualTo(id);
            assertThat(secondClient.schemaById(id)).isEqualTo(schema(V1));
        }
    }

    @Test
    void writesAlternatingBetweenTwoRegistriesGetDistinctIdsAndVersions() throws Exception {
        String topic = newTopic("alternating");
        try (EmbeddedSchemaRegistry first = startRegistry(topic);
                EmbeddedSchemaRegistry second = startRegistry(topic)) {
            SchemaRegistryClient a = new SchemaRegistryClient(first.url());
            SchemaRegistryClient b = new SchemaRegistryClient(second.url());

            // each write first reads the topic to its end, so it sees the other instance's last write
            int v1 = a.register("orders-value", schema(V1));
            int other = b.register("customers-value", schema(OTHER));
            int v2 = b.register("orders-value", schema(V2_WITH_DEFAULT));
            int v1Again = b.register("archive-value", schema(V1));

            assertThat(List.of(v1, other, v2, v1Again)).containsExactly(1, 2, 3, 1);
            assertThat(b.versions("orders-value")).containsExactly(1, 2);
        }
    }
}
