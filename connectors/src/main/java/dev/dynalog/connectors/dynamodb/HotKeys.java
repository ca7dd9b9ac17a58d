package dev.dynalog.connectors.dynamodb;

import dev.dynalog.core.model.AttributeValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.ItemsSketch;

/**
 * The capacity each table's partition keys and log partitions consumed on this node in the last
 * minute: the hot-partition problem made visible. A partition key that takes most of a table's
 * units, or a log partition that takes most of the node's, is where throttling and lag come from.
 *
 * <p>Keys are counted in frequent-items sketches (Apache DataSketches, Misra-Gries with a bounded
 * map), so a table with millions of keys costs the same few kilobytes as one with ten, and every
 * key reported comes with bounds on its count: a key is listed only if it is certainly among the
 * frequent ones. The minute is six ten-second slices; a report merges those of the last minute.
 */
public final class HotKeys {
    /** Slices of the window; the report covers the last {@code SLICES * SLICE_SECONDS} seconds. */
    static final int SLICES = 6;
    static final long SLICE_SECONDS = 10;
    /** What a report covers. */
    public static final Duration WINDOW = Duration.ofSeconds(SLICES * SLICE_SECONDS);
    /** The sketches' map size: keys tracked per table and slice (a power of two). */
    private static final int SKETCH_SIZE = 256;
    /** Units are counted in thousandths, as the sketches count whole numbers (an eventual read is half a unit). */
    private static final double MILLI = 1000;

    private final LongSupplier nanoClock;
    private final Map<String, TableUse> tables = new ConcurrentHashMap<>();
    /** The slice from which on tables idle for a whole window are forgotten next. */
    private final AtomicLong nextPrune;

    public HotKeys(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.nextPrune = new AtomicLong(slice() + SLICES);
    }

    /**
     * Counts capacity units consumed on an item of the table ({@code partitionKey} null for units
     * that belong to no single key, such as a Scan's page), read or written, in its log partition.
     */
    public void record(String table, int logPartition, AttributeValue partitionKey, double units, boolean write) {
        add(table, logPartition, partitionKey == null ? null : display(partitionKey), units, write);
    }

    /** Counts read units of a Query of a global index, under the index's name and its partition key. */
    public void recordIndex(String table, String index, AttributeValue indexPartitionKey, double units) {
        add(table, -1, index + " " + display(indexPartitionKey), units, false);
    }

    private void add(String table, int logPartition, String key, double units, boolean write) {
        if (units <= 0) {
            return;
        }
        long milli = Math.max(1, Math.round(units * MILLI));
        long now = slice();
        pruneIdle(now);
        tables.computeIfAbsent(table, t -> new TableUse()).record(now, logPartition, key, milli, write);
    }

    /**
     * Once a window, forgets the tables that used nothing in the last one (deleted tables among
     * them): a test suite that creates thousands of tables must not leave their sketches behind.
     */
    private void pruneIdle(long now) {
        long due = nextPrune.get();
        if (now >= due && nextPrune.compareAndSet(due, now + SLICES)) {
            tables.values().removeIf(use -> !use.activeSince(now - SLICES + 1));
        }
    }

    /** How many tables' use this node keeps. */
    int tableCount() {
        return tables.size();
    }

    /** The tables with any units in the last minute, by name. */
    public List<String> tables() {
        long now = slice();
        List<String> names = new ArrayList<>();
        tables.forEach((name, use) -> {
            if (use.activeSince(now - SLICES + 1)) {
                names.add(name);
            }
        });
        names.sort(Comparator.naturalOrder());
        return names;
    }

    /** The table's use in the last minute: its {@code top} hottest keys for reads and for writes, and every partition's units. */
    public Report report(String table, int top) {
        TableUse use = tables.get(table);
        if (use == null) {
            return new Report(table, List.of(), List.of(), new TreeMap<>(), 0, 0);
        }
        return use.report(table, slice() - SLICES + 1, top);
    }

    private long slice() {
        return Math.floorDiv(nanoClock.getAsLong(), SLICE_SECONDS * 1_000_000_000L);
    }

    /** A partition key as the report shows it: its type and value, as in DynamoDB's JSON ({@code S:user#42}). */
    static String display(AttributeValue key) {
        if (key instanceof AttributeValue.S s) {
            return "S:" + s.value();
        }
        if (key instanceof AttributeValue.N n) {
            return "N:" + n.value();
        }
        if (key instanceof AttributeValue.B b) {
            return "B:" + b.value().toBase64();
        }
        return key.type() + ":" + key;
    }

    /** One key's units in the window, with the sketch's bounds on them. */
    public record KeyUnits(String key, double units, double lowerBound, double upperBound) {
    }

    /** A log partition's read and write units in the window. */
    public record PartitionUnits(double read, double write) {
        PartitionUnits plus(PartitionUnits o) {
            return new PartitionUnits(read + o.read, write + o.write);
        }
    }

    /**
     * A table's use in the last minute.
     *
     * @param readKeys the hottest keys by read units, hottest first
     * @param writeKeys the hottest keys by write units, hottest first
     * @param partitions units by log partition
     */
    public record Report(String table, List<KeyUnits> readKeys, List<KeyUnits> writeKeys,
                         TreeMap<Integer, PartitionUnits> partitions, double readUnits, double writeUnits) {
    }

    /** One table's slices; a slice is reused once it is older than the window. */
    private static final class TableUse {
        private final Slice[] slices = new Slice[SLICES];

        synchronized void record(long now, int partition, String key, long milli, boolean write) {
            Slice s = current(now);
            (write ? s.writes : s.reads).add(partition, key, milli);
        }

        synchronized boolean activeSince(long first) {
            for (Slice s : slices) {
                if (s != null && s.index >= first) {
                    return true;
                }
            }
            return false;
        }

        synchronized Report report(String table, long first, int top) {
            Use reads = new Use();
            Use writes = new Use();
            for (Slice s : slices) {
                if (s != null && s.index >= first) {
                    reads.merge(s.reads);
                    writes.merge(s.writes);
                }
            }
            TreeMap<Integer, PartitionUnits> partitions = new TreeMap<>();
            reads.partitions.forEach((p, m) -> partitions.merge(p, new PartitionUnits(m / MILLI, 0), PartitionUnits::plus));
            writes.partitions.forEach((p, m) -> partitions.merge(p, new PartitionUnits(0, m / MILLI), PartitionUnits::plus));
            return new Report(table, reads.top(top), writes.top(top), partitions, reads.total / MILLI, writes.total / MILLI);
        }

        private Slice current(long now) {
            int at = (int) Math.floorMod(now, (long) SLICES);
            if (slices[at] == null || slices[at].index != now) {
                slices[at] = new Slice(now);
            }
            return slices[at];
        }
    }

    /** Ten seconds of a table's reads and writes. */
    private static final class Slice {
        final long index;
        final Use reads = new Use();
        final Use writes = new Use();

        Slice(long index) {
            this.index = index;
        }
    }

    /** Units by key (sketched) and by partition (exact). */
    private static final class Use {
        final ItemsSketch<String> keys = new ItemsSketch<>(SKETCH_SIZE);
        final Map<Integer, Long> partitions = new TreeMap<>();
        long total;

        void add(int partition, String key, long milli) {
            if (key != null) {
                keys.update(key, milli);
            }
            if (partition >= 0) {
                partitions.merge(partition, milli, Long::sum);
            }
            total += milli;
        }

        void merge(Use other) {
            keys.merge(other.keys);
            other.partitions.forEach((p, m) -> partitions.merge(p, m, Long::sum));
            total += other.total;
        }

        List<KeyUnits> top(int n) {
            List<KeyUnits> rows = new ArrayList<>();
            for (ItemsSketch.Row<String> r : keys.getFrequentItems(ErrorType.NO_FALSE_POSITIVES)) {
                rows.add(new KeyUnits(r.getItem(), r.getEstimate() / MILLI, r.getLowerBound() / MILLI,
                        r.getUpperBound() / MILLI));
            }
            rows.sort(Comparator.comparingDouble(KeyUnits::units).reversed().thenComparing(KeyUnits::key));
            return rows.size() > n ? List.copyOf(rows.subList(0, n)) : rows;
        }
    }
}
