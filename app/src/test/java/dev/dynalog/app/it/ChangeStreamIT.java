package dev.dynalog.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynalog.core.encoding.KeyCodec;
import dev.dynalog.core.partition.Partitioner;
import dev.dynalog.schemas.change.ChangeRecord;
import dev.dynalog.schemas.change.EventName;
import dev.dynalog.schemas.registry.SchemaRegistryClient;
import dev.dynalog.schemas.registry.SubjectNames;
import dev.dynalog.streams.TopicNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Change streams end to end: StreamSpecification as DynamoDB takes and describes it, and every
 * applied write as one record on the table's change topic, read with a read_committed Kafka
 * consumer and the Confluent-format deserializer against the node's schema registry.
 */
class ChangeStreamIT {
    private static final TopicNames TOPICS = new TopicNames("dynalog");
    private static Differential both;
    private static RawDynamoDb dynalog;

    @BeforeAll
    static void connect() {
        dynalog = new RawDynamoDb(TestNode.shared().endpoint());
        both = new Differential(dynalog, new RawDynamoDb(ReferenceDynamoDb.endpoint()));
    }

    private static String createBody(String name, String streamSpecification) {
        return "{\"TableName\":\"" + name + "\",\"BillingMode\":\"PAY_PER_REQUEST\","
                + "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"}],"
                + "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}]"
                + (streamSpecification == null ? "" : ",\"StreamSpecification\":" + streamSpecification) + "}";
    }

    @Test
    void createTableRejectsAStreamSpecificationAsDynamoDbDoes() {
        for (String spec : List.of("{}", "{\"StreamViewType\":\"KEYS_ONLY\"}",
                "{\"StreamEnabled\":true}", "{\"StreamEnabled\":true,\"StreamViewType\":\"ALL\"}",
                "{\"StreamEnabled\":false,\"StreamViewType\":\"KEYS_ONLY\"}",
                "{\"StreamEnabled\":false,\"StreamViewType\":\"ALL\"}")) {
            both.same("CreateTable", createBody("cs_invalid", spec));
        }
    }

    @Test
    void updateTableRejectsStreamChangesThatDoNothingOrMixWithCapacity() {
        both.createTable(createBody("cs_update_rules", null));
        both.same("UpdateTable", "{\"TableName\":\"cs_update_rules\",\"StreamSpecification\":{\"StreamEnabled\":false}}");
        both.same("UpdateTable", "{\"TableName\":\"cs_update_rules\",\"StreamSpecification\":{\"StreamEnabled\":true,"
                + "\"StreamViewType\":\"KEYS_ONLY\"},\"ProvisionedThroughput\":{\"ReadCapacityUnits\":1,\"WriteCapacityUnits\":1},"
                + "\"BillingMode\":\"PROVISIONED\"}");
        both.same("UpdateTable", "{\"TableName\":\"cs_missing\",\"StreamSpecification\":{\"StreamEnabled\":true,"
                + "\"StreamViewType\":\"KEYS_ONLY\"}}");
        both.createTable(createBody("cs_update_enabled", "{\"StreamEnabled\":true,\"StreamViewType\":\"NEW_IMAGE\"}"));
        both.same("UpdateTable", "{\"TableName\":\"cs_update_enabled\",\"StreamSpecification\":{\"StreamEnabled\":true,"
                + "\"StreamViewType\":\"KEYS_ONLY\"}}");
    }

    @Test
    void describeTableShowsTheStreamAndKeepsTheLatestLabelAfterItIsDisabled() throws Exception {
        DynamoDbClient db = TestNode.shared().client();
        TableDescription created = db.createTable(b -> b.tableName("cs_describe")
                .billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(a -> a.attributeName("pk").attributeType("S"))
                .keySchema(k -> k.attributeName("pk").keyType("HASH"))
                .streamSpecification(StreamSpecification.builder().streamEnabled(true)
                        .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES).build())).tableDescription();
        assertThat(created.streamSpecification().streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
        assertThat(created.latestStreamLabel()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}");
        assertThat(created.latestStreamArn()).isEqualTo(created.tableArn() + "/stream/" + created.latestStreamLabel());
        TestNode.waiter(db).waitUntilTableExists(b -> b.tableName("cs_describe"));

        db.updateTable(b -> b.tableName("cs_describe").streamSpecification(s -> s.streamEnabled(false)));
        awaitActive(db, "cs_describe");
        TableDescription disabled = db.describeTable(b -> b.tableName("cs_describe")).table();
        assertThat(disabled.streamSpecification()).isNull();
        assertThat(disabled.latestStreamLabel()).isEqualTo(created.latestStreamLabel());

        Thread.sleep(5); // labels are milliseconds: a new stream gets a later one
        TableDescription enabled = db.updateTable(b -> b.tableName("cs_describe").streamSpecification(s -> s
                .streamEnabled(true).streamViewType(StreamViewType.KEYS_ONLY))).tableDescription();
        assertThat(enabled.streamSpecification().streamViewType()).isEqualTo(StreamViewType.KEYS_ONLY);
        assertThat(enabled.latestStreamLabel()).isGreaterThan(created.latestStreamLabel());
    }

    @Test
    void everyAppliedWriteIsOneCommittedChangeRecordInTheItemsLogPartition() {
        DynamoDbClient db = TestNode.shared().client();
        db.createTable(b -> b.tableName("cs_records").billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(a -> a.attributeName("pk").attributeType("S"))
                .keySchema(k -> k.attributeName("pk").keyType("HASH"))
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
        TestNode.waiter(db).waitUntilTableExists(b -> b.tableName("cs_records"));
        String label = db.describeTable(b -> b.tableName("cs_records")).table().latestStreamLabel();

        db.putItem(b -> b.tableName("cs_records").item(Map.of("pk", s("a"), "n", n("1"))));
        db.updateItem(b -> b.tableName("cs_records").key(Map.of("pk", s("a")))
                .updateExpression("SET n = n + :one").expressionAttributeValues(Map.of(":one", n("1"))));
        db.putItem(b -> b.tableName("cs_records").item(Map.of("pk", s("a"), "n", n("2")))); // unchanged: no record
        db.deleteItem(b -> b.tableName("cs_records").key(Map.of("pk", s("missing")))); // nothing deleted: no record
        db.batchWriteItem(b -> b.requestItems(Map.of("cs_records", List.of(
                WriteRequest.builder().putRequest(PutRequest.builder().item(Map.of("pk", s("b"))).build()).build(),
                WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(Map.of("pk", s("a"))).build()).build()))));

        String topic = TOPICS.changes("cs_records");
        try (ChangeTopicReader reader = new ChangeTopicReader(TestNode.shared().bootstrapServers(),
                TestNode.shared().schemaRegistry(), topic)) {
            List<ChangeTopicReader.Change> changes = reader.readUntil(all -> all.size() >= 4, Duration.ofSeconds(60));
            changes.addAll(reader.readFor(Duration.ofSeconds(2)));

            List<ChangeTopicReader.Change> ofA = changes.stream().filter(c -> key(c).equals("a")).toList();
            assertThat(ofA).extracting(c -> c.record().getEventName())
                    .containsExactly(EventName.INSERT, EventName.MODIFY, EventName.REMOVE);
            assertThat(ofA).extracting(c -> c.record().getSequenceNumber()).isSorted().doesNotHaveDuplicates();
            assertThat(ofA.get(1).record().getOldImage().get("n").getN()).isEqualTo("1");
            assertThat(ofA.get(1).record().getNewImage().get("n").getN()).isEqualTo("2");
            assertThat(changes.stream().filter(c -> key(c).equals("b")))
                    .extracting(c -> c.record().getEventName()).containsExactly(EventName.INSERT);
            assertThat(changes).hasSize(4).allSatisfy(c -> {
                ChangeRecord r = c.record();
                assertThat(r.getStreamLabel()).isEqualTo(label);
                assertThat(r.getTableName()).isEqualTo("cs_records");
                assertThat(c.partition()).as("the partition of the item's commands")
                        .isEqualTo(Partitioner.partition(partitionKey(key(c)), 4));
                assertThat(new String(c.key(), StandardCharsets.UTF_8))
                        .isEqualTo("{\"pk\":{\"S\":\"" + key(c) + "\"}}");
            });
        }
        SchemaRegistryClient registry = new SchemaRegistryClient(TestNode.shared().schemaRegistry());
        assertThat(registry.latest(SubjectNames.value(topic)).schema())
                .isEqualTo(ChangeRecord.getClassSchema().toString());
    }

    private static void awaitActive(DynamoDbClient db, String table) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (!db.describeTable(b -> b.tableName(table)).table().tableStatusAsString().equals("ACTIVE")) {
            assertThat(System.currentTimeMillis()).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static String key(ChangeTopicReader.Change c) {
        return c.record().getKeys().get("pk").getS();
    }

    private static byte[] partitionKey(String pk) {
        return KeyCodec.encodeValue(new dev.dynalog.core.model.AttributeValue.S(pk));
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(String v) {
        return AttributeValue.fromN(v);
    }
}
