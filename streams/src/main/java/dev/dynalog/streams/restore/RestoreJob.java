package dev.dynalog.streams.restore;

import dev.dynalog.core.encoding.ItemCodec;
import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.streams.index.IndexLogProgress;
import dev.dynalog.streams.state.ItemStoreKeys;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.utils.Bytes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One restore of a table into a new one: replay the source's log to the cut, load the items into
 * the target through the log, wait for its global indexes, verify. Its status is read while it
 * runs (DescribeRestore).
 */
public final class RestoreJob {
    private static final Logger log = LoggerFactory.getLogger(RestoreJob.class);
    private static final Duration INDEX_TIMEOUT = Duration.ofMinutes(30);

    public enum Status { REPLAYING, LOADING, VERIFYING, COMPLETED, FAILED }

    /** What an index of the restored table holds. */
    public record IndexFigures(String indexName, String type, Figures figures) {
    }

    private final String id = UUID.randomUUID().toString();
    private final TableDefinition source;
    private final TableDefinition target;
    private final LogCut cut;
    private final long startMillis = System.currentTimeMillis();
    private final long startNanos = System.nanoTime();
    private final RecoveryProgress progress = new RecoveryProgress();
    private volatile Status status = Status.REPLAYING;
    private volatile long endMillis = -1;
    private volatile long achievedMillis = -1;
    private volatile long firstItemMillis = -1;
    private volatile Figures tableFigures;
    private volatile List<IndexFigures> indexFigures = List.of();
    private volatile Verification verification;
    private volatile String failure;

    RestoreJob(TableDefinition source, TableDefinition target, LogCut cut) {
        this.source = source;
        this.target = target;
        this.cut = cut;
    }

    /** Replays, loads and verifies; the target is CREATING and knows its indexes. */
    void run(TableReplay.Settings settings, TableLoader loader, IndexLogProgress indexProgress,
             RestoreVerifier verifier, TableDefinition creatingTarget) throws Exception {
        try (TableReplay replay = TableReplay.run(settings, source, cut, progress)) {
            achievedMillis = replay.newestLogTime();
            status = Status.LOADING;
            long items = 0;
            for (PartitionCut p : cut.partitions()) {
                items += replay.figures(source, p.partition()).itemCount();
            }
            progress.loading(items);
            ExpectedIndexes expected = new ExpectedIndexes(creatingTarget);
            TableLoader.Session session = loader.start(creatingTarget, progress);
            byte[] sourceId = ItemStoreKeys.tableIdBytes(source.tableId());
            for (PartitionCut p : cut.partitions()) {
                InterruptedException[] interrupted = {null};
                replay.items(p.partition()).scan(ItemStoreKeys.allItems(sourceId), false, stored -> {
                    try {
                        session.add(p.partition(), ItemStoreKeys.primaryKey(Bytes.wrap(stored.storeKey())), stored.value());
                    } catch (InterruptedException e) {
                        interrupted[0] = e;
                        return false;
                    }
                    if (expected.any()) {
                        expected.add(p.partition(), ItemCodec.decode(stored.value()));
                    }
                    return true;
                });
                if (interrupted[0] != null) {
                    throw interrupted[0];
                }
            }
            Map<Integer, Long> lastOffsets = session.finish();
            if (session.firstAppliedNanos() > 0) {
                firstItemMillis = startMillis + (session.firstAppliedNanos() - startNanos) / 1_000_000;
            }
            if (!creatingTarget.indexes().globals().isEmpty() && !lastOffsets.isEmpty()) {
                indexProgress.awaitApplied(lastOffsets, INDEX_TIMEOUT);
            }
            verify(replay, verifier, creatingTarget, expected);
        }
        log.info("restored {} into {} at {} ({} commands replayed, {} items) in {} ms: {}", source.name(),
                target.name(), achievedMillis, progress.commandsReplayed(), progress.itemsLoaded(),
                System.currentTimeMillis() - startMillis, verification.result());
    }

    /**
     * Checks a table restored earlier against the same cut again, without loading anything: the
     * table must still be exactly what the log says it was at the cut.
     */
    void reverify(TableReplay.Settings settings, RestoreVerifier verifier) throws Exception {
        try (TableReplay replay = TableReplay.run(settings, source, cut, progress)) {
            achievedMillis = replay.newestLogTime();
            ExpectedIndexes expected = new ExpectedIndexes(target);
            if (expected.any()) {
                byte[] sourceId = ItemStoreKeys.tableIdBytes(source.tableId());
                for (PartitionCut p : cut.partitions()) {
                    replay.items(p.partition()).scan(ItemStoreKeys.allItems(sourceId), false, stored -> {
                        expected.add(p.partition(), ItemCodec.decode(stored.value()));
                        return true;
                    });
                }
            }
            verify(replay, verifier, target, expected);
        }
        log.info("verified {} against {} at {}: {}", target.name(), source.name(), achievedMillis,
                verification.result());
    }

    private void verify(TableReplay replay, RestoreVerifier verifier, TableDefinition restored,
                        ExpectedIndexes expected) {
        status = Status.VERIFYING;
        Verification checked = verifier.verify(source, restored, replay, expected, cut.partitions().size());
        Figures total = Figures.ZERO;
        for (Verification.PartitionCheck c : checked.partitions()) {
            total = total.plus(c.actual());
        }
        tableFigures = total;
        indexFigures = checked.indexes().stream()
                .map(i -> new IndexFigures(i.indexName(), i.type(), i.actual())).toList();
        verification = checked;
        if (!checked.problems().isEmpty()) {
            log.error("{} does not verify against {} at the cut: {}", target.name(), source.name(),
                    checked.problems());
        }
    }

    void completed() {
        endMillis = System.currentTimeMillis();
        status = Status.COMPLETED;
    }

    void failed(Throwable error) {
        endMillis = System.currentTimeMillis();
        failure = error.getMessage() == null ? error.toString() : error.getMessage();
        status = Status.FAILED;
    }

    public String id() {
        return id;
    }

    public TableDefinition source() {
        return source;
    }

    public TableDefinition target() {
        return target;
    }

    public LogCut cut() {
        return cut;
    }

    public Status status() {
        return status;
    }

    public long startMillis() {
        return startMillis;
    }

    /** -1 while running. */
    public long endMillis() {
        return endMillis;
    }

    /** The newest log time among the replayed commands; -1 until the replay is done, or when none was replayed. */
    public long achievedMillis() {
        return achievedMillis;
    }

    /** When the first item was applied in the target; -1 before. */
    public long firstItemMillis() {
        return firstItemMillis;
    }

    public RecoveryProgress progress() {
        return progress;
    }

    /** Null until verified. */
    public Figures tableFigures() {
        return tableFigures;
    }

    public List<IndexFigures> indexFigures() {
        return indexFigures;
    }

    /** Null until verified. */
    public Verification verification() {
        return verification;
    }

    /** Null unless FAILED. */
    public String failure() {
        return failure;
    }
}
