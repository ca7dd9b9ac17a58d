package dev.dynalog.streams.restore;

import dev.dynalog.core.error.Errors;
import dev.dynalog.core.model.RestoreSummary;
import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.core.model.TableStatus;
import dev.dynalog.core.model.TableStream;
import dev.dynalog.streams.catalog.TableCatalog;
import dev.dynalog.streams.catalog.TableLifecycle;
import dev.dynalog.schemas.command.RecordDigest;
import dev.dynalog.streams.index.IndexLogProgress;
import dev.dynalog.streams.processor.CommandResult;
import dev.dynalog.streams.write.CommandWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restores tables from the command log into new tables, and says which points in time can be
 * restored: the node's restore service behind RestoreTableToPointInTime, {@code dynalog restore}
 * and {@code dynalog drill}.
 */
public final class Restores {
    private static final Logger log = LoggerFactory.getLogger(Restores.class);

    /** Where a restore's cut lies. */
    public sealed interface CutRequest {
        record AtTime(long millis) implements CutRequest {
        }

        record Latest() implements CutRequest {
        }

        /** The first offset not restored, for every partition of the command log. */
        record AtOffsets(Map<Integer, Long> endOffsets) implements CutRequest {
        }
    }

    private final TableCatalog catalog;
    private final TableLifecycle lifecycle;
    private final CommandLogCuts cuts;
    private final TableReplay.Settings settings;
    private final TableLoader loader;
    private final CommandWriter writer;
    private final IndexLogProgress indexProgress;
    private final RestoreVerifier verifier;
    private final Clock clock;
    private final Snapshots snapshots;
    private final Map<String, RestoreJob> byTarget = new ConcurrentHashMap<>();
    private final ExecutorService verifying = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "dynalog-verify");
        t.setDaemon(true);
        return t;
    });

    public Restores(TableCatalog catalog, TableLifecycle lifecycle, CommandLogCuts cuts, TableReplay.Settings settings,
                    CommandWriter writer, IndexLogProgress indexProgress, RestoreVerifier verifier, Clock clock) {
        this.catalog = catalog;
        this.lifecycle = lifecycle;
        this.cuts = cuts;
        this.settings = settings;
        this.loader = new TableLoader(writer);
        this.writer = writer;
        this.indexProgress = indexProgress;
        this.verifier = verifier;
        this.clock = clock;
        this.snapshots = new Snapshots(settings, cuts, cuts.partitions(), clock);
    }

    /** The snapshots restores start from. */
    public Snapshots snapshots() {
        return snapshots;
    }

    /**
     * Starts restoring {@code source} into {@code target} (a new table: a fresh id, the key
     * schema and indexes it is to have); returns at once with the job, the target CREATING.
     */
    public synchronized RestoreJob start(TableDefinition source, TableDefinition target, CutRequest request) {
        Optional<TableDefinition> existing = catalog.get(target.name());
        if (existing.isPresent()) {
            throw existing.get().status() == TableStatus.ACTIVE || existing.get().status() == TableStatus.UPDATING
                    ? Errors.tableAlreadyExists(target.name()) : Errors.tableInUse(target.name());
        }
        LogCut cut = cut(source, request);
        long pointMillis = cut.requestedTimeMillis() != null ? cut.requestedTimeMillis() : clock.millis();
        TableDefinition creating = target.withStatus(TableStatus.CREATING).withRecovery(target.recovery().withRestore(
                new RestoreSummary(source.name(), source.tableId(), pointMillis, true, cut.startOffsets(),
                        cut.endOffsets(), cut.baseSnapshot())));
        return run(source, creating, cut);
    }

    /** Runs again the restores that a stopped node left unfinished (their targets CREATING with a summary). */
    public void resume() {
        for (TableDefinition table : catalog.all()) {
            RestoreSummary summary = table.recovery().restore();
            if (table.status() != TableStatus.CREATING || summary == null || !summary.inProgress()) {
                continue;
            }
            TableDefinition source = sourceOf(table, summary);
            log.info("resuming the restore of {} into {}", source.name(), table.name());
            run(source, table, cutOf(summary));
        }
    }

    /**
     * Checks a restored table against its cut again (after a restart, or to see whether anything
     * changed it since); the job shows in {@link #find} like the restore's.
     */
    public synchronized RestoreJob verify(TableDefinition restored) {
        RestoreSummary summary = restored.recovery().restore();
        if (summary == null || summary.inProgress() || restored.status() != TableStatus.ACTIVE) {
            throw Errors.validation("Table " + restored.name() + " is not a completed restore");
        }
        RestoreJob job = new RestoreJob(sourceOf(restored, summary), restored, cutOf(summary));
        byTarget.put(restored.name(), job);
        verifying.submit(() -> {
            try {
                job.reverify(settings.withScratch(job.id()), verifier);
                job.completed();
            } catch (Throwable e) {
                log.error("could not verify {}", restored.name(), e);
                job.failed(e);
            }
        });
        return job;
    }

    /** The restored table's source; it may have gone since, but its commands are still in the log under its id. */
    private TableDefinition sourceOf(TableDefinition restored, RestoreSummary summary) {
        return catalog.get(summary.sourceTableName())
                .filter(t -> t.tableId().equals(summary.sourceTableId()))
                .orElse(new TableDefinition(summary.sourceTableName(), summary.sourceTableId(), TableStatus.ACTIVE,
                        0, restored.keySchema(), restored.attributeDefinitions(), restored.billingMode(),
                        restored.readCapacityUnits(), restored.writeCapacityUnits(), restored.partitions(),
                        TableStream.NONE, restored.indexes(), null));
    }

    private static LogCut cutOf(RestoreSummary summary) {
        return LogCut.of(summary.cutStart(), summary.cutEnd(), summary.restoreTimeMillis(), summary.baseSnapshot());
    }

    private RestoreJob run(TableDefinition source, TableDefinition creating, LogCut cut) {
        RestoreJob job = new RestoreJob(source, creating, cut);
        byTarget.put(creating.name(), job);
        lifecycle.createFilled(creating, TableLifecycle.Filler.of(
                table -> job.run(settings.withScratch(job.id()), loader, indexProgress, verifier, table),
                job::completed, job::failed));
        return job;
    }

    /** The restore into the table of this name that this node ran or runs, if any. */
    public Optional<RestoreJob> find(String targetName) {
        return Optional.ofNullable(byTarget.get(targetName));
    }

    /**
     * The oldest point the table can be restored to: its creation, or the start of its recovery
     * period, whichever is later; empty when the command log no longer holds all of the table's
     * commands (retention has removed some).
     */
    public Optional<Instant> earliestRestorable(TableDefinition source) {
        long from = source.creationTimeMillis();
        long since = cuts.retainedSince();
        if (since > source.creationTimeMillis()) {
            // Retention has removed some of the table's commands: a replay starts from a snapshot.
            Optional<Snapshot> oldest = snapshots.oldestUsable(cuts.latest(clock.millis()));
            if (oldest.isEmpty()) {
                return Optional.empty();
            }
            from = Math.max(from, oldest.get().logTime());
        }
        long periodStart = clock.millis() - Duration.ofDays(source.recovery().recoveryPeriodDays()).toMillis();
        return Optional.of(Instant.ofEpochMilli(Math.max(from, periodStart)));
    }

    /** The newest point that can be restored: now, for the log holds every acknowledged write. */
    public Instant latestRestorable() {
        return clock.instant();
    }

    /**
     * Replays the command log to the cut, in scratch stores named after {@code scratchName}, for
     * a caller that wants the table's items at that point (an export); the caller closes it.
     */
    public TableReplay replay(TableDefinition source, LogCut cut, RecoveryProgress progress, String scratchName)
            throws InterruptedException {
        return TableReplay.run(settings.withScratch(scratchName), source, cut, progress);
    }

    /** The cut a request asks for, refused with DynamoDB's errors when it lies outside the restorable window. */
    public LogCut cut(TableDefinition source, CutRequest request) {
        LogCut fromStart = cutFromStart(source, request);
        Optional<Snapshot> base = snapshots.base(fromStart);
        if (base.isPresent()) {
            return fromStart.from(base.get());
        }
        if (Snapshots.trimmed(fromStart)) {
            throw Errors.invalidRestoreTime("The command log no longer holds the commands before this point, and no "
                    + "snapshot lies between its oldest command and the point");
        }
        return fromStart;
    }

    private LogCut cutFromStart(TableDefinition source, CutRequest request) {
        if (request instanceof CutRequest.AtOffsets offsets) {
            try {
                return cuts.atOffsets(offsets.endOffsets());
            } catch (IllegalArgumentException e) {
                throw Errors.validation(e.getMessage());
            }
        }
        Optional<Instant> earliest = earliestRestorable(source);
        if (earliest.isEmpty()) {
            throw Errors.invalidRestoreTime("The command log no longer holds every command of table "
                    + source.name() + " since it was created, and no snapshot covers its start");
        }
        if (request instanceof CutRequest.AtTime at) {
            long latest = latestRestorable().toEpochMilli();
            if (at.millis() < earliest.get().toEpochMilli() || at.millis() > latest) {
                throw Errors.invalidRestoreTime("Invalid RestoreDateTime: it must be between "
                        + earliest.get() + " and " + Instant.ofEpochMilli(latest));
            }
            return cuts.atTime(at.millis());
        }
        // The cut ends with a digest of the table in every partition, so the whole replay is checked.
        Map<Integer, Long> digestRequests = new java.util.TreeMap<>();
        for (int p = 0; p < source.partitions(); p++) {
            try {
                CommandResult recorded = writer.submit(p, new byte[0], writer.newStep()
                        .setBody(new RecordDigest(List.of(source.tableId()))).build()).get(30, TimeUnit.SECONDS);
                digestRequests.put(p, recorded.logOffset());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw Errors.internal("interrupted");
            } catch (ExecutionException | TimeoutException e) {
                log.warn("could not record a digest of {} in partition {} before the restore", source.name(), p, e);
            }
        }
        return cuts.latest(clock.millis()).withDigestRequests(digestRequests);
    }
}
