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
import dev.dynalog.schemas.command.BackfillIndex;
import dev.dynalog.schemas.command.Command;
import dev.dynalog.schemas.command.CommandCodec;
import dev.dynalog.schemas.command.DeleteItem;
import dev.dynalog.schemas.command.PutItem;
import dev.dynalog.schemas.command.ReturnValues;
import dev.dynalog.streams.TopicNames;
import dev.dynalog.streams.changes.ChangeRecordSerializer;
import dev.dynalog.streams.index.GlobalIndexStoreKeys;
import dev.dynalog.streams.index.IndexLagRecorder;
import dev.dynalog.streams.index.IndexMaterializer;
import dev.dynalog.streams.index.TableIndexes;
import dev.dynalog.streams.read.ProcessedOffsets;
import dev.dynalog.streams.state.ItemStoreKeys;
import dev.dynalog.streams.topology.DynalogTopology;
import dev.dynalog.streams.transaction.TransactionActivity;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Secondary indexes as the partition's log defines them: local index entries kept beside the
 * items, global index updates sent through the index log to the materializer, backfill steps and
 * purges. Driven through the real topology (both sub-topologies) by Kafka Streams' test driver.
 */
class IndexMaintenanceTest {
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

    private final List<CommandResult> results = new ArrayList<>();
    private TopologyTestDriver driver;
    private int sequence;

    @BeforeEach
    void start() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "dynalog");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(DynalogTopology.build(TOPICS, (origin, id, result) -> results.add(result),
                new ProcessedOffsets(), new TransactionActivity(), new ChangeRecordSerializer((subject, schema) -> 1),
                IndexLagRecorder.NONE), p);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void aGlobalIndexFollowsPutsThatMoveAndDeleteItsEntries() {
        define(1 << 30, BY_GROUP);
        send(put(item("a", 1, "g", "red")));
        send(put(item("b", 1, "g", "red")));
        assertThat(globalEntries(BY_GROUP)).containsExactly(List.of("red", "a"), List.of("red", "b"));

        send(put(item("a", 1, "g", "blue")));
        assertThat(globalEntries(BY_GROUP)).containsExactlyInAnyOrder(List.of("blue", "a"), List.of("red", "b"));

        send(delete(item("b", 1)));
        assertThat(globalEntries(BY_GROUP)).containsExactly(List.of("blue", "a"));
    }

    @Test
    void itemsWithoutTheIndexKeyAreNotInTheIndex() {
        define(1 << 30, BY_GROUP);
        send(put(item("a", 1, "g", "red")));
        send(put(item("b", 1)));
        send(put(item("a", 1)));

        assertThat(globalEntries(BY_GROUP)).isEmpty();
    }

    @Test
    void aLocalIndexEntryLivesBesideItsItem() {
        define(1 << 30, BY_RANK);
        send(put(item("a", 1, "rank", 7)));
        send(put(item("a", 2, "rank", 3)));

        assertThat(localEntries(BY_RANK)).extracting(e -> e.get("sk")).containsExactly(
                new AttributeValue.N("2"), new AttributeValue.N("1"));
    }

    @Test
    void aWriteThatWouldGrowTheItemCollectionPastItsLimitIsRejectedAndChangesNothing() {
        define(400, BY_RANK);
        results.clear();
        send(put(item("a", 1, "rank", 1)));
        send(put(item("a", 2, "rank", 2)));
        send(put(item("b", 1, "rank", 1)));

        assertThat(results).extracting(CommandResult::outcome).containsExactly(CommandResult.Outcome.APPLIED,
                CommandResult.Outcome.COLLECTION_TOO_LARGE, CommandResult.Outcome.APPLIED);
        assertThat(results.get(0).collectionSizeBytes()).isPositive();
        assertThat(localEntries(BY_RANK)).hasSize(2);
        assertThat(store().get(ItemStoreKeys.item(tableId(), KeyCodec.encodePrimaryKey(KEY, item("a", 2))))).isNull();
    }

    @Test
    void backfillStepsIndexTheItemsWrittenBeforeTheIndexExistedAndSayWhereToResume() {
        for (int i = 0; i < 5; i++) {
            send(put(item("k" + i, 1, "g", "red")));
        }
        define(1 << 30, BY_GROUP);
        assertThat(globalEntries(BY_GROUP)).isEmpty();

        results.clear();
        byte[] after = null;
        do {
            send(BackfillIndex.newBuilder().setIndexId(BY_GROUP.indexId()).setMaxItems(2)
                    .setAfterKey(after == null ? null : ByteBuffer.wrap(after)).build());
            after = results.get(results.size() - 1).resumeKey();
        } while (after != null);

        assertThat(results).hasSize(3);
        assertThat(globalEntries(BY_GROUP)).hasSize(5);
    }

    @Test
    void aGlobalIndexLeftOutOfTheDefinitionsIsPurged() {
        define(1 << 30, BY_GROUP);
        send(put(item("a", 1, "g", "red")));
        assertThat(globalEntries(BY_GROUP)).hasSize(1);
        assertThat(indexStatistics().get(GlobalIndexStoreKeys.stats(indexId(BY_GROUP)))).isNotNull();

        define(1 << 30);
        send(put(item("b", 1, "g", "red")));

        assertThat(globalEntries(BY_GROUP)).isEmpty();
        assertThat(indexStatistics().get(GlobalIndexStoreKeys.stats(indexId(BY_GROUP)))).isNull();
    }

    private void define(long collectionLimit, SecondaryIndex... indexes) {
        TableDefinition table = new TableDefinition("t", TABLE_ID, TableStatus.ACTIVE, 0, KEY, List.of(),
                BillingMode.PAY_PER_REQUEST, 0, 0, 1, TableStream.NONE, new SecondaryIndexes(List.of(indexes)), TableRecovery.NONE);
        send(TableIndexes.command(table, collectionLimit));
    }

    private void send(Object body) {
        Command c = Command.newBuilder().setRequestId("n:" + (++sequence)).setOrigin("n").setTableId(TABLE_ID)
                .setBody(body).build();
        driver.createInputTopic(TOPICS.commandLog(), new ByteArraySerializer(), new ByteArraySerializer())
                .pipeInput(new byte[0], CommandCodec.encode(c));
    }

    private static PutItem put(Map<String, AttributeValue> item) {
        return PutItem.newBuilder().setKey(ByteBuffer.wrap(KeyCodec.encodePrimaryKey(KEY, item)))
                .setItem(ByteBuffer.wrap(ItemCodec.encode(item))).setReturnValues(ReturnValues.NONE).build();
    }

    private static DeleteItem delete(Map<String, AttributeValue> key) {
        return DeleteItem.newBuilder().setKey(ByteBuffer.wrap(KeyCodec.encodePrimaryKey(KEY, key)))
                .setReturnValues(ReturnValues.NONE).build();
    }

    private static Map<String, AttributeValue> item(String pk, int sk, Object... attributes) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("pk", new AttributeValue.S(pk));
        item.put("sk", new AttributeValue.N(String.valueOf(sk)));
        for (int i = 0; i < attributes.length; i += 2) {
            Object v = attributes[i + 1];
            item.put((String) attributes[i], v instanceof Integer n ? new AttributeValue.N(String.valueOf(n))
                    : new AttributeValue.S((String) v));
        }
        item.put("payload", new AttributeValue.S("x".repeat(100)));
        return item;
    }

    /** (index key, table partition key) of every entry of the global index, in store order. */
    private List<List<String>> globalEntries(SecondaryIndex index) {
        List<List<String>> entries = new ArrayList<>();
        for (Map<String, AttributeValue> e : values(indexStore(), GlobalIndexStoreKeys.allEntries(indexId(index)).from())) {
            entries.add(List.of(((AttributeValue.S) e.get("g")).value(), ((AttributeValue.S) e.get("pk")).value()));
        }
        return entries;
    }

    private List<Map<String, AttributeValue>> localEntries(SecondaryIndex index) {
        return values(store(), ItemStoreKeys.localIndexPrefix(tableId(), indexId(index)));
    }

    private static List<Map<String, AttributeValue>> values(KeyValueStore<Bytes, byte[]> store, byte[] prefix) {
        List<Map<String, AttributeValue>> out = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                byte[] k = kv.key.get();
                if (k.length > prefix.length && Bytes.wrap(Arrays.copyOf(k, prefix.length)).equals(Bytes.wrap(prefix))) {
                    out.add(ItemCodec.decode(kv.value));
                }
            }
        }
        return out;
    }

    private KeyValueStore<Bytes, byte[]> store() {
        return driver.getKeyValueStore(CommandProcessor.ITEMS_STORE);
    }

    private KeyValueStore<Bytes, byte[]> indexStore() {
        return driver.getKeyValueStore(IndexMaterializer.STORE);
    }

    private KeyValueStore<Bytes, byte[]> indexStatistics() {
        return driver.getKeyValueStore(IndexMaterializer.STATISTICS_STORE);
    }

    private static byte[] tableId() {
        return ItemStoreKeys.tableIdBytes(TABLE_ID);
    }

    private static byte[] indexId(SecondaryIndex index) {
        return HexFormat.of().parseHex(index.indexId());
    }
}
