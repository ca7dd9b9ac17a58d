package dev.dynalog.streams.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynalog.core.encoding.ItemCodec;
import dev.dynalog.core.encoding.KeyCodec;
import dev.dynalog.core.error.CancellationReason;
import dev.dynalog.core.model.AttributeType;
import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.model.KeyAttribute;
import dev.dynalog.core.model.KeySchema;
import dev.dynalog.schemas.change.ChangeRecord;
import dev.dynalog.schemas.command.BeginTransaction;
import dev.dynalog.schemas.command.Command;
import dev.dynalog.schemas.command.CommandCodec;
import dev.dynalog.schemas.command.CompleteTransaction;
import dev.dynalog.schemas.command.CoordinatorRef;
import dev.dynalog.schemas.command.DecideTransaction;
import dev.dynalog.schemas.command.Expression;
import dev.dynalog.schemas.command.PutItem;
import dev.dynalog.schemas.command.ResolveTransaction;
import dev.dynalog.schemas.command.ReturnValues;
import dev.dynalog.schemas.command.StreamStamp;
import dev.dynalog.schemas.command.StreamViewType;
import dev.dynalog.schemas.command.TokenClaim;
import dev.dynalog.schemas.command.TransactAction;
import dev.dynalog.schemas.command.TransactActionKind;
import dev.dynalog.schemas.command.TransactWrite;
import dev.dynalog.schemas.command.TransactionOutcome;
import dev.dynalog.schemas.command.TransactionTick;
import dev.dynalog.schemas.registry.ConfluentAvroDeserializer;
import dev.dynalog.streams.TopicNames;
import dev.dynalog.streams.changes.ChangeRecordSerializer;
import dev.dynalog.streams.index.IndexLagRecorder;
import dev.dynalog.streams.processor.TransactionResult.Verdict;
import dev.dynalog.streams.read.ProcessedOffsets;
import dev.dynalog.streams.state.ItemStoreKeys;
import dev.dynalog.streams.topology.DynalogTopology;
import dev.dynalog.streams.transaction.TransactionActivity;
import java.nio.ByteBuffer;
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
 * The transaction protocol as partition 0's processor carries it out, driven through the real
 * topology by Kafka Streams' test driver; log time is the records' timestamps. Steps the
 * processor sends to other partitions are read from the command log as the driver writes them;
 * the driver, which runs one partition, also feeds them back into partition 0.
 */
class TransactionProtocolTest {
    private static final TopicNames TOPICS = new TopicNames("dynalog");
    private static final KeySchema SCHEMA = KeySchema.of(new KeyAttribute("id", AttributeType.S));
    private static final String TABLE_ID = "0123456789abcdef0123456789abcdef";
    private static final StreamStamp STREAM = new StreamStamp("accounts", "2026-01-01T00:00:00.000",
            StreamViewType.NEW_AND_OLD_IMAGES, List.of("id"));
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    /** Results by request id: steps the driver feeds back into the log have results of their own. */
    private final Map<String, CommandResult> results = new LinkedHashMap<>();
    private String lastRequest;
    private final TransactionActivity activity = new TransactionActivity();
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> log;
    private TestOutputTopic<byte[], byte[]> sent;
    private TestOutputTopic<byte[], byte[]> changes;
    private int sequence;

    @BeforeEach
    void start() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "dynalog");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(DynalogTopology.build(TOPICS, (origin, id, result) -> results.put(id, result),
                new ProcessedOffsets(), activity, new ChangeRecordSerializer((subject, schema) -> 1),
                IndexLagRecorder.NONE), p);
        log = driver.createInputTopic(TOPICS.commandLog(), new ByteArraySerializer(), new ByteArraySerializer());
        sent = driver.createOutputTopic(TOPICS.commandLog(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        changes = driver.createOutputTopic(TOPICS.changes("accounts"), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    // ---- one partition: the fast path ----

    @Test
    void aTransactionInOnePartitionAppliesEveryActionAndEmitsOneChangeRecordPerItemWithItsId() {
        put(account("a", 100));
        put(account("b", 0));
        changes.readValuesToList();

        TransactionResult r = step(fastPath("t1", debit(0, "a", 30), credit(1, "b", 30)), T0);

        assertThat(r.verdict()).isEqualTo(Verdict.COMMITTED);
        assertThat(r.actions()).extracting(a -> a.reason().code()).containsExactly("None", "None");
        assertThat(balance("a")).isEqualTo(70);
        assertThat(balance("b")).isEqualTo(30);
        assertThat(changeRecords()).extracting(ChangeRecord::getTransactionId).containsExactly(id("t1"), id("t1"));
    }

    @Test
    void aFailedConditionCancelsTheWholeTransactionWithAReasonPerActionAndTheOldItemWhenAsked() {
        put(account("a", 10));
        put(account("b", 0));

        TransactionResult r = step(fastPath("t1", credit(0, "b", 30), debit(1, "a", 30)), T0);

        assertThat(r.verdict()).isEqualTo(Verdict.CANCELED);
        assertThat(r.actions()).extracting(a -> a.reason().code())
                .containsExactly("None", "ConditionalCheckFailed");
        assertThat(r.actions().get(1).reason().item()).isEqualTo(account("a", 10));
        assertThat(balance("a")).isEqualTo(10);
        assertThat(balance("b")).isEqualTo(0);
    }

    // ---- across partitions: a participant's share ----

    @Test
    void aPreparedShareHoldsItsItemsAgainstWritesAndOtherTransactionsUntilItCommits() {
        put(account("a", 100));

        assertThat(step(prepare("t1", 1, debit(0, "a", 30)), T0).verdict()).isEqualTo(Verdict.PREPARED);
        assertThat(activity.isQuiet(0)).isFalse();
        assertThat(balance("a")).as("nothing is visible before the commit").isEqualTo(100);

        put(account("a", 5));
        assertThat(results.get(lastRequest).outcome()).isEqualTo(CommandResult.Outcome.TRANSACTION_CONFLICT);
        TransactionResult other = step(prepare("t2", 1, debit(0, "a", 1)), T0);
        assertThat(other.verdict()).isEqualTo(Verdict.REFUSED);
        assertThat(other.actions().get(0).reason()).isEqualTo(CancellationReason.transactionConflict());

        assertThat(step(complete("t1", true), T0).verdict()).isEqualTo(Verdict.COMMITTED);
        assertThat(balance("a")).isEqualTo(70);
        assertThat(activity.isQuiet(0)).isTrue();
        put(account("a", 5));
        assertThat(results.get(lastRequest).outcome()).isEqualTo(CommandResult.Outcome.APPLIED);
    }

    @Test
    void anAbortedShareChangesNothingAndFreesItsItems() {
        put(account("a", 100));
        step(prepare("t1", 1, debit(0, "a", 30)), T0);

        assertThat(step(complete("t1", false), T0).verdict()).isEqualTo(Verdict.ABORTED);

        assertThat(balance("a")).isEqualTo(100);
        assertThat(step(fastPath("t2", debit(0, "a", 1)), T0).verdict()).isEqualTo(Verdict.COMMITTED);
        assertThat(step(complete("t1", true), T0).verdict()).as("a late commit finds nothing to apply")
                .isEqualTo(Verdict.IGNORED);
        assertThat(balance("a")).isEqualTo(99);
    }

    @Test
    void aShareHeldPastTheTimeoutInLogTimeAsksItsCoordinatorWhichAbortsTheUndecidedTransaction() {
        put(account("a", 100));
        step(prepare("t1", 1, debit(0, "a", 30)), T0);
        sent.readRecordsToList();

        step(tick(), T0.plusMillis(TransactionDecider.TIMEOUT_MILLIS - 1));
        assertThat(sent.readRecordsToList()).as("not yet overdue").isEmpty();
        step(tick(), T0.plusMillis(TransactionDecider.TIMEOUT_MILLIS));

        // Resolve goes to the coordinator (partition 1), which has no decision and aborts: its
        // completion comes back to this participant (the driver runs both in partition 0).
        assertThat(sentCommands()).extracting(Command::getBody).containsExactly(
                new ResolveTransaction(id("t1"), List.of(0, 1)), new CompleteTransaction(id("t1"), false));
        assertThat(activity.isQuiet(0)).as("the locks are released").isTrue();
        assertThat(balance("a")).isEqualTo(100);
    }

    // ---- the coordinator ----

    @Test
    void theCoordinatorAbortsATransactionItNeverHeardADecisionForAndTheLateDecisionGetsThatAbort() {
        put(account("a", 100));
        step(prepare("t1", 0, debit(0, "a", 30)), T0);
        sent.readRecordsToList();

        // The front door crashed: the share, in its coordinator's own partition, resolves itself.
        step(tick(), T0.plusMillis(TransactionDecider.TIMEOUT_MILLIS));

        List<Command> completions = sentCommands();
        assertThat(completions).singleElement().satisfies(c -> {
            assertThat(c.getBody()).isEqualTo(new CompleteTransaction(id("t1"), false));
        });
        assertThat(activity.isQuiet(0)).isTrue();
        assertThat(step(decide("t1", true, null, null), T0.plusSeconds(6)).verdict()).isEqualTo(Verdict.ABORTED);
        assertThat(balance("a")).isEqualTo(100);
    }

    @Test
    void theFirstDecisionStandsAndCompletesTheCoordinatorsOwnShare() {
        put(account("a", 100));
        step(prepare("t1", 0, debit(0, "a", 30)), T0);

        assertThat(step(decide("t1", true, null, null), T0).verdict()).isEqualTo(Verdict.COMMITTED);
        assertThat(balance("a")).isEqualTo(70);

        // A participant that missed its completion asks, and is told to commit.
        sent.readRecordsToList();
        assertThat(step(new ResolveTransaction(id("t1"), List.of(0, 1)), T0.plusSeconds(9)).verdict())
                .isEqualTo(Verdict.COMMITTED);
        assertThat(sentCommands()).singleElement()
                .satisfies(c -> assertThat(c.getBody()).isEqualTo(new CompleteTransaction(id("t1"), true)));
    }

    // ---- ClientRequestToken ----

    @Test
    void aTokenIsClaimedOnceAndARepeatGetsTheFirstOutcome() {
        assertThat(step(begin("t1", "tok", "digest-1"), T0).verdict()).isEqualTo(Verdict.NEW);
        assertThat(step(begin("t2", "tok", "digest-1"), T0).verdict()).isEqualTo(Verdict.IN_PROGRESS);
        assertThat(step(begin("t2", "tok", "digest-2"), T0).verdict()).isEqualTo(Verdict.MISMATCH);

        TransactionOutcome committed = new TransactionOutcome(true, List.of());
        step(decide("t1", true, "tok", committed), T0);
        TransactionResult repeat = step(begin("t3", "tok", "digest-1"), T0.plusSeconds(60));
        assertThat(repeat.verdict()).isEqualTo(Verdict.REPEAT);
        assertThat(repeat.repeated()).isEqualTo(committed);
        assertThat(step(begin("t3", "tok", "digest-2"), T0.plusSeconds(60)).verdict()).isEqualTo(Verdict.MISMATCH);
    }

    @Test
    void aTokenIsForgottenTenMinutesOfLogTimeAfterItsTransactionCompleted() {
        step(begin("t1", "tok", "digest-1"), T0);
        step(decide("t1", true, "tok", new TransactionOutcome(true, List.of())), T0);

        Instant later = T0.plusMillis(TransactionDecider.IDEMPOTENCY_WINDOW_MILLIS + 1);
        assertThat(step(begin("t2", "tok", "digest-2"), later).verdict()).isEqualTo(Verdict.NEW);
    }

    @Test
    void aClaimWhoseTransactionNeverDecidedIsTakenOverAfterTheTimeoutAndThatTransactionCanNoLongerCommit() {
        step(begin("t1", "tok", "digest-1"), T0);

        Instant later = T0.plusMillis(TransactionDecider.TIMEOUT_MILLIS + 1);
        assertThat(step(begin("t2", "tok", "digest-1"), later).verdict()).isEqualTo(Verdict.NEW);
        assertThat(step(decide("t1", true, "tok", new TransactionOutcome(true, List.of())), later).verdict())
                .isEqualTo(Verdict.ABORTED);
    }

    @Test
    void aTokenClaimedWithAOnePartitionTransactionIsDecidedInTheSameStep() {
        put(account("a", 100));
        TransactWrite write = fastPath("t1", debit(0, "a", 30));
        write.setToken(new TokenClaim("tok", ByteBuffer.wrap("d".getBytes())));
        assertThat(step(write, T0).verdict()).isEqualTo(Verdict.COMMITTED);

        TransactWrite again = fastPath("t2", debit(0, "a", 30));
        again.setToken(new TokenClaim("tok", ByteBuffer.wrap("d".getBytes())));
        TransactionResult repeat = step(again, T0.plusSeconds(1));

        assertThat(repeat.verdict()).isEqualTo(Verdict.REPEAT);
        assertThat(balance("a")).as("applied once").isEqualTo(70);
    }

    // ---- helpers ----

    private TransactionResult step(Object body, Instant logTime) {
        Command c = Command.newBuilder().setRequestId("n:" + (++sequence)).setOrigin("n")
                .setTableId(TransactionCommands.NO_TABLE).setBody(body).setStream(null).build();
        log.pipeInput(new byte[0], CommandCodec.encode(c), logTime);
        return results.get(c.getRequestId()).transaction();
    }

    private void put(Map<String, AttributeValue> item) {
        Command c = Command.newBuilder().setRequestId("n:" + (++sequence)).setOrigin("n").setTableId(TABLE_ID)
                .setBody(PutItem.newBuilder().setKey(key(item.get("id")))
                        .setItem(ByteBuffer.wrap(ItemCodec.encode(item))).setReturnValues(ReturnValues.NONE).build())
                .setStream(STREAM).build();
        log.pipeInput(new byte[0], CommandCodec.encode(c), T0);
        lastRequest = c.getRequestId();
    }

    private static TransactWrite fastPath(String name, TransactAction... actions) {
        return new TransactWrite(id(name), List.of(actions), null, null);
    }

    private static TransactWrite prepare(String name, int coordinator, TransactAction... actions) {
        return new TransactWrite(id(name), List.of(actions), new CoordinatorRef(coordinator, List.of(0, 1)), null);
    }

    private static CompleteTransaction complete(String name, boolean commit) {
        return new CompleteTransaction(id(name), commit);
    }

    private static DecideTransaction decide(String name, boolean commit, String token, TransactionOutcome outcome) {
        return new DecideTransaction(id(name), commit, List.of(0, 1), token, outcome);
    }

    private static BeginTransaction begin(String name, String token, String digest) {
        return new BeginTransaction(id(name), new TokenClaim(token, ByteBuffer.wrap(digest.getBytes())));
    }

    private static TransactionTick tick() {
        return new TransactionTick();
    }

    private static TransactAction debit(int index, String account, int amount) {
        return update(index, account, "SET balance = balance - :amt", "balance >= :amt", amount);
    }

    private static TransactAction credit(int index, String account, int amount) {
        return update(index, account, "SET balance = balance + :amt", null, amount);
    }

    private static TransactAction update(int index, String account, String update, String condition, int amount) {
        Map<String, AttributeValue> values = Map.of(":amt", new AttributeValue.N(String.valueOf(amount)));
        return TransactAction.newBuilder().setIndex(index).setTableId(TABLE_ID).setKind(TransactActionKind.UPDATE)
                .setKey(key(new AttributeValue.S(account)))
                .setKeyItem(ByteBuffer.wrap(ItemCodec.encode(Map.of("id", new AttributeValue.S(account)))))
                .setUpdate(expression(update, values))
                .setCondition(condition == null ? null : expression(condition, values))
                .setReturnOldOnConditionFailure(true)
                .setStream(STREAM)
                .build();
    }

    private static Expression expression(String text, Map<String, AttributeValue> values) {
        return Expression.newBuilder().setText(text).setNames(Map.of())
                .setValues(ByteBuffer.wrap(ItemCodec.encode(values))).build();
    }

    private static ByteBuffer key(AttributeValue id) {
        return ByteBuffer.wrap(KeyCodec.encodePrimaryKey(SCHEMA, Map.of("id", id)));
    }

    private static Map<String, AttributeValue> account(String id, int balance) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("id", new AttributeValue.S(id));
        item.put("balance", new AttributeValue.N(String.valueOf(balance)));
        return item;
    }

    private int balance(String account) {
        byte[] stored = driver.<org.apache.kafka.common.utils.Bytes, byte[]>getKeyValueStore("items")
                .get(ItemStoreKeys.item(ItemStoreKeys.tableIdBytes(TABLE_ID),
                        KeyCodec.encodePrimaryKey(SCHEMA, Map.of("id", new AttributeValue.S(account)))));
        return Integer.parseInt(((AttributeValue.N) ItemCodec.decode(stored).get("balance")).value());
    }

    private List<Command> sentCommands() {
        List<Command> out = new ArrayList<>();
        for (byte[] v : sent.readValuesToList()) {
            out.add(CommandCodec.decode(v));
        }
        return out;
    }

    private List<ChangeRecord> changeRecords() {
        Schema schema = ChangeRecord.getClassSchema();
        ConfluentAvroDeserializer<ChangeRecord> deserializer = ConfluentAvroDeserializer.specific(id -> schema,
                ChangeRecord.class);
        List<ChangeRecord> all = new ArrayList<>();
        for (byte[] value : changes.readValuesToList()) {
            all.add(deserializer.deserialize(value));
        }
        return all;
    }

    /** A transaction id (32 hex digits) made from a short name. */
    private static String id(String name) {
        StringBuilder hex = new StringBuilder();
        for (byte b : name.getBytes()) {
            hex.append(String.format("%02x", b));
        }
        while (hex.length() < 32) {
            hex.append('0');
        }
        return hex.toString();
    }
}
