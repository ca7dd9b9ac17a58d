package dev.dynalog.streams.ttl;

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
import dev.dynalog.core.model.TimeToLive;
import dev.dynalog.schemas.command.ExpireItem;
import dev.dynalog.streams.ItemAddress;
import dev.dynalog.streams.state.ItemState;
import dev.dynalog.streams.state.ItemStoreKeys;
import dev.dynalog.streams.state.KeyRange;
import dev.dynalog.streams.state.TableStats;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;

/** The sweeper: which items it appends expiries for, and how it bounds them. */
class ExpirySweeperTest {
    private static final KeySchema KEY = KeySchema.of(new KeyAttribute("id", AttributeType.S));
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final long NOW_SECONDS = NOW.getEpochSecond();
    private static final TableDefinition SESSIONS = table("Sessions", "0123456789abcdef0123456789abcdef")
            .withTimeToLive(TimeToLive.NONE.enable("expires", 0));

    private final Map<Integer, MemoryItems> partitions = new TreeMap<>();
    private final List<ExpireItem> appended = new ArrayList<>();
    private final List<CompletableFuture<Void>> decisions = new ArrayList<>();
    private List<TableDefinition> tables = List.of(SESSIONS);
    private Set<Integer> owned = Set.of(0, 1, 2, 3);
    private final ExpirySweeper sweeper = new ExpirySweeper(() -> tables, new ExpirySweeper.OwnedPartitions() {
        @Override
        public Set<Integer> owned() {
            return owned;
        }

        @Override
        public ItemState items(int partition) {
            return partitions.computeIfAbsent(partition, p -> new MemoryItems());
        }
    }, (table, address, expiry) -> {
        appended.add(expiry);
        CompletableFuture<Void> decided = new CompletableFuture<>();
        decisions.add(decided);
        return decided;
    }, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void itemsWhoseTtlHasPassedGetAnExpiryNamingTheAttributeAndTheSweepTime() {
        store(SESSIONS, "past", Map.of("expires", n(NOW_SECONDS - 10)));
        store(SESSIONS, "now", Map.of("expires", n(NOW_SECONDS)));
        store(SESSIONS, "future", Map.of("expires", n(NOW_SECONDS + 10)));
        store(SESSIONS, "text", Map.of("expires", new AttributeValue.S("1")));
        store(SESSIONS, "none", Map.of("other", n(1)));
        store(SESSIONS, "ancient", Map.of("expires", n(1)));

        assertThat(sweeper.sweep()).isEqualTo(2);

        assertThat(appended).extracting(e -> id(e)).containsExactlyInAnyOrder("past", "now");
        assertThat(appended).allSatisfy(e -> {
            assertThat(e.getAttributeName()).isEqualTo("expires");
            assertThat(e.getAsOfMillis()).isEqualTo(NOW.toEpochMilli());
        });
    }

    @Test
    void aTableWithTimeToLiveDisabledIsNotSwept() {
        tables = List.of(SESSIONS.withTimeToLive(SESSIONS.timeToLive().disable(1)));
        store(SESSIONS, "past", Map.of("expires", n(NOW_SECONDS - 10)));

        assertThat(sweeper.sweep()).isZero();
        assertThat(appended).isEmpty();
    }

    @Test
    void aTableThatNeverHadTimeToLiveIsNotSwept() {
        TableDefinition plain = table("Plain", "fedcba9876543210fedcba9876543210");
        tables = List.of(plain);
        store(plain, "past", Map.of("expires", n(NOW_SECONDS - 10)));

        assertThat(sweeper.sweep()).isZero();
    }

    @Test
    void anItemWhoseExpiryIsInFlightIsNotAppendedAgainUntilItIsDecided() {
        store(SESSIONS, "past", Map.of("expires", n(NOW_SECONDS - 10)));
        sweeper.sweep();

        assertThat(sweeper.sweep()).isZero();
        assertThat(appended).hasSize(1);

        // Decided, but the item is still there (say, the partition was restored): the next sweep tries again.
        decisions.get(0).complete(null);
        assertThat(sweeper.sweep()).isEqualTo(1);
    }

    @Test
    void aFailedAppendIsRetriedAtTheNextSweep() {
        store(SESSIONS, "past", Map.of("expires", n(NOW_SECONDS - 10)));
        sweeper.sweep();
        decisions.get(0).completeExceptionally(new RuntimeException("broker away"));

        assertThat(sweeper.sweep()).isEqualTo(1);
    }

    @Test
    void onlyThePartitionsThisNodeOwnsAreSwept() {
        for (int i = 0; i < 40; i++) {
            store(SESSIONS, "k" + i, Map.of("expires", n(NOW_SECONDS - 10)));
        }
        owned = Set.of(1);

        sweeper.sweep();

        long inPartitionOne = partitions.get(1).size();
        assertThat(inPartitionOne).isPositive();
        assertThat(appended).hasSize((int) inPartitionOne);
    }

    @Test
    void aSweepAppendsAtMostTheInFlightBoundAndTheNextGoesOnWhereItStopped() {
        int items = ExpirySweeper.MAX_IN_FLIGHT + 200;
        for (int i = 0; i < items; i++) {
            store(SESSIONS, "k" + i, Map.of("expires", n(NOW_SECONDS - 10)));
        }

        assertThat(sweeper.sweep()).isEqualTo(ExpirySweeper.MAX_IN_FLIGHT);
        assertThat(sweeper.sweep()).isZero();

        decisions.forEach(d -> d.complete(null));
        // The decided ones were deleted meanwhile.
        appended.forEach(e -> partitions.values().forEach(p -> p.remove(e)));
        assertThat(sweeper.sweep()).isEqualTo(200);
        assertThat(appended.stream().map(ExpirySweeperTest::id).distinct().count()).isEqualTo(items);
    }

    private void store(TableDefinition table, String id, Map<String, AttributeValue> attributes) {
        Map<String, AttributeValue> item = new TreeMap<>(attributes);
        item.put("id", new AttributeValue.S(id));
        ItemAddress address = ItemAddress.of(table, item);
        partitions.computeIfAbsent(address.partition(), p -> new MemoryItems())
                .put(ItemStoreKeys.item(ItemStoreKeys.tableIdBytes(table.tableId()), address.primaryKey()),
                        ItemCodec.encode(item));
    }

    private static String id(ExpireItem expiry) {
        byte[] key = new byte[expiry.getKey().remaining()];
        expiry.getKey().duplicate().get(key);
        return ((AttributeValue.S) KeyCodec.decodePrimaryKey(KEY, key).get("id")).value();
    }

    private static AttributeValue.N n(long value) {
        return new AttributeValue.N(String.valueOf(value));
    }

    private static TableDefinition table(String name, String id) {
        return new TableDefinition(name, id, TableStatus.ACTIVE, 0, KEY, List.of(KEY.partitionKey()),
                BillingMode.PAY_PER_REQUEST, 0, 0, 4, TableStream.NONE, SecondaryIndexes.NONE, TableRecovery.NONE);
    }

    /** A partition's items in memory, in store key order. */
    private static final class MemoryItems implements ItemState {
        private final NavigableMap<byte[], byte[]> entries = new TreeMap<>(Arrays::compareUnsigned);

        void put(Bytes key, byte[] value) {
            entries.put(key.get(), value);
        }

        void remove(ExpireItem expiry) {
            byte[] key = new byte[expiry.getKey().remaining()];
            expiry.getKey().duplicate().get(key);
            entries.remove(ItemStoreKeys.item(ItemStoreKeys.tableIdBytes(SESSIONS.tableId()), key).get());
        }

        long size() {
            return entries.size();
        }

        @Override
        public byte[] item(byte[] tableId, byte[] primaryKey) {
            return entries.get(ItemStoreKeys.item(tableId, primaryKey).get());
        }

        @Override
        public TableStats stats(byte[] tableId) {
            return TableStats.EMPTY;
        }

        @Override
        public byte[] get(Bytes storeKey) {
            return entries.get(storeKey.get());
        }

        @Override
        public void scan(KeyRange range, boolean reverse, Predicate<StoredItem> visitor) {
            for (Map.Entry<byte[], byte[]> e : entries.entrySet()) {
                if (range.contains(e.getKey()) && !visitor.test(new StoredItem(e.getKey(), e.getValue()))) {
                    return;
                }
            }
        }
    }
}
