package dev.dynalog.streams.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynalog.core.encoding.ItemCodec;
import dev.dynalog.core.encoding.KeyCodec;
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
import dev.dynalog.schemas.command.Command;
import dev.dynalog.schemas.command.CommandCodec;
import dev.dynalog.schemas.command.DeleteItem;
import dev.dynalog.schemas.command.Expression;
import dev.dynalog.schemas.command.PurgeTable;
import dev.dynalog.schemas.command.PutItem;
import dev.dynalog.schemas.command.ReturnValues;
import dev.dynalog.schemas.command.UpdateItem;
import dev.dynalog.schemas.command.WriteBatch;
import dev.dynalog.streams.TopicNames;
import dev.dynalog.streams.changes.ChangeRecordSerializer;
import dev.dynalog.streams.index.IndexLagRecorder;
import dev.dynalog.streams.read.ProcessedOffsets;
import dev.dynalog.streams.state.ItemStoreKeys;
import dev.dynalog.streams.state.TableStats;
import dev.dynalog.streams.topology.DynalogTopology;
import dev.dynalog.streams.transaction.TransactionActivity;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The command processor, driven through the real topology by Kafka Streams' test driver. */
class CommandProcessorTest {
    private static final TopicNames TOPICS = new TopicNames("dynalog");
    private static final KeySchema SCHEMA = KeySchema.of(new KeyAttribute("pk", AttributeType.S),
            new KeyAttribute("sk", AttributeType.N));
    private static final TableDefinition ORDERS = table("orders", "0123456789abcdef0123456789abcdef");
    private static final TableDefinition USERS = table("users", "fedcba9876543210fedcba9876543210");

    private final List<CommandResult> results = new ArrayList<>();
    private final List<Command> log = new ArrayList<>();
    private TopologyTestDriver driver;
    private int sequence;

    @BeforeEach
    void start() {
        driver = newDriver();
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void putStoresTheItemUnderItsTableAndKey() {
        Map<String, AttributeValue> item = item("a", "1", "hello");
        send(ORDERS, put(item, ReturnValues.NONE));

        assertThat(storedItem(ORDERS, item)).isEqualTo(item);
        assertThat(storedItem(USERS, item)).isNull();
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(CommandResult.Outcome.APPLIED);
            assertThat(r.returnedItem()).isNull();
            assertThat(r.logOffset()).isZero();
        });
    }

    @Test
    void putWithAllOldReturnsTheReplacedItem() {
        Map<String, AttributeValue> first = item("a", "1", "first");
        Map<String, AttributeValue> second = item("a", "1", "second");
        send(ORDERS, put(first, ReturnValues.ALL_OLD));
        send(ORDERS, put(second, ReturnValues.ALL_OLD));

        assertThat(results.get(0).returnedItem()).isNull();
        assertThat(ItemCodec.decode(results.get(1).returnedItem())).isEqualTo(first);
        assertThat(storedItem(ORDERS, second)).isEqualTo(second);
    }

    @Test
    void itemCountAndSizeFollowPutsAndDeletes() {
        send(ORDERS, put(item("a", "1", "x"), ReturnValues.NONE));
        send(ORDERS, put(item("a", "2", "y"), ReturnValues.NONE));
        send(ORDERS, put(item("a", "2", "yy"), ReturnValues.NONE));
        assertThat(stats(ORDERS).itemCount()).isEqualTo(2);
        long sizeWithTwo = stats(ORDERS).sizeBytes();

        send(ORDERS, delete(item("a", "1", "x"), ReturnValues.NONE));
        assertThat(stats(ORDERS).itemCount()).isEqualTo(1);
        assertThat(stats(ORDERS).sizeBytes()).isLessThan(sizeWithTwo).isPositive();
    }

    @Test
    void deleteWithAllOldReturnsTheRemovedItemAndDeletingAgainReturnsNothing() {
        Map<String, AttributeValue> item = item("a", "1", "x");
        send(ORDERS, put(item, ReturnValues.NONE));
        send(ORDERS, delete(item, ReturnValues.ALL_OLD));
        send(ORDERS, delete(item, ReturnValues.ALL_OLD));

        assertThat(ItemCodec.decode(results.get(1).returnedItem())).isEqualTo(item);
        assertThat(results.get(2).returnedItem()).isNull();
        assertThat(storedItem(ORDERS, item)).isNull();
    }

    @Test
    void putWithFailedConditionLeavesItemUnchangedAndReturnsItWhenAsked() {
        Map<String, AttributeValue> first = item("a", "1", "first");
        send(ORDERS, put(first, ReturnValues.NONE));
        PutItem conditional = put(item("a", "1", "second"), ReturnValues.NONE);
        conditional.setCondition(expression("payload = :p", Map.of(":p", new AttributeValue.S("other"))));
        conditional.setReturnOldOnConditionFailure(true);
        send(ORDERS, conditional);

        assertThat(results.get(1).outcome()).isEqualTo(CommandResult.Outcome.CONDITION_FAILED);
        assertThat(ItemCodec.decode(results.get(1).returnedItem())).isEqualTo(first);
        assertThat(storedItem(ORDERS, first)).isEqualTo(first);
    }

    @Test
    void conditionsAreCheckedAgainstTheItemAtTheCommandsLogPosition() {
        Map<String, AttributeValue> item = item("a", "1", "x");
        PutItem onlyIfAbsent = put(item, ReturnValues.NONE);
        onlyIfAbsent.setCondition(expression("attribute_not_exists(pk)", Map.of()));
        send(ORDERS, onlyIfAbsent);
        send(ORDERS, onlyIfAbsent);

        assertThat(results).extracting(CommandResult::outcome)
                .containsExactly(CommandResult.Outcome.APPLIED, CommandResult.Outcome.CONDITION_FAILED);
    }

    @Test
    void updateOfAMissingItemStartsFromItsKeyAndReturnsTheUpdatedAttributes() {
        Map<String, AttributeValue> key = new LinkedHashMap<>(item("a", "1", "x"));
        key.remove("payload");
        UpdateItem counter = UpdateItem.newBuilder()
                .setKey(ByteBuffer.wrap(KeyCodec.encodePrimaryKey(SCHEMA, key)))
                .setKeyItem(ByteBuffer.wrap(ItemCodec.encode(key)))
                .setUpdate(expression("ADD hits :one", Map.of(":one", new AttributeValue.N("1"))))
                .setReturnValues(ReturnValues.UPDATED_NEW)
                .build();
        send(ORDERS, counter);
        send(ORDERS, counter);

        Map<String, AttributeValue> expected = new LinkedHashMap<>(key);
        expected.put("hits", new AttributeValue.N("2"));
        assertThat(storedItem(ORDERS, key)).isEqualTo(expected);
        assertThat(ItemCodec.decode(results.get(1).returnedItem())).isEqualTo(Map.of("hits", new AttributeValue.N("2")));
    }

    @Test
    void updateThatCannotApplyIsInvalidAndChangesNothing() {
        Map<String, AttributeValue> item = item("a", "1", "text");
        send(ORDERS, put(item, ReturnValues.NONE));
        send(ORDERS, UpdateItem.newBuilder()
                .setKey(ByteBuffer.wrap(KeyCodec.encodePrimaryKey(SCHEMA, item)))
                .setKeyItem(ByteBuffer.wrap(ItemCodec.encode(item)))
                .setUpdate(expression("ADD payload :one", Map.of(":one", new AttributeValue.N("1"))))
                .setReturnValues(ReturnValues.NONE)
                .build());

        assertThat(results.get(1).outcome()).isEqualTo(CommandResult.Outcome.INVALID);
        assertThat(results.get(1).message()).isEqualTo("An operand in the update expression has an incorrect data type");
        assertThat(storedItem(ORDERS, item)).isEqualTo(item);
    }

    @Test
    void purgeRemovesOnlyTheTablesItems() {
        send(ORDERS, put(item("a", "1", "x"), ReturnValues.NONE));
        send(ORDERS, put(item("b", "2", "y"), ReturnValues.NONE));
        send(USERS, put(item("a", "1", "z"), ReturnValues.NONE));
        send(ORDERS, new PurgeTable());

        assertThat(storedItem(ORDERS, item("a", "1", "x"))).isNull();
        assertThat(storedItem(ORDERS, item("b", "2", "y"))).isNull();
        assertThat(stats(ORDERS)).isEqualTo(TableStats.EMPTY);
        assertThat(storedItem(USERS, item("a", "1", "z"))).isEqualTo(item("a", "1", "z"));
    }

    @Test
    void replayingTheLogRebuildsTheSameState() {
        send(ORDERS, put(item("a", "1", "x"), ReturnValues.NONE));
        send(ORDERS, put(item("a", "2", "y"), ReturnValues.NONE));
        send(USERS, put(item("u", "1", "z"), ReturnValues.NONE));
        send(ORDERS, delete(item("a", "1", "x"), ReturnValues.NONE));
        send(ORDERS, put(item("a", "2", "y2"), ReturnValues.NONE));
        List<KeyValue<Bytes, byte[]>> live = contents();

        driver.close();
        driver = newDriver();
        List<Command> recorded = List.copyOf(log);
        for (Command c : recorded) {
            input().pipeInput(new byte[0], CommandCodec.encode(c));
        }
        assertThat(contents()).usingRecursiveFieldByFieldElementComparator().isEqualTo(live);
    }

    @Test
    void theWritesOfABatchAreDecidedInOrderEachAgainstTheStateItsPredecessorsLeft() {
        Map<String, AttributeValue> item = item("a", "1", "x");
        PutItem onlyIfAbsent = put(item, ReturnValues.NONE);
        onlyIfAbsent.setCondition(expression("attribute_not_exists(pk)", Map.of()));
        List<Command> writes = List.of(command(ORDERS, onlyIfAbsent), command(ORDERS, onlyIfAbsent),
                command(ORDERS, delete(item, ReturnValues.ALL_OLD)), command(ORDERS, put(item("b", "2", "y"), ReturnValues.NONE)),
                command(USERS, put(item("u", "1", "z"), ReturnValues.NONE)));
        send(ORDERS, put(item("c", "3", "before"), ReturnValues.NONE));
        input().pipeInput(new byte[0], CommandCodec.encode(batch(writes)));
        List<CommandResult> batched = List.copyOf(results);
        List<KeyValue<Bytes, byte[]>> batchedState = contents();

        driver.close();
        results.clear();
        driver = newDriver();
        send(ORDERS, put(item("c", "3", "before"), ReturnValues.NONE));
        writes.forEach(w -> input().pipeInput(new byte[0], CommandCodec.encode(w)));

        assertThat(batched).extracting(CommandResult::outcome).containsExactly(CommandResult.Outcome.APPLIED,
                CommandResult.Outcome.APPLIED, CommandResult.Outcome.CONDITION_FAILED, CommandResult.Outcome.APPLIED,
                CommandResult.Outcome.APPLIED, CommandResult.Outcome.APPLIED);
        assertThat(ItemCodec.decode(batched.get(3).returnedItem())).isEqualTo(item);
        assertThat(batched.subList(1, 6)).extracting(CommandResult::logOffset).containsOnly(1L);
        assertThat(batched).extracting(CommandResult::outcome)
                .isEqualTo(results.stream().map(CommandResult::outcome).toList());
        assertThat(batchedState).usingRecursiveFieldByFieldElementComparator().isEqualTo(contents());
        assertThat(stats(ORDERS).itemCount()).isEqualTo(2);
    }

    @Test
    void anUndecodableWriteInABatchIsSkippedAndTheOthersApplied() {
        Command good = command(ORDERS, put(item("a", "1", "x"), ReturnValues.NONE));
        Command batch = batch(List.of(good));
        ((WriteBatch) batch.getBody()).getCommands().add(0, ByteBuffer.wrap(new byte[] {1, 2, 3}));
        input().pipeInput(new byte[0], CommandCodec.encode(batch));

        assertThat(storedItem(ORDERS, item("a", "1", "x"))).isNotNull();
        assertThat(results).hasSize(1);
    }

    @Test
    void countersKeptInTheItemsStoreByAnEarlierVersionMoveToTheStatisticsStoreAndCountOn() {
        Bytes legacy = ItemStoreKeys.stats(ItemStoreKeys.tableIdBytes(ORDERS.tableId()));
        store().put(legacy, new TableStats(5, 500, 0, true).encode());
        store().put(ItemStoreKeys.item(ItemStoreKeys.tableIdBytes(USERS.tableId()), new byte[] {1}), new byte[] {2});

        send(ORDERS, put(item("a", "1", "x"), ReturnValues.NONE));

        assertThat(store().get(legacy)).isNull();
        assertThat(stats(ORDERS).itemCount()).isEqualTo(6);
        assertThat(stats(ORDERS).sizeBytes()).isGreaterThan(500);
    }

    @Test
    void undecodableCommandIsSkipped() {
        input().pipeInput(new byte[0], new byte[] {1, 2, 3});
        send(ORDERS, put(item("a", "1", "x"), ReturnValues.NONE));
        assertThat(storedItem(ORDERS, item("a", "1", "x"))).isNotNull();
        assertThat(results).hasSize(1);
    }

    private TopologyTestDriver newDriver() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "dynalog");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        return new TopologyTestDriver(
                DynalogTopology.build(TOPICS, (origin, requestId, result) -> results.add(result), new ProcessedOffsets(),
                        new TransactionActivity(),
                        new ChangeRecordSerializer((subject, schema) -> 1), IndexLagRecorder.NONE), p);
    }

    private TestInputTopic<byte[], byte[]> input() {
        return driver.createInputTopic(TOPICS.commandLog(), new ByteArraySerializer(), new ByteArraySerializer());
    }

    private void send(TableDefinition table, Object body) {
        Command c = command(table, body);
        log.add(c);
        input().pipeInput(new byte[0], CommandCodec.encode(c));
    }

    private Command command(TableDefinition table, Object body) {
        return Command.newBuilder().setRequestId("n:" + (++sequence)).setOrigin("n")
                .setTableId(table.tableId()).setBody(body).build();
    }

    private static Command batch(List<Command> writes) {
        List<ByteBuffer> encoded = new ArrayList<>();
        writes.forEach(w -> encoded.add(ByteBuffer.wrap(CommandCodec.encode(w))));
        return Command.newBuilder().setRequestId("").setOrigin("").setTableId(TransactionCommands.NO_TABLE)
                .setBody(new WriteBatch(encoded)).build();
    }

    private static PutItem put(Map<String, AttributeValue> item, ReturnValues rv) {
        return PutItem.newBuilder().setKey(ByteBuffer.wrap(KeyCodec.encodePrimaryKey(SCHEMA, item)))
                .setItem(ByteBuffer.wrap(ItemCodec.encode(item))).setReturnValues(rv).build();
    }

    private static Expression expression(String text, Map<String, AttributeValue> values) {
        return Expression.newBuilder().setText(text).setNames(Map.of())
                .setValues(ByteBuffer.wrap(values.isEmpty() ? new byte[0] : ItemCodec.encode(values))).build();
    }

    private static DeleteItem delete(Map<String, AttributeValue> item, ReturnValues rv) {
        return DeleteItem.newBuilder().setKey(ByteBuffer.wrap(KeyCodec.encodePrimaryKey(SCHEMA, item)))
                .setReturnValues(rv).build();
    }

    private KeyValueStore<Bytes, byte[]> store() {
        return driver.getKeyValueStore("items");
    }

    private Map<String, AttributeValue> storedItem(TableDefinition table, Map<String, AttributeValue> keyOf) {
        byte[] v = store().get(ItemStoreKeys.item(ItemStoreKeys.tableIdBytes(table.tableId()),
                KeyCodec.encodePrimaryKey(SCHEMA, keyOf)));
        return v == null ? null : ItemCodec.decode(v);
    }

    private TableStats stats(TableDefinition table) {
        return TableStats.decode(driver.<Bytes, byte[]>getKeyValueStore("statistics")
                .get(ItemStoreKeys.stats(ItemStoreKeys.tableIdBytes(table.tableId()))));
    }

    private List<KeyValue<Bytes, byte[]>> contents() {
        List<KeyValue<Bytes, byte[]>> all = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = store().all()) {
            it.forEachRemaining(all::add);
        }
        return all;
    }

    private static Map<String, AttributeValue> item(String pk, String sk, String payload) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("pk", new AttributeValue.S(pk));
        item.put("sk", new AttributeValue.N(sk));
        item.put("payload", new AttributeValue.S(payload));
        return item;
    }

    private static TableDefinition table(String name, String id) {
        return new TableDefinition(name, id, TableStatus.ACTIVE, 0, SCHEMA,
                List.of(SCHEMA.partitionKey(), SCHEMA.sortKey().orElseThrow()), BillingMode.PAY_PER_REQUEST, 0, 0, 4,
                TableStream.NONE, SecondaryIndexes.NONE, TableRecovery.NONE);
    }
}
