package dev.dynalog.streams.catalog;

import dev.dynalog.core.error.Errors;
import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.core.model.TableStatus;
import dev.dynalog.schemas.command.PurgeTable;
import dev.dynalog.streams.changes.ChangeTopics;
import dev.dynalog.streams.write.CommandWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and deletes tables at run time, as DynamoDB does: the request returns at once with
 * status CREATING or DELETING, and the work finishes in the background.
 *
 * <ul>
 *   <li>Create: the definition goes to the catalog as CREATING, then ACTIVE once the table's own
 *   resources exist. Its commands share the cluster's command log, so no topic or rebalance is
 *   needed for them.</li>
 *   <li>Delete: the definition becomes DELETING (no more reads or writes); a purge command goes
 *   through every partition of the log, so the items leave the state the way every change does;
 *   then the definition is removed.</li>
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

    private final TableCatalog catalog;
    private final CommandWriter writer;
    private final ChangeTopics changeTopics;
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "dynalog-table-lifecycle");
        t.setDaemon(true);
        return t;
    });

    public TableLifecycle(TableCatalog catalog, CommandWriter writer, ChangeTopics changeTopics) {
        this.catalog = catalog;
        this.writer = writer;
        this.changeTopics = changeTopics;
    }

    /** Records the table as CREATING and starts making it ACTIVE. */
    public synchronized TableDefinition create(TableDefinition table) {
        if (catalog.get(table.name()).isPresent()) {
            throw Errors.resourceInUse("Table already exists: " + table.name());
        }
        TableDefinition creating = table.withStatus(TableStatus.CREATING);
        catalog.put(creating);
        background.submit(() -> activate(creating));
        return creating;
    }

    /** Records the table as DELETING and starts removing it; returns the DELETING definition. */
    public synchronized TableDefinition delete(String name) {
        TableDefinition table = catalog.get(name).orElseThrow(Errors::tableNotFound);
        switch (table.status()) {
            case DELETING -> throw Errors.resourceNotFound("Requested resource not found: Table: " + name + " not found");
            case CREATING, UPDATING -> throw Errors.resourceInUse(
                    "Attempt to change a resource which is still in use: Table is being "
                            + (table.status() == TableStatus.CREATING ? "created" : "updated") + ": " + name);
            default -> {
            }
        }
        TableDefinition deleting = table.withStatus(TableStatus.DELETING);
        catalog.put(deleting);
        background.submit(() -> drop(deleting));
        return deleting;
    }

    /**
     * Applies a change to an ACTIVE table's definition and records it as UPDATING; it becomes
     * ACTIVE again once the change is in effect. Returns the UPDATING definition.
     */
    public synchronized TableDefinition update(String name, UnaryOperator<TableDefinition> change) {
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
        background.submit(() -> activate(updating));
        return updating;
    }

    /** Completes the transitions that a stopped node left unfinished. */
    public void resume() {
        for (TableDefinition table : catalog.all()) {
            if (table.status() == TableStatus.CREATING || table.status() == TableStatus.UPDATING) {
                background.submit(() -> activate(table));
            } else if (table.status() == TableStatus.DELETING) {
                background.submit(() -> drop(table));
            }
        }
    }

    private void prepareStream(TableDefinition table) {
        if (table.stream().enabled()) {
            changeTopics.ensure(table.name());
        }
    }

    private void activate(TableDefinition table) {
        try {
            prepareStream(table);
            catalog.put(table.withStatus(TableStatus.ACTIVE));
            log.info("table {} is ACTIVE", table.name());
        } catch (RuntimeException e) {
            log.error("could not activate table {}", table.name(), e);
        }
    }

    private void drop(TableDefinition table) {
        try {
            List<CompletableFuture<?>> purges = new ArrayList<>();
            for (int p = 0; p < table.partitions(); p++) {
                purges.add(writer.submit(table, p, new byte[0],
                        writer.newCommand(table).setBody(new PurgeTable()).build()));
            }
            CompletableFuture.allOf(purges.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
            catalog.remove(table.name());
            log.info("table {} deleted", table.name());
        } catch (Exception e) {
            log.error("could not finish deleting table {}", table.name(), e);
        }
    }

    @Override
    public void close() {
        background.shutdownNow();
    }
}
