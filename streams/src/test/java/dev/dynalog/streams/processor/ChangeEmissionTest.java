package dev.dynalog.streams.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynalog.core.encoding.ItemCodec;
import dev.dynalog.core.encoding.KeyCodec;
import dev.dynalog.core.model.AttributeType;
import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.model.KeyAttribute;
import dev.dynalog.core.model.KeySchema;
import dev.dynalog.core.size.ItemSize;
import dev.dynalog.schemas.change.AttributeValueConverter;
import dev.dynalog.schemas.change.ChangeRecord;
import dev.dynalog.schemas.change.EventName;
import dev.dynalog.schemas.command.Command;
import dev.dynalog.schemas.command.CommandCodec;
import dev.dynalog.schemas.command.DeleteItem;
import dev.dynalog.schemas.command.Expression;
import dev.dynalog.schemas.command.PurgeTable;
import dev.dynalog.schemas.command.PutItem;
import dev.dynalog.schemas.command.ReturnValues;
import dev.dynalog.schemas.command.StreamStamp;
import dev.dynalog.schemas.command.StreamViewType;
import dev.dynalog.schemas.command.UpdateItem;
import dev.dynalog.schemas.command.WriteBatch;
import dev.dynalog.schemas.registry.ConfluentAvroDeserializer;
import dev.dynalog.schemas.registry.ConfluentWireFormat;
import dev.dynalog.schemas.registry.SubjectNames;
import dev.dynalog.streams.TopicNames;
import dev.dynalog.streams.changes.ChangeRecordSerializer;
import dev.dynalog.streams.index.IndexLagRecorder;
import dev.dynalog.streams.read.ProcessedOffsets;
import dev.dynalog.streams.topology.DynalogTopology;
import dev.dynalog.streams.transaction.TransactionActivity;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.Schema;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The change records the command processor emits, read from the table's change topic as a
 * consumer would (Confluent wire format), with DynamoDB Streams' rules for event names and
 * images (checked against DynamoDB Local 2.6.1's stream).
 */
class ChangeEmissionTest {
    private static final TopicNames TOPICS = new TopicNames("dynalog");
    private static final String TOPIC = TOPICS.changes("Music");
    private static final int SCHEMA_ID = 7;
    private static final KeySchema SCHEMA = KeySchema.of(new KeyAttribute("Artist", AttributeType.S),
            new KeyAttribute("Song", AttributeType.S));
    private static final String TABLE_ID = "0123456789abcdef0123456789abcdef";
    private static final String LABEL = "2026-01-02T03:04:05.678";
    private static final Instant LOG_TIME = Instant.parse("2026-02-03T04:05:06.789Z");

    private final List<String> registeredSubjects = new ArrayList<>();
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> commands;
    private TestOutputTopic<byte[], byte[]> changes;
    private long offset;

    @BeforeEach
    void start() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "dynalog");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        ChangeRecordSerializer serializer = new ChangeRecordSerializer((subject, schema) -> {
            registeredSubjects.add(subject);
            return SCHEMA_ID;
        });
        driver = new TopologyTestDriver(DynalogTopology.build(TOPICS, (origin, id, result) -> { },
                new ProcessedOffsets(), new TransactionActivity(), serializer, IndexLagRecorder.NONE), p);
        commands = driver.createInputTopic(TOPICS.commandLog(), new ByteArraySerializer(), new ByteArraySerializer());
        changes = driver.createOutputTopic(TOPIC, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void putOfANewItemIsAnInsertWithTheNewImage() {
        Map<String, AttributeValue> song = song("Call Me Today", "2015");
        send(StreamViewType.NEW_AND_OLD_IMAGES, put(song));

        ChangeRecord change = onlyChange();
        assertThat(change.getEventName()).isEqualTo(EventName.INSERT);
        assertThat(image(change.getKeys())).isEqualTo(keys(song));
        assertThat(image(change.getNewImage())).isEqualTo(song);
        assertThat(change.getOldImage()).isNull();
        assertThat(change.getTableName()).isEqualTo("Music");
        assertThat(change.getTableId()).isEqualTo(TABLE_ID);
        assertThat(change.getStreamLabel()).isEqualTo(LABEL);
        assertThat(change.getStreamViewType().name()).isEqualTo("NEW_AND_OLD_IMAGES");
        assertThat(change.getSizeBytes()).isEqualTo(ItemSize.of(keys(song)) + ItemSize.of(song));
    }

    @Test
    void replacingAnItemIsAModifyWithBothImages() {
        Map<String, AttributeValue> before = song("Call Me Today", "2015");
        Map<String, AttributeValue> after = song("Call Me Today", "2016");
        send(StreamViewType.NEW_AND_OLD_IMAGES, put(before));
        send(StreamViewType.NEW_AND_OLD_IMAGES, put(after));

        List<ChangeRecord> all = allChanges();
        assertThat(all).extracting(ChangeRecord::getEventName).containsExactly(EventName.INSERT, EventName.MODIFY);
        assertThat(image(all.get(1).getOldImage())).isEqualTo(before);
        assertThat(image(all.get(1).getNewImage())).isEqualTo(after);
        assertThat(all.get(1).getSizeBytes())
                .isEqualTo(ItemSize.of(keys(after)) + ItemSize.of(after) + ItemSize.of(before));
    }

    @Test
    void deletingAnItemIsARemoveWithTheOldImage() {
        Map<String, AttributeValue> song = song("Howdy", "2019");
        send(StreamViewType.NEW_AND_OLD_IMAGES, put(song));
        send(StreamViewType.NEW_AND_OLD_IMAGES, delete(song));

        ChangeRecord remove = allChanges().get(1);
        assertThat(remove.getEventName()).isEqualTo(EventName.REMOVE);
        assertThat(image(remove.getOldImage())).isEqualTo(song);
        assertThat(remove.getNewImage()).isNull();
    }

    @Test
    void deletingAMissingItemEmitsNothing() {
        send(StreamViewType.NEW_AND_OLD_IMAGES, delete(song("Nobody", "1")));

        assertThat(changes.isEmpty()).isTrue();
    }

    @Test
    void writingAnItemAsItIsEmitsNothingEvenWithSetMembersInAnotherOrder() {
        Map<String, AttributeValue> tagged = song("Tagged", "2020");
        tagged.put("tags", new AttributeValue.SS(List.of("pop", "rock")));
        Map<String, AttributeValue> reordered = song("Tagged", "2020");
        reordered.put("tags", new AttributeValue.SS(List.of("rock", "pop")));
        send(StreamViewType.NEW_AND_OLD_IMAGES, put(tagged));
        send(StreamViewType.NEW_AND_OLD_IMAGES, put(reordered));
        send(StreamViewType.NEW_AND_OLD_IMAGES, update(tagged, "SET #y = :y", Map.of(":y", new AttributeValue.N("2020"))));

        assertThat(allChanges()).extracting(ChangeRecord::getEventName).containsExactly(EventName.INSERT);
    }

    @Test
    void anUpdateCreatingAnItemIsAnInsertAndChangingItIsAModify() {
        Map<String, AttributeValue> song = song("Counter", "2000");
        send(StreamViewType.NEW_IMAGE, update(song, "ADD plays :one", Map.of(":one", new AttributeValue.N("1"))));
        send(StreamViewType.NEW_IMAGE, update(song, "ADD plays :one", Map.of(":one", new AttributeValue.N("1"))));

        List<ChangeRecord> all = allChanges();
        assertThat(all).extracting(ChangeRecord::getEventName).containsExactly(EventName.INSERT, EventName.MODIFY);
        Map<String, AttributeValue> expected = keys(song);
        expected.put("plays", new AttributeValue.N("2"));
        assertThat(image(all.get(1).getNewImage())).isEqualTo(expected);
    }

    @Test
    void keysOnlyCarriesNoImages() {
        Map<String, AttributeValue> song = song("Keys", "1");
        send(StreamViewType.KEYS_ONLY, put(song));
        send(StreamViewType.KEYS_ONLY, put(song("Keys", "2")));
        send(StreamViewType.KEYS_ONLY, delete(song));

        assertThat(allChanges()).allSatisfy(change -> {
            assertThat(image(change.getKeys())).isEqualTo(keys(song));
            assertThat(change.getNewImage()).isNull();
            assertThat(change.getOldImage()).isNull();
            assertThat(change.getSizeBytes()).isEqualTo(ItemSize.of(keys(song)));
        });
    }

    @Test
    void newImageCarriesTheItemAfterTheChangeExceptOnRemove() {
        Map<String, AttributeValue> song = song("New", "1");
        send(StreamViewType.NEW_IMAGE, put(song));
        send(StreamViewType.NEW_IMAGE, put(song("New", "2")));
        send(StreamViewType.NEW_IMAGE, delete(song));

        List<ChangeRecord> all = allChanges();
        assertThat(all).extracting(c -> c.getNewImage() != null).containsExactly(true, true, false);
        assertThat(all).extracting(ChangeRecord::getOldImage).containsOnlyNulls();
        assertThat(image(all.get(1).getNewImage())).isEqualTo(song("New", "2"));
    }

    @Test
    void oldImageCarriesTheItemBeforeTheChangeExceptOnInsert() {
        Map<String, AttributeValue> song = song("Old", "1");
        send(StreamViewType.OLD_IMAGE, put(song));
        send(StreamViewType.OLD_IMAGE, put(song("Old", "2")));
        send(StreamViewType.OLD_IMAGE, delete(song));

        List<ChangeRecord> all = allChanges();
        assertThat(all).extracting(c -> c.getOldImage() != null).containsExactly(false, true, true);
        assertThat(all).extracting(ChangeRecord::getNewImage).containsOnlyNulls();
        assertThat(image(all.get(1).getOldImage())).isEqualTo(song);
        assertThat(image(all.get(2).getOldImage())).isEqualTo(song("Old", "2"));
    }

    @Test
    void aCommandWithoutAStreamStampEmitsNothing() {
        send(null, put(song("Quiet", "1")));

        assertThat(changes.isEmpty()).isTrue();
    }

    @Test
    void aFailedConditionEmitsNothing() {
        PutItem onlyIfAbsent = put(song("Once", "1"));
        onlyIfAbsent.setCondition(new Expression("attribute_not_exists(Artist)", Map.of(), ByteBuffer.allocate(0)));
        send(StreamViewType.KEYS_ONLY, onlyIfAbsent);
        send(StreamViewType.KEYS_ONLY, onlyIfAbsent);

        assertThat(allChanges()).hasSize(1);
    }

    @Test
    void purgingATableEmitsNoRemoves() {
        send(StreamViewType.KEYS_ONLY, put(song("Gone", "1")));
        send(StreamViewType.KEYS_ONLY, new PurgeTable());

        assertThat(allChanges()).hasSize(1);
    }

    @Test
    void sequenceNumbersComeFromTheCommandsOffsetsAndTimeFromItsLogTimestamp() {
        send(StreamViewType.KEYS_ONLY, put(song("A", "1")));
        send(StreamViewType.KEYS_ONLY, delete(song("Missing", "1")));
        send(StreamViewType.KEYS_ONLY, put(song("B", "1")));

        List<ChangeRecord> all = allChanges();
        assertThat(all).extracting(ChangeRecord::getSequenceNumber)
                .containsExactly("000000000000000000000", "000000000000000002000");
        assertThat(all).extracting(ChangeRecord::getApproximateCreationDateTime).containsOnly(LOG_TIME);
    }

    @Test
    void theWritesOfABatchNumberTheirChangesOnFromEachOtherUnderTheBatchsOffset() {
        send(StreamViewType.KEYS_ONLY, put(song("Before", "1")));
        List<ByteBuffer> writes = new ArrayList<>();
        for (Object body : List.of(put(song("A", "1")), delete(song("Missing", "1")), put(song("B", "1")),
                delete(song("A", "1")))) {
            writes.add(ByteBuffer.wrap(command(StreamViewType.KEYS_ONLY, body)));
        }
        commands.pipeInput(new byte[0], CommandCodec.encode(Command.newBuilder().setRequestId("").setOrigin("")
                .setTableId(TransactionCommands.NO_TABLE).setBody(new WriteBatch(writes)).setStream(null).build()), LOG_TIME);

        List<ChangeRecord> all = allChanges();
        assertThat(all).extracting(ChangeRecord::getSequenceNumber).containsExactly("000000000000000000000",
                "000000000000000001000", "000000000000000001001", "000000000000000001002");
        assertThat(all).extracting(ChangeRecord::getEventName)
                .containsExactly(EventName.INSERT, EventName.INSERT, EventName.INSERT, EventName.REMOVE);
    }

    @Test
    void recordsAreInConfluentWireFormatKeyedByTheItemsKeyAsDynamoDbJson() {
        send(StreamViewType.KEYS_ONLY, put(song("Call Me Today", "1")));

        TestRecord<byte[], byte[]> record = changes.readRecord();
        assertThat(record.value()[0]).isZero();
        assertThat(ConfluentWireFormat.schemaId(record.value())).isEqualTo(SCHEMA_ID);
        assertThat(registeredSubjects).containsOnly(SubjectNames.value(TOPIC));
        assertThat(new String(record.key(), StandardCharsets.UTF_8))
                .isEqualTo("{\"Artist\":{\"S\":\"No One You Know\"},\"Song\":{\"S\":\"Call Me Today\"}}");
        assertThat(record.timestamp()).isEqualTo(LOG_TIME.toEpochMilli());
    }

    @Test
    void replayingTheLogEmitsTheSameRecords() {
        List<byte[]> log = new ArrayList<>();
        log.add(command(StreamViewType.NEW_AND_OLD_IMAGES, put(song("R", "1"))));
        log.add(command(StreamViewType.NEW_AND_OLD_IMAGES, update(song("R", "1"), "SET n = :n",
                Map.of(":n", new AttributeValue.N("5")))));
        log.add(command(StreamViewType.NEW_AND_OLD_IMAGES, delete(song("R", "1"))));
        log.forEach(c -> commands.pipeInput(new byte[0], c, LOG_TIME));
        List<byte[]> live = changes.readValuesToList();

        stop();
        start();
        log.forEach(c -> commands.pipeInput(new byte[0], c, LOG_TIME));

        assertThat(changes.readValuesToList()).containsExactlyElementsOf(live);
    }

    private void send(StreamViewType viewType, Object body) {
        commands.pipeInput(new byte[0], command(viewType, body), LOG_TIME);
        offset++;
    }

    private static byte[] command(StreamViewType viewType, Object body) {
        StreamStamp stamp = viewType == null ? null
                : new StreamStamp("Music", LABEL, viewType, List.of("Artist", "Song"));
        return CommandCodec.encode(Command.newBuilder().setRequestId("r").setOrigin("n").setTableId(TABLE_ID)
                .setBody(body).setStream(stamp).build());
    }

    private ChangeRecord onlyChange() {
        List<ChangeRecord> all = allChanges();
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    private List<ChangeRecord> allChanges() {
        Schema schema = ChangeRecord.getClassSchema();
        ConfluentAvroDeserializer<ChangeRecord> deserializer = ConfluentAvroDeserializer.specific(id -> schema,
                ChangeRecord.class);
        List<ChangeRecord> all = new ArrayList<>();
        for (byte[] value : changes.readValuesToList()) {
            all.add(deserializer.deserialize(value));
        }
        return all;
    }

    private static Map<String, AttributeValue> image(Map<String, dev.dynalog.schemas.change.AttributeValue> avro) {
        return AttributeValueConverter.fromAvro(avro);
    }

    private static Map<String, AttributeValue> song(String title, String year) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("Artist", new AttributeValue.S("No One You Know"));
        item.put("Song", new AttributeValue.S(title));
        item.put("Year", new AttributeValue.N(year));
        return item;
    }

    private static Map<String, AttributeValue> keys(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> keys = new LinkedHashMap<>();
        keys.put("Artist", item.get("Artist"));
        keys.put("Song", item.get("Song"));
        return keys;
    }

    private static PutItem put(Map<String, AttributeValue> item) {
        return PutItem.newBuilder().setKey(ByteBuffer.wrap(KeyCodec.encodePrimaryKey(SCHEMA, item)))
                .setItem(ByteBuffer.wrap(ItemCodec.encode(item))).setReturnValues(ReturnValues.NONE).build();
    }

    private static DeleteItem delete(Map<String, AttributeValue> item) {
        return DeleteItem.newBuilder().setKey(ByteBuffer.wrap(KeyCodec.encodePrimaryKey(SCHEMA, item)))
                .setReturnValues(ReturnValues.NONE).build();
    }

    private static UpdateItem update(Map<String, AttributeValue> item, String text, Map<String, AttributeValue> values) {
        Map<String, AttributeValue> key = keys(item);
        return UpdateItem.newBuilder()
                .setKey(ByteBuffer.wrap(KeyCodec.encodePrimaryKey(SCHEMA, key)))
                .setKeyItem(ByteBuffer.wrap(ItemCodec.encode(key)))
                .setUpdate(new Expression(text, text.contains("#y") ? Map.of("#y", "Year") : Map.of(),
                        ByteBuffer.wrap(ItemCodec.encode(values))))
                .setReturnValues(ReturnValues.NONE)
                .build();
    }
}
