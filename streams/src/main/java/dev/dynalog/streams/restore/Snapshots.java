package dev.dynalog.streams.restore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Snapshots of every partition's state, written through Kafka (the snapshots topic), so that a
 * restore starts from the newest snapshot at or before its cut instead of from the log's first
 * command, and still can once retention has removed the log's oldest commands.
 *
 * <p>A snapshot is made the way a restore reads the log: the previous snapshot (or the log's
 * start) replayed forward to a cut of the command log in scratch stores, whose entries are then
 * written out in chunks. It holds the processors' raw state at the cut, prepared transactions and
 * all, so that a replay can go on from it exactly as the processors did; a restore from it is
 * still checked against the log's digests after it, and the restored table against the replay.
 * A snapshot is used only when every partition's chunks are all there.
 */
public final class Snapshots implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Snapshots.class);

    private final TableReplay.Settings settings;
    private final CommandLogCuts cuts;
    private final SnapshotLog snapshotLog;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dynalog-snapshots");
        t.setDaemon(true);
        return t;
    });

    public Snapshots(TableReplay.Settings settings, CommandLogCuts cuts, int partitions, Clock clock) {
        this.settings = settings;
        this.cuts = cuts;
        this.snapshotLog = new SnapshotLog(settings.bootstrapServers(), settings.topics().snapshots(), partitions);
        this.clock = clock;
    }

    /** Takes a snapshot every {@code interval}, the first one interval from now. */
    public void every(Duration interval) {
        timer.scheduleWithFixedDelay(() -> {
            try {
                take();
            } catch (Exception e) {
                log.error("could not take a snapshot", e);
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Takes a snapshot of every partition at the log's end now. */
    public synchronized Snapshot take() throws InterruptedException {
        LogCut cut = cuts.latest(clock.millis());
        Optional<Snapshot> base = base(cut);
        if (base.isPresent()) {
            cut = cut.from(base.get());
        } else if (trimmed(cut)) {
            throw new IllegalStateException("the command log no longer starts at its first command and no snapshot"
                    + " covers its start: no snapshot can be made");
        }
        String id = Instant.ofEpochMilli(clock.millis()).toString().replace(":", "") + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        long started = System.nanoTime();
        long entries = 0;
        try (TableReplay replay = TableReplay.raw(settings.withScratch("snapshot-" + id), cut, new RecoveryProgress())) {
            for (PartitionCut p : cut.partitions()) {
                long newest = replay.outcome(p.partition()).newestLogTime();
                if (newest < 0 && base.isPresent()) {
                    newest = base.get().partitions().get(p.partition()).logTime();
                }
                entries += snapshotLog.write(id, p.partition(), p.endOffset(), newest, replay.itemStore(p.partition()),
                        replay.transactionStore(p.partition()));
            }
        }
        Snapshot taken = snapshotLog.list().stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalStateException("snapshot " + id + " is not complete in the topic"));
        log.info("snapshot {} taken at {} ({} entries, from {}) in {} ms", id, cut.endOffsets(), entries,
                base.map(Snapshot::id).orElse("the log's start"), (System.nanoTime() - started) / 1_000_000);
        return taken;
    }

    /** The complete snapshots, oldest first. */
    public List<Snapshot> list() {
        return snapshotLog.list();
    }

    /**
     * The newest snapshot a replay to the cut can start from: no partition's snapshot lies past
     * the cut, and none before the oldest command the partition still holds.
     */
    Optional<Snapshot> base(LogCut cut) {
        return snapshotLog.list().stream()
                .filter(s -> cut.partitions().stream().allMatch(p -> s.partitions().containsKey(p.partition())
                        && s.endOffset(p.partition()) <= p.endOffset()
                        && s.endOffset(p.partition()) >= p.startOffset()))
                .max(Comparator.comparingLong(Snapshot::logTime));
    }

    /** The oldest snapshot a replay can start from now, if any. */
    Optional<Snapshot> oldestUsable(LogCut latest) {
        return snapshotLog.list().stream()
                .filter(s -> latest.partitions().stream().allMatch(p -> s.partitions().containsKey(p.partition())
                        && s.endOffset(p.partition()) >= p.startOffset()))
                .min(Comparator.comparingLong(Snapshot::logTime));
    }

    /** Retention has removed commands from some partition. */
    static boolean trimmed(LogCut cut) {
        return cut.partitions().stream().anyMatch(p -> p.startOffset() > 0);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
