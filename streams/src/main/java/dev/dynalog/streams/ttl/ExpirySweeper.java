package dev.dynalog.streams.ttl;

import dev.dynalog.core.encoding.ItemCodec;
import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.core.model.TableStatus;
import dev.dynalog.core.ttl.ExpiryRule;
import dev.dynalog.schemas.command.ExpireItem;
import dev.dynalog.streams.ItemAddress;
import dev.dynalog.streams.state.ItemState;
import dev.dynalog.streams.state.ItemStoreKeys;
import dev.dynalog.streams.state.KeyRange;
import dev.dynalog.streams.write.CommandWriter;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.common.utils.Bytes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Time to Live on a node: every interval, scans the items of the TTL-enabled tables in the
 * command-log partitions whose tasks this node runs, and appends an {@link ExpireItem} to the log
 * partition of each item whose TTL attribute has passed. It deletes nothing itself: the
 * partition's processor decides each expiry against the item at the command's log position, so
 * an item rewritten since the sweep with a later expiry stays, and a replay decides alike.
 *
 * <p>Bounds: at most {@value #MAX_IN_FLIGHT} expiries await their decision at once, and an item
 * whose expiry is in flight is not appended again, so a slow processor sees no flood of
 * duplicates; a sweep scans at most {@value #MAX_SCANNED_PER_SWEEP} items per table and
 * partition, going on from there at the next sweep. A duplicate (one appended again after a
 * restart, whose predecessor was not decided yet) finds the item gone and changes nothing.
 */
public final class ExpirySweeper implements AutoCloseable {
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
    static final int MAX_IN_FLIGHT = 1_000;
    static final int MAX_SCANNED_PER_SWEEP = 100_000;
    private static final Logger log = LoggerFactory.getLogger(ExpirySweeper.class);

    /** The partitions this node's tasks own now, and their items. */
    public interface OwnedPartitions {
        Set<Integer> owned();

        ItemState items(int partition);

        /** Reading the partition's items failed (its task moved or is restoring): look them up afresh next time. */
        default void failed(int partition) {
        }
    }

    /** Where expiries go: the command log. */
    public interface ExpiryLog {
        /** Appends the expiry to the item's log partition; completes once its processor has decided it. */
        CompletableFuture<?> append(TableDefinition table, ItemAddress address, ExpireItem expiry);

        /** Through the node's writer, stamped with the table's stream like any write of the table. */
        static ExpiryLog through(CommandWriter writer) {
            return (table, address, expiry) -> writer.submit(table, address.partition(), address.partitionKey(),
                    writer.newCommand(table).setBody(expiry).build());
        }
    }

    private record Cursor(String tableId, int partition) {
    }

    private record Pending(String tableId, Bytes primaryKey) {
    }

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dynalog-ttl-sweeper");
        t.setDaemon(true);
        return t;
    });
    private final Supplier<? extends Collection<TableDefinition>> tables;
    private final OwnedPartitions partitions;
    private final ExpiryLog expiries;
    private final Clock clock;
    private final Set<Pending> inFlight = ConcurrentHashMap.newKeySet();
    /** Where each table's scan of a partition goes on (the last store key scanned); only the sweeper's thread. */
    private final Map<Cursor, byte[]> resumeAfter = new HashMap<>();
    private int sweeps;

    /** A sweeper that sweeps when {@link #sweep()} is called; {@link #every} schedules it. */
    public ExpirySweeper(Supplier<? extends Collection<TableDefinition>> tables, OwnedPartitions partitions,
                         ExpiryLog expiries, Clock clock) {
        this.tables = tables;
        this.partitions = partitions;
        this.expiries = expiries;
        this.clock = clock;
    }

    /** Sweeps every {@code interval} from now on, on a thread of its own. */
    public ExpirySweeper every(Duration interval) {
        if (interval.toMillis() <= 0) {
            throw new IllegalArgumentException("the TTL sweep interval must be at least a millisecond, not " + interval);
        }
        timer.scheduleWithFixedDelay(this::sweepQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void sweepQuietly() {
        try {
            sweep();
        } catch (RuntimeException e) {
            // A broker away for a while, a rebalance: the next sweep tries again.
            log.debug("TTL sweep failed", e);
        }
    }

    /** One sweep; returns how many expiries it appended. Not to be called while {@link #every} runs. */
    public int sweep() {
        List<TableDefinition> tables = this.tables.get().stream()
                .filter(t -> t.timeToLive().enabled())
                .filter(t -> (t.status() == TableStatus.ACTIVE || t.status() == TableStatus.UPDATING)
                        && !t.recovery().filling())
                .toList();
        if (tables.isEmpty()) {
            resumeAfter.clear();
            return 0;
        }
        List<Integer> owned = partitions.owned().stream().sorted().toList();
        if (owned.isEmpty()) {
            return 0;
        }
        long now = clock.millis();
        // Each sweep starts at another partition, so that one with many expired items does not
        // take the in-flight budget of the others at every sweep.
        int first = sweeps++ % owned.size();
        int appended = 0;
        for (int i = 0; i < owned.size(); i++) {
            int partition = owned.get((first + i) % owned.size());
            try {
                ItemState items = partitions.items(partition);
                for (TableDefinition table : tables) {
                    if (inFlight.size() >= MAX_IN_FLIGHT) {
                        break;
                    }
                    appended += sweep(table, partition, items, now);
                }
            } catch (RuntimeException e) {
                // The next sweep tries again; the others need not wait for it.
                log.debug("TTL sweep of partition {} failed", partition, e);
                partitions.failed(partition);
            }
        }
        if (appended > 0) {
            log.debug("TTL sweep appended {} expiries", appended);
        }
        return appended;
    }

    /** Scans one table's items in one partition from where its last scan stopped; returns the expiries appended. */
    private int sweep(TableDefinition table, int partition, ItemState items, long now) {
        byte[] tableId = ItemStoreKeys.tableIdBytes(table.tableId());
        String attribute = table.timeToLive().attributeName();
        Cursor cursor = new Cursor(table.tableId(), partition);
        KeyRange range = ItemStoreKeys.allItems(tableId);
        byte[] after = resumeAfter.remove(cursor);
        if (after != null) {
            range = range.withFrom(after, false);
        }
        int[] scanned = {0};
        int[] appended = {0};
        byte[][] last = {null};
        items.scan(range, false, stored -> {
            last[0] = stored.storeKey();
            Map<String, AttributeValue> item = ItemCodec.decode(stored.value());
            if (ExpiryRule.expired(item, attribute, now)) {
                byte[] primaryKey = ItemStoreKeys.primaryKey(Bytes.wrap(stored.storeKey()));
                if (append(table, item, primaryKey, attribute, now)) {
                    appended[0]++;
                }
            }
            return ++scanned[0] < MAX_SCANNED_PER_SWEEP && inFlight.size() < MAX_IN_FLIGHT;
        });
        boolean stoppedEarly = scanned[0] >= MAX_SCANNED_PER_SWEEP || inFlight.size() >= MAX_IN_FLIGHT;
        if (stoppedEarly && last[0] != null) {
            resumeAfter.put(cursor, last[0]);
        }
        return appended[0];
    }

    /** Appends the item's expiry unless one is in flight already; the entry goes once it is decided. */
    private boolean append(TableDefinition table, Map<String, AttributeValue> item, byte[] primaryKey, String attribute,
                           long now) {
        Pending pending = new Pending(table.tableId(), Bytes.wrap(primaryKey));
        if (!inFlight.add(pending)) {
            return false;
        }
        try {
            expiries.append(table, ItemAddress.of(table, item), new ExpireItem(ByteBuffer.wrap(primaryKey), attribute, now))
                    .whenComplete((result, error) -> inFlight.remove(pending));
        } catch (RuntimeException e) {
            inFlight.remove(pending);
            throw e;
        }
        return true;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
