package dev.dynalog.streams.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynalog.core.encoding.ItemCodec;
import dev.dynalog.core.encoding.KeyCodec;
import dev.dynalog.core.index.IndexKind;
import dev.dynalog.core.index.IndexProjection;
import dev.dynalog.core.index.IndexStatus;
import dev.dynalog.core.index.SecondaryIndex;
import dev.dynalog.core.index.SecondaryIndexes;
import dev.dynalog.core.model.AttributeType;
import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.model.BillingMode;
import dev.dynalog.core.model.KeyAttribute;
import dev.dynalog.core.model.KeySchema;
import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.core.model.TableRecovery;
import dev.dynalog.core.model.TableStatus;
import dev.dynalog.core.model.TableStream;
import dev.dynalog.core.ttl.ExpiryRule;
import dev.dynalog.schemas.change.ChangeRecord;
import dev.dynalog.schemas.change.EventName;
import dev.dynalog.schemas.change.UserIdentity;
import dev.dynalog.schemas.command.Command;
import dev.dynalog.schemas.command.CommandCodec;
import dev.dynalog.schemas.command.CompleteTransaction;
import dev.dynalog.schemas.command.CoordinatorRef;
import dev.dynalog.schemas.command.ExpireItem;
import dev.dynalog.schemas.command.Expression;
import dev.dynalog.schemas.command.PutItem;
import dev.dynalog.schemas.command.ReturnValues;
import dev.dynalog.schemas.command.StreamStamp;
import dev.dynalog.schemas.command.StreamViewType;
import dev.dynalog.schemas.command.TransactAction;
import dev.dynalog.schemas.command.TransactActionKind;
import dev.dynalog.schemas.command.TransactWrite;
import dev.dynalog.schemas.command.UpdateItem;
import dev.dynalog.schemas.command.WriteBatch;
import dev.dynalog.schemas.registry.ConfluentAvroDeserializer;
import dev.dynalog.streams.TopicNames;
import dev.dynalog.streams.changes.ChangeRecordSerializer;
import dev.dynalog.streams.index.GlobalIndexStoreKeys;
import dev.dynalog.streams.index.IndexLagRecorder;
import dev.dynalog.streams.index.IndexMaterializer;
import dev.dynalog.streams.index.TableIndexes;
import dev.dynalog.streams.read.ProcessedOffsets;
import dev.dynalog.streams.state.ItemStoreKeys;
import dev.dynalog.streams.state.TableStats;
import dev.dynalog.streams.topology.DynalogTopology;
import dev.dynalog.streams.transaction.TransactionActivity;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.Schema;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Time to Live expiries as the partition's processor decides them: against the item at the
 * expiry's log position, by the attribute and time the sweeper put in the command. Driven through
 * the real topology by Kafka Streams' test driver.
 */
class TimeToLiveExpiryTest {
    private static final TopicNames TOPICS = new TopicNames("dynalog");
    private static final KeySchema KEY = KeySchema.of(new KeyAttribute("pk", AttributeType.S),
            new KeyAttribute("sk", AttributeType.N));
    private static final String TABLE_ID = "0123456789abcdef0123456789abcdef";
    private static final SecondaryIndex BY_GROUP = new SecondaryIndex("byGroup", "11111111111111111111111111111111",
            IndexKind.GLOBAL, KeySchema.of(new KeyAttribute("g", AttributeType.S)), IndexProjection.keysOnly(),
            IndexStatus.ACTIVE, false, 0, 0);
    private static final SecondaryIndex BY_RANK = new SecondaryIndex("byRank", "22222222222222222222222222222222",
            IndexKind.LOCAL, KeySchema.of(new KeyAttribute("pk", AttributeType.S), new KeyAttribute("rank", AttributeType.N)),
            IndexProjection.all(), IndexStatus.ACTIVE, false, 0, 0);
    private static final StreamStamp STREAM = new StreamStamp("Sessions", "2026-01-01T00:00:00.000",
            StreamViewType.NEW_AND_OLD_IMAGES, List.of("pk", "sk"));
    /** The sweeper's clock when it found the items expired. */
    private static final long SWEPT_AT = Instant.parse("2026-06-01T12:00:00Z").toEpochMilli();
    private static final long SWEPT_AT_SECONDS = SWEPT_AT / 1000;
    /** The log time of every command: a replay stamps its change records with the same. */
    private static final Instant LOG_TIME = Instant.ofEpochMilli(SWEPT_AT + 20);

    private final List<CommandResult> results = new ArrayList<>();
    private final List<byte[]> log = new ArrayList<>();
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> commands;
    private TestOutputTopic<byte[], byte[]> changes;
    private int sequence;

    @BeforeEach
    void start() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "dynalog");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(DynalogTopology.build(TOPICS, (origin, id, result) -> results.add(result),
                new ProcessedOffsets(), new TransactionActivity(), new ChangeRecordSerializer((subject, schema) -> 1),
                IndexLagRecorder.NONE), p);
        commands = driver.createInputTopic(TOPICS.commandLog(), new ByteArraySerializer(), new ByteArraySerializer());
        changes = driver.createOutputTopic(TOPICS.changes("Sessions"), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void anItemWhoseTtlHasPassedIsDeletedWithARemoveRecordOfTheTimeToLiveService() {
        Map<String, AttributeValue> session = item("a", 1, "expires", n(SWEPT_AT_SECONDS - 60));
        send(put(session));

        send(expire(session, "expires"));

        assertThat(stored(session)).isNull();
        assertThat(last().outcome()).isEqualTo(CommandResult.Outcome.APPLIED);
        List<ChangeRecord> all = allChanges();
        assertThat(all).extracting(ChangeRecord::getEventName).containsExactly(EventName.INSERT, EventName.REMOVE);
        assertThat(all.get(0).getUserIdentity()).isNull();
        assertThat(all.get(1).getUserIdentity()).isEqualTo(new UserIdentity("Service", "dynamodb.amazonaws.com"));
        assertThat(all.get(1).getOldImage()).isNotNull();
    }

    @Test
    void anItemExpiringExactlyAtTheSweepTimeIsDeleted() {
        Map<String, AttributeValue> session = item("a", 1, "expires", new AttributeValue.N(SWEPT_AT_SECONDS + ""));
        send(put(session));

        send(expire(session, "expires"));

        assertThat(stored(session)).isNull();
    }

    @Test
    void anItemWhoseTtlIsInTheFutureStays() {
        Map<String, AttributeValue> session = item("a", 1, "expires", n(SWEPT_AT_SECONDS + 1));
        send(put(session));

        send(expire(session, "expires"));

        assertThat(stored(session)).isEqualTo(session);
        assertThat(last().outcome()).isEqualTo(CommandResult.Outcome.CONDITION_FAILED);
        assertThat(allChanges()).hasSize(1);
    }

    @Test
    void aTtlAttributeThatIsNotANumberNeverExpires() {
        Map<String, AttributeValue> text = item("a", 1, "expires", new AttributeValue.S(String.valueOf(SWEPT_AT_SECONDS - 60)));
        Map<String, AttributeValue> set = item("a", 2, "expires", new AttributeValue.NS(List.of("1", "2")));
        send(put(text));
        send(put(set));

        send(expire(text, "expires"));
        send(expire(set, "expires"));

        assertThat(stored(text)).isEqualTo(text);
        assertThat(stored(set)).isEqualTo(set);
    }

    @Test
    void aTtlMoreThanFiveYearsBeforeTheSweepIsIgnored() {
        Map<String, AttributeValue> ancient = item("a", 1, "expires", n(SWEPT_AT_SECONDS - ExpiryRule.MAX_AGE_SECONDS - 1));
        Map<String, AttributeValue> old = item("a", 2, "expires", n(SWEPT_AT_SECONDS - ExpiryRule.MAX_AGE_SECONDS));
        send(put(ancient));
        send(put(old));

        send(expire(ancient, "expires"));
        send(expire(old, "expires"));

        assertThat(stored(ancient)).isEqualTo(ancient);
        assertThat(stored(old)).isNull();
    }

    @Test
    void anItemWhoseTtlAttributeWasRemovedAfterTheSweepStays() {
        Map<String, AttributeValue> session = item("a", 1, "expires", n(SWEPT_AT_SECONDS - 60));
        send(put(session));
        Command expiry = expire(session, "expires");
        send(update(session, "REMOVE expires"));

        send(expiry);

        assertThat(stored(session)).isEqualTo(item("a", 1));
        assertThat(last().outcome()).isEqualTo(CommandResult.Outcome.CONDITION_FAILED);
    }

    @Test
    void anItemRewrittenWithALaterTtlBetweenTheSweepAndItsExpiryStays() {
        Map<String, AttributeValue> session = item("a", 1, "expires", n(SWEPT_AT_SECONDS - 60));
        send(put(session));
        Command expiry = expire(session, "expires");
        Map<String, AttributeValue> extended = item("a", 1, "expires", n(SWEPT_AT_SECONDS + 3600));
        send(put(extended));

        send(expiry);

        assertThat(stored(session)).isEqualTo(extended);
        assertThat(allChanges()).extracting(ChangeRecord::getEventName).containsExactly(EventName.INSERT, EventName.MODIFY);
    }

    @Test
    void anExpiryOfAnItemAlreadyDeletedChangesNothingAndEmitsNothing() {
        Map<String, AttributeValue> session = item("a", 1, "expires", n(SWEPT_AT_SECONDS - 60));
        send(put(session));
        send(expire(session, "expires"));
        send(put(item("b", 1)));

        // Appended twice (a sweeper restarted before the first was decided): the second finds nothing.
        send(expire(session, "expires"));

        assertThat(last().outcome()).isEqualTo(CommandResult.Outcome.CONDITION_FAILED);
        assertThat(allChanges()).extracting(ChangeRecord::getEventName)
                .containsExactly(EventName.INSERT, EventName.REMOVE, EventName.INSERT);
        assertThat(countOf(TABLE_ID)).isEqualTo(1);
    }

    @Test
    void anItemHeldByATransactionIsLeftToALaterSweep() {
        Map<String, AttributeValue> session = item("a", 1, "expires", n(SWEPT_AT_SECONDS - 60));
        send(put(session));
        String transaction = "7472616e73616374696f6e3100000000";
        // The prepare of a transaction whose coordinator is another partition: it holds the item.
        Map<String, AttributeValue> key = item("a", 1);
        sendStep(new TransactWrite(transaction, List.of(TransactAction.newBuilder().setIndex(0).setTableId(TABLE_ID)
                .setKind(TransactActionKind.CONDITION_CHECK).setKey(ByteBuffer.wrap(KeyCodec.encodePrimaryKey(KEY, key)))
                .setKeyItem(ByteBuffer.wrap(ItemCodec.encode(key)))
                .setCondition(new Expression("attribute_exists(pk)", Map.of(), ByteBuffer.wrap(new byte[0])))
                .build()), new CoordinatorRef(1, List.of(0, 1)), null));

        send(expire(session, "expires"));
        assertThat(last().outcome()).isEqualTo(CommandResult.Outcome.TRANSACTION_CONFLICT);
        assertThat(stored(session)).isEqualTo(session);

        sendStep(new CompleteTransaction(transaction, false));
        send(expire(session, "expires"));
        assertThat(stored(session)).isNull();
    }

    @Test
    void anExpiryJudgesTheAttributeItNamesNotAnother() {
        // TTL disabled and enabled again on another attribute: an expiry names the one it was swept by.
        Map<String, AttributeValue> session = item("a", 1, "expires", n(SWEPT_AT_SECONDS + 3600),
                "deleteAt", n(SWEPT_AT_SECONDS - 60));
        send(put(session));

        send(expire(session, "expires"));
        assertThat(stored(session)).isEqualTo(session);

        send(expire(session, "deleteAt"));
        assertThat(stored(session)).isNull();
    }

    @Test
    void anExpiredItemLeavesItsLocalAndGlobalIndexesLikeAnyDelete() {
        define();
        Map<String, AttributeValue> session = item("a", 1, "expires", n(SWEPT_AT_SECONDS - 60), "g", new AttributeValue.S("red"),
                "rank", n(7));
        Map<String, AttributeValue> other = item("a", 2, "g", new AttributeValue.S("red"), "rank", n(3));
        send(put(session));
        send(put(other));
        assertThat(globalEntries()).hasSize(2);
        assertThat(localEntries()).hasSize(2);

        send(expire(session, "expires"));

        assertThat(globalEntries()).containsExactly(List.of("red", "a", "2"));
        assertThat(localEntries()).extracting(e -> e.get("sk")).containsExactly(n(2));
    }

    @Test
    void expiriesInABatchAreDecidedOneByOneAsTheirOwnRecordsWouldBe() {
        Map<String, AttributeValue> gone = item("a", 1, "expires", n(SWEPT_AT_SECONDS - 60));
        Map<String, AttributeValue> kept = item("a", 2, "expires", n(SWEPT_AT_SECONDS + 60));
        send(put(gone));
        send(put(kept));

        sendRecord(batch(expire(gone, "expires"), expire(kept, "expires")));

        assertThat(stored(gone)).isNull();
        assertThat(stored(kept)).isEqualTo(kept);
        assertThat(results.subList(results.size() - 2, results.size())).extracting(CommandResult::outcome)
                .containsExactly(CommandResult.Outcome.APPLIED, CommandResult.Outcome.CONDITION_FAILED);
    }

    @Test
    void replayingALogWithExpiriesDerivesTheSameItemsAndRecords() {
        Map<String, AttributeValue> a = item("a", 1, "expires", n(SWEPT_AT_SECONDS - 60));
        Map<String, AttributeValue> b = item("b", 1, "expires", n(SWEPT_AT_SECONDS - 60));
        send(put(a));
        send(put(b));
        Command expiryOfB = expire(b, "expires");
        send(expire(a, "expires"));
        send(put(item("b", 1, "expires", n(SWEPT_AT_SECONDS + 60))));
        send(expiryOfB);
        List<String> live = contents();
        List<byte[]> liveChanges = changes.readValuesToList();

        List<byte[]> recorded = List.copyOf(log);
        stop();
        start();
        recorded.forEach(r -> commands.pipeInput(new byte[0], r, LOG_TIME));

        assertThat(contents()).isEqualTo(live);
        assertThat(changes.readValuesToList()).containsExactlyElementsOf(liveChanges);
    }

    private void define() {
        TableDefinition table = new TableDefinition("Sessions", TABLE_ID, TableStatus.ACTIVE, 0, KEY, List.of(),
                BillingMode.PAY_PER_REQUEST, 0, 0, 1, TableStream.NONE,
                new SecondaryIndexes(List.of(BY_GROUP, BY_RANK)), TableRecovery.NONE);
        send(command(TableIndexes.command(table, 1L << 30)));
    }

    private void send(Object body) {
        send(command(body));
    }

    private void send(Command command) {
        sendRecord(CommandCodec.encode(command));
    }

    private void sendRecord(byte[] record) {
        log.add(record);
        commands.pipeInput(new byte[0], record, LOG_TIME);
    }

    /** A transaction step, which belongs to no table. */
    private void sendStep(Object body) {
        send(Command.newBuilder().setRequestId("n:" + (++sequence)).setOrigin("n")
                .setTableId(TransactionCommands.NO_TABLE).setBody(body).setStream(null).build());
    }

    private Command command(Object body) {
        return Command.newBuilder().setRequestId("n:" + (++sequence)).setOrigin("n").setTableId(TABLE_ID)
                .setBody(body).setStream(STREAM).build();
    }

    private Command expire(Map<String, AttributeValue> item, String attribute) {
        return command(new ExpireItem(ByteBuffer.wrap(KeyCodec.encodePrimaryKey(KEY, item)), attribute, SWEPT_AT));
    }

    private static byte[] batch(Command... writes) {
        List<ByteBuffer> encoded = Arrays.stream(writes).map(c -> ByteBuffer.wrap(CommandCodec.encode(c))).toList();
        return CommandCodec.encode(Command.newBuilder().setRequestId("").setOrigin("")
                .setTableId("00000000000000000000000000000000").setBody(new WriteBatch(encoded)).setStream(null).build());
    }

    private static PutItem put(Map<String, AttributeValue> item) {
        return PutItem.newBuilder().setKey(ByteBuffer.wrap(KeyCodec.encodePrimaryKey(KEY, item)))
                .setItem(ByteBuffer.wrap(ItemCodec.encode(item))).setReturnValues(ReturnValues.NONE).build();
    }

    private static UpdateItem update(Map<String, AttributeValue> item, String text) {
        Map<String, AttributeValue> key = item(((AttributeValue.S) item.get("pk")).value(),
                Integer.parseInt(((AttributeValue.N) item.get("sk")).value()));
        return UpdateItem.newBuilder()
                .setKey(ByteBuffer.wrap(KeyCodec.encodePrimaryKey(KEY, key)))
                .setKeyItem(ByteBuffer.wrap(ItemCodec.encode(key)))
                .setUpdate(new Expression(text, Map.of(), ByteBuffer.wrap(new byte[0])))
                .setReturnValues(ReturnValues.NONE)
                .build();
    }

    private static AttributeValue.N n(long value) {
        return new AttributeValue.N(String.valueOf(value));
    }

    private static Map<String, AttributeValue> item(String pk, int sk, Object... attributes) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("pk", new AttributeValue.S(pk));
        item.put("sk", new AttributeValue.N(String.valueOf(sk)));
        for (int i = 0; i < attributes.length; i += 2) {
            item.put((String) attributes[i], (AttributeValue) attributes[i + 1]);
        }
        return item;
    }

    private CommandResult last() {
        return results.get(results.size() - 1);
    }

    private Map<String, AttributeValue> stored(Map<String, AttributeValue> keyOf) {
        byte[] v = store().get(ItemStoreKeys.item(ItemStoreKeys.tableIdBytes(TABLE_ID), KeyCodec.encodePrimaryKey(KEY, keyOf)));
        return v == null ? null : ItemCodec.decode(v);
    }

    private long countOf(String tableId) {
        return TableStats.decode(driver.<Bytes, byte[]>getKeyValueStore(CommandProcessor.STATISTICS_STORE)
                .get(ItemStoreKeys.stats(ItemStoreKeys.tableIdBytes(tableId)))).itemCount();
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

    /** (index key, table partition key, table sort key) of every entry of the global index. */
    private List<List<String>> globalEntries() {
        List<List<String>> entries = new ArrayList<>();
        byte[] prefix = GlobalIndexStoreKeys.allEntries(HexFormat.of().parseHex(BY_GROUP.indexId())).from();
        for (Map<String, AttributeValue> e : values(driver.getKeyValueStore(IndexMaterializer.STORE), prefix)) {
            entries.add(List.of(((AttributeValue.S) e.get("g")).value(), ((AttributeValue.S) e.get("pk")).value(),
                    ((AttributeValue.N) e.get("sk")).value()));
        }
        return entries;
    }

    private List<Map<String, AttributeValue>> localEntries() {
        return values(store(), ItemStoreKeys.localIndexPrefix(ItemStoreKeys.tableIdBytes(TABLE_ID),
                HexFormat.of().parseHex(BY_RANK.indexId())));
    }

    private static List<Map<String, AttributeValue>> values(KeyValueStore<Bytes, byte[]> store, byte[] prefix) {
        List<Map<String, AttributeValue>> out = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                byte[] k = kv.key.get();
                if (k.length > prefix.length && Arrays.equals(Arrays.copyOf(k, prefix.length), prefix)) {
                    out.add(ItemCodec.decode(kv.value));
                }
            }
        }
        return out;
    }

    /** Every entry of the items store, key and value in hex. */
    private List<String> contents() {
        List<String> all = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = store().all()) {
            it.forEachRemaining(kv -> all.add(HexFormat.of().formatHex(kv.key.get()) + "="
                    + HexFormat.of().formatHex(kv.value)));
        }
        return all;
    }

    private KeyValueStore<Bytes, byte[]> store() {
        return driver.getKeyValueStore(CommandProcessor.ITEMS_STORE);
    }
}
