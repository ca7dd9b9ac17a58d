package dev.dynalog.streams.catalog;

import dev.dynalog.core.error.Errors;
import dev.dynalog.core.index.IndexStatus;
import dev.dynalog.core.index.SecondaryIndex;
import dev.dynalog.core.index.SecondaryIndexes;
import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.core.model.TableSettings;
import dev.dynalog.core.model.TableStatus;
import dev.dynalog.core.model.TableStream;
import dev.dynalog.schemas.command.BackfillIndex;
import dev.dynalog.schemas.command.PurgeTable;
import dev.dynalog.streams.changes.ChangeTopics;
import dev.dynalog.streams.index.IndexLogProgress;
import dev.dynalog.streams.index.TableIndexes;
import dev.dynalog.streams.processor.CommandResult;
import dev.dynalog.streams.write.CommandWriter;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and deletes tables at run time, as DynamoDB does: the request answers with status
 * CREATING or DELETING (UPDATING), and the work runs in the background; the answer waits a few
 * seconds for short work, so that a test suite's waiters find the table ACTIVE (or gone) on
 * their first poll, as with DynamoDB Local. An online index backfill is not waited for.
 *
 * <ul>
 *   <li>Create: the definition goes to the catalog as CREATING, then ACTIVE once the table's own
 *   resources exist. Its commands share the cluster's command log, so no topic or rebalance is
 *   needed for them.</li>
 *   <li>Delete: the definition becomes DELETING, which frees the name at once (no more reads or
 *   writes; the answer need not wait for more); a purge command goes through every partition of
 *   the log, so the items leave the state the way every change does; then the definition is
 *   removed. A CreateTable of the same name waits briefly for that purge, so that a crash cannot
 *   leave the old table's state unpurged behind a new definition.</li>
 * </ul>
 * A node that starts finds unfinished transitions in the catalog and completes them.
 *
 * <p>A table's change topic exists before any definition that enables its stream is written
 * ACTIVE or UPDATING, because the front door stamps commands from the definition it reads and the
 * processor sends each stamped command's changes to that topic. Deleting a table leaves its
 * change topic to its retention, as DynamoDB keeps a deleted table's stream readable for a while.
 */
public final class TableLifecycle implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TableLifecycle.class);
    /** Items per backfill step: large enough to amortize a round trip, small enough not to hold writes behind it. */
    private static final int BACKFILL_STEP_ITEMS = 500;
    private static final Duration BACKFILL_TIMEOUT = Duration.ofMinutes(60);
    /** How long CreateTable, UpdateTable and DeleteTable wait for their work before answering. */
    static final Duration QUICK_TRANSITION = Duration.ofSeconds(5);

    private final TableCatalog catalog;
    private final CommandWriter writer;
    private final ChangeTopics changeTopics;
    private final IndexLogProgress indexProgress;
    private final long itemCollectionLimitBytes;
    /** The purges this node runs, by table id. */
    private final Map<String, Drop> drops = new HashMap<>();
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "dynalog-table-lifecycle");
        t.setDaemon(true);
        return t;
    });
    /** Restores and imports take long: they must not hold up other tables' transitions. */
    private final ExecutorService filling = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "dynalog-table-fill");
        t.setDaemon(true);
        return t;
    });

    /** Fills a table created from elsewhere (a restore, an import) once its indexes are defined. */
    public interface Filler {
        /** Writes the items; the table is CREATING and its partitions know its indexes. */
        void fill(TableDefinition creating) throws Exception;

        /** The table is ACTIVE. */
        void activated();

        /** Filling failed; the table is being deleted. */
        void failed(Throwable error);

        /** The filler of these three steps. */
        static Filler of(Fill fill, Runnable activated, java.util.function.Consumer<Throwable> failed) {
            return new Filler() {
                @Override
                public void fill(TableDefinition creating) throws Exception {
                    fill.fill(creating);
                }

                @Override
                public void activated() {
                    activated.run();
                }

                @Override
                public void failed(Throwable error) {
                    failed.accept(error);
                }
            };
        }
    }

    /** {@link Filler#fill} alone. */
    @FunctionalInterface
    public interface Fill {
        void fill(TableDefinition creating) throws Exception;
    }

    /**
     * @param itemCollectionLimitBytes the item collection size limit of tables created from now on
     *                                 with local indexes (DynamoDB's is 10 GB)
     */
    public TableLifecycle(TableCatalog catalog, CommandWriter writer, ChangeTopics changeTopics,
                          IndexLogProgress indexProgress, long itemCollectionLimitBytes) {
        this.catalog = catalog;
        this.writer = writer;
        this.changeTopics = changeTopics;
        this.indexProgress = indexProgress;
        this.itemCollectionLimitBytes = itemCollectionLimitBytes;
    }

    /**
     * Records the table as CREATING and makes it ACTIVE; returns the CREATING definition, as
     * DynamoDB answers, but only once the table is ACTIVE or {@link #QUICK_TRANSITION} has
     * passed, so that a waiter's first DescribeTable finds it ACTIVE.
     */
    public TableDefinition create(TableDefinition table) {
        awaitBriefly(dropOf(table.name()));
        Transition t = startCreate(table);
        awaitBriefly(t.done());
        return t.answer();
    }

    private synchronized Transition startCreate(TableDefinition table) {
        if (catalog.get(table.name()).isPresent()) {
            throw Errors.resourceInUse("Table already exists: " + table.name());
        }
        TableDefinition creating = table.withStatus(TableStatus.CREATING);
        if (table.indexes().isEmpty() && !table.stream().enabled()) {
            // Nothing to set up in the log or in topics: the table is ACTIVE as soon as it is recorded.
            catalog.put(table.withStatus(TableStatus.ACTIVE));
            log.info("table {} is ACTIVE", table.name());
            return new Transition(creating, CompletableFuture.completedFuture(null));
        }
        catalog.put(creating);
        return new Transition(creating, background.submit(() -> activate(creating)));
    }

    /**
     * The appends of the purges of a deleted table of that name that this node is still running,
     * or a done future: once they are in the log, a new definition may supersede the DELETING one.
     */
    private synchronized Future<?> dropOf(String name) {
        return drops.values().stream().filter(d -> d.name().equals(name)).map(Drop::purged)
                .findFirst().orElse(CompletableFuture.completedFuture(null));
    }

    /** A deleted table's purge, running on this node: its purge commands' appends. */
    private record Drop(String name, CompletableFuture<Void> purged) {
    }

    /** A transition's answer and its work. */
    private record Transition(TableDefinition answer, Future<?> done) {
    }

    /**
     * Waits for a transition's work for a while: short work (a small table's purge, index
     * definitions, a stream topic) is done before the answer, as DynamoDB Local does, so waiters
     * need one poll; long work (a large backfill) goes on after it, as in DynamoDB.
     */
    private static void awaitBriefly(Future<?> work) {
        try {
            work.get(QUICK_TRANSITION.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // Still running: the caller polls, as with DynamoDB.
        } catch (ExecutionException e) {
            // The work logs its own failure; the table stays in its transition for a restart to finish.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Records the table as CREATING, as a restore or an import creates it, and makes it ACTIVE
     * once {@code filler} has written its items; if the filler fails the table is deleted again.
     * Also resumes such a table found CREATING after a restart.
     */
    public synchronized TableDefinition createFilled(TableDefinition table, Filler filler) {
        java.util.Optional<TableDefinition> existing = catalog.get(table.name());
        if (existing.isPresent() && !existing.get().tableId().equals(table.tableId())) {
            throw Errors.resourceInUse("Table already exists: " + table.name());
        }
        TableDefinition creating = table.withStatus(TableStatus.CREATING);
        if (existing.isEmpty()) {
            // DescribeTable finds it CREATING from now on; a node that restarts finds it there too.
            catalog.put(creating);
        }
        filling.submit(() -> fill(creating, filler));
        return creating;
    }

    private void fill(TableDefinition table, Filler filler) {
        try {
            if (!table.indexes().isEmpty()) {
                await(appendToEveryPartition(table, () -> TableIndexes.command(table, itemCollectionLimitBytes)));
            }
            filler.fill(table);
            List<SecondaryIndex> active = new ArrayList<>();
            table.indexes().all().forEach(i -> active.add(i.withStatus(IndexStatus.ACTIVE, false)));
            TableDefinition done = table.withIndexes(new SecondaryIndexes(active)).withStatus(TableStatus.ACTIVE);
            if (done.recovery().restore() != null) {
                done = done.withRecovery(done.recovery().withRestore(done.recovery().restore().completed()));
            }
            done = done.withRecovery(done.recovery().withImportSource(null));
            putKeepingSettings(done);
            log.info("table {} is ACTIVE", table.name());
            filler.activated();
        } catch (Throwable e) {
            log.error("could not fill table {}", table.name(), e);
            filler.failed(e);
            TableDefinition deleting = table.withStatus(TableStatus.DELETING);
            catalog.put(deleting);
            startDrop(deleting);
        }
    }

    /**
     * Records the table as DELETING, which takes it out of the catalog's names at once, and purges
     * it in the background; returns the DELETING definition. A table with deletion protection is
     * refused, as DynamoDB refuses it, until UpdateTable turns the protection off.
     *
     * <p>A table with a stream (enabled, or disabled within the last day) keeps it readable for
     * 24 hours, DISABLED, as DynamoDB does: the catalog retires the definition, its stream
     * disabled at {@code nowMillis}, before the name is freed.
     */
    public synchronized TableDefinition delete(String name, long nowMillis) {
        TableDefinition table = catalog.get(name).orElseThrow(Errors::tableNotFound);
        switch (table.status()) {
            case CREATING, UPDATING -> throw Errors.resourceInUse(
                    "Attempt to change a resource which is still in use: Table is being "
                            + (table.status() == TableStatus.CREATING ? "created" : "updated") + ": " + name);
            default -> {
            }
        }
        if (table.settings().deletionProtection()) {
            throw Errors.validation("Resource cannot be deleted as it is currently protected against deletion. "
                    + "Disable deletion protection first.");
        }
        forgetExpiredStreams(nowMillis);
        TableStream streams = table.stream().enabled() ? table.stream().disabled(nowMillis) : table.stream();
        if (!streams.readableClosed(nowMillis).isEmpty()) {
            catalog.retire(table.withStream(streams).withStatus(TableStatus.DELETING));
        }
        TableDefinition deleting = table.withStatus(TableStatus.DELETING);
        catalog.put(deleting);
        startDrop(deleting);
        return deleting;
    }

    /** Tombstones the deleted tables whose streams can no longer be read. */
    private void forgetExpiredStreams(long nowMillis) {
        for (TableDefinition t : catalog.retired()) {
            if (t.stream().readableClosed(nowMillis).isEmpty()) {
                catalog.forgetRetired(t.tableId());
            }
        }
    }

    /** Appends the purges at once (the DELETING definition is in the catalog) and ends the drop when they are in. */
    private synchronized void startDrop(TableDefinition deleting) {
        // Durable is enough: the table's id goes with it, so nothing can read or write what the
        // purges remove (no read waits for them either), and each partition's processor applies
        // its purge exactly once, later.
        List<CompletableFuture<CommandResult>> purges = new ArrayList<>();
        for (int p = 0; p < deleting.partitions(); p++) {
            purges.add(writer.appendUnobserved(p, new byte[0], writer.newCommand(deleting).setBody(new PurgeTable()).build()));
        }
        CompletableFuture<Void> purged = CompletableFuture.allOf(purges.toArray(CompletableFuture[]::new));
        drops.put(deleting.tableId(), new Drop(deleting.name(), purged));
        background.submit(() -> drop(deleting, purged));
    }

    /**
     * Applies a change to an ACTIVE table's definition and records it as UPDATING; it becomes
     * ACTIVE again once the change is in effect. Returns the UPDATING definition, once the change
     * is in effect or a few seconds have passed, except for a new global index, whose backfill runs
     * online.
     */
    public TableDefinition update(String name, UnaryOperator<TableDefinition> change) {
        Transition t = startUpdate(name, change);
        boolean backfills = t.answer().indexes().all().stream()
                .anyMatch(i -> i.isGlobal() && i.status() == IndexStatus.CREATING);
        if (!backfills) {
            // A new global index is backfilled online: its CREATING phase is for clients to see.
            awaitBriefly(t.done());
        }
        return t.answer();
    }

    private synchronized Transition startUpdate(String name, UnaryOperator<TableDefinition> change) {
        TableDefinition table = catalog.get(name).orElseThrow(Errors::tableNotFound);
        if (table.status() != TableStatus.ACTIVE) {
            throw Errors.resourceInUse("Attempt to change a resource which is still in use: Table is being "
                    + switch (table.status()) {
                        case CREATING -> "created";
                        case DELETING -> "deleted";
                        default -> "updated";
                    } + ": " + name);
        }
        TableDefinition updating = change.apply(table).withStatus(TableStatus.UPDATING);
        // Writes go on while UPDATING, stamped from this definition: the topic must be there first.
        prepareStream(updating);
        catalog.put(updating);
        return new Transition(updating, background.submit(() -> activate(updating)));
    }

    /** Completes the transitions that a stopped node left unfinished. */
    public void resume() {
        for (TableDefinition table : catalog.all()) {
            if (table.status() == TableStatus.CREATING && table.recovery().filling()) {
                // A restore or an import is run again by its service, which knows how to fill it.
                continue;
            }
            if (table.status() == TableStatus.CREATING || table.status() == TableStatus.UPDATING) {
                background.submit(() -> activate(table));
            }
        }
        catalog.deleting().forEach(this::startDrop);
        forgetExpiredStreams(System.currentTimeMillis());
    }

    private void prepareStream(TableDefinition table) {
        if (table.stream().enabled()) {
            changeTopics.ensure(table.name());
        }
    }

    /**
     * Makes a CREATING or UPDATING table ACTIVE: its stream topic exists, every partition's log
     * defines its indexes, new global indexes are backfilled and deleted ones purged. Each step
     * can run again after a restart with the same result.
     */
    private void activate(TableDefinition table) {
        try {
            prepareStream(table);
            SecondaryIndexes indexes = table.indexes();
            boolean indexesChange = indexes.all().stream().anyMatch(i -> i.status() != IndexStatus.ACTIVE);
            if (!indexes.isEmpty() && (table.status() == TableStatus.CREATING || indexesChange)) {
                await(appendToEveryPartition(table, () -> TableIndexes.command(table, itemCollectionLimitBytes)));
            }
            for (SecondaryIndex index : indexes.all()) {
                if (index.isGlobal() && index.status() == IndexStatus.CREATING && table.status() == TableStatus.UPDATING) {
                    backfill(table, index);
                }
            }
            List<SecondaryIndex> after = new ArrayList<>();
            for (SecondaryIndex index : indexes.all()) {
                if (index.status() != IndexStatus.DELETING) {
                    after.add(index.withStatus(IndexStatus.ACTIVE, false));
                }
            }
            putKeepingSettings(table.withIndexes(new SecondaryIndexes(after)).withStatus(TableStatus.ACTIVE));
            log.info("table {} is ACTIVE", table.name());
        } catch (Exception e) {
            log.error("could not activate table {}", table.name(), e);
        }
    }

    /**
     * Records the end of a transition with the settings the catalog holds now: tags and
     * point-in-time recovery may have been changed ({@link #changeInPlace}) while the transition's
     * work ran from an older definition.
     */
    private synchronized void putKeepingSettings(TableDefinition done) {
        TableDefinition current = catalog.get(done.name())
                .filter(t -> t.tableId().equals(done.tableId()))
                .orElse(done);
        catalog.put(done.withSettings(current.settings()).withRecovery(done.recovery().withPointInTimeRecovery(
                current.recovery().pointInTimeRecovery(), current.recovery().recoveryPeriodDays())));
    }

    /**
     * Changes what takes effect at once without a status transition (point-in-time recovery),
     * under the same lock as every other change of a definition, so that neither overwrites the
     * other; {@code missing} is the error for a table that does not exist or is being deleted.
     * Returns the changed definition.
     */
    public synchronized TableDefinition changeInPlace(String name, UnaryOperator<TableDefinition> change,
                                                      Supplier<? extends RuntimeException> missing) {
        TableDefinition table = catalog.get(name).filter(t -> t.status() != TableStatus.DELETING)
                .orElseThrow(missing);
        TableDefinition changed = change.apply(table);
        if (!changed.equals(table)) {
            catalog.put(changed);
        }
        return changed;
    }

    /**
     * Changes a table's settings that take effect at once (its tags) without a status transition,
     * as DynamoDB's TagResource and UntagResource do; {@code missing} is the error for a table that
     * does not exist or is being deleted. Returns the changed definition.
     */
    public TableDefinition changeSettings(String name, UnaryOperator<TableSettings> change,
                                          Supplier<? extends RuntimeException> missing) {
        return changeInPlace(name, t -> t.withSettings(change.apply(t.settings())), missing);
    }

    /**
     * Fills a new global index from the items already in the table: each partition's log gets
     * backfill steps, one after the other, until a step reports the partition done; then the
     * index is ACTIVE once the materializer has applied what the steps produced.
     */
    private void backfill(TableDefinition table, SecondaryIndex index) throws Exception {
        long started = System.nanoTime();
        List<CompletableFuture<Long>> partitions = new ArrayList<>();
        for (int p = 0; p < table.partitions(); p++) {
            partitions.add(backfillFrom(table, index, p, null));
        }
        Map<Integer, Long> lastSteps = new HashMap<>();
        for (int p = 0; p < partitions.size(); p++) {
            lastSteps.put(p, partitions.get(p).get(BACKFILL_TIMEOUT.toMinutes(), TimeUnit.MINUTES));
        }
        long stepsDone = System.nanoTime();
        indexProgress.awaitApplied(lastSteps, BACKFILL_TIMEOUT);
        log.info("index {} of table {} backfilled in {} ms ({} ms until the last step, {} ms until applied)",
                index.name(), table.name(), (System.nanoTime() - started) / 1_000_000,
                (stepsDone - started) / 1_000_000, (System.nanoTime() - stepsDone) / 1_000_000);
    }

    /** Backfill steps of one partition from {@code afterKey}; completes with the last step's offset. */
    private CompletableFuture<Long> backfillFrom(TableDefinition table, SecondaryIndex index, int partition,
                                                 byte[] afterKey) {
        BackfillIndex step = BackfillIndex.newBuilder()
                .setIndexId(index.indexId())
                .setAfterKey(afterKey == null ? null : ByteBuffer.wrap(afterKey))
                .setMaxItems(BACKFILL_STEP_ITEMS)
                .build();
        return writer.submit(table, partition, new byte[0], writer.newCommand(table).setStream(null).setBody(step).build())
                .thenCompose(result -> result.resumeKey() == null
                        ? CompletableFuture.completedFuture(result.logOffset())
                        : backfillFrom(table, index, partition, result.resumeKey()));
    }

    private List<CompletableFuture<CommandResult>> appendToEveryPartition(TableDefinition table, Supplier<Object> body) {
        List<CompletableFuture<CommandResult>> appended = new ArrayList<>();
        for (int p = 0; p < table.partitions(); p++) {
            appended.add(writer.submit(table, p, new byte[0], writer.newCommand(table).setBody(body.get()).build()));
        }
        return appended;
    }

    private static void await(List<CompletableFuture<CommandResult>> results) throws Exception {
        CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
    }

    private void drop(TableDefinition table, CompletableFuture<Void> purged) {
        try {
            purged.get(2, TimeUnit.MINUTES);
            endDrop(table);
            log.info("table {} deleted", table.name());
        } catch (Exception e) {
            log.error("could not finish deleting table {}", table.name(), e);
        } finally {
            forgetDrop(table);
        }
    }

    /** Removes the DELETING definition, unless a new table of its name has superseded it already. */
    private synchronized void endDrop(TableDefinition table) {
        if (catalog.isDeleting(table.tableId())) {
            catalog.remove(table.name());
        }
    }

    private synchronized void forgetDrop(TableDefinition table) {
        drops.remove(table.tableId());
    }

    @Override
    public void close() {
        filling.shutdownNow();
        background.shutdownNow();
    }
}
