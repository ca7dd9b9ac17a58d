package dev.dynalog.connectors.export;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dynalog.connectors.dynamodb.operations.CreateTableOperation;
import dev.dynalog.core.encoding.ItemCodec;
import dev.dynalog.core.error.DynamoDbException;
import dev.dynalog.core.error.Errors;
import dev.dynalog.core.index.IndexKeyValidator;
import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.core.model.TableStatus;
import dev.dynalog.core.validation.KeyValidator;
import dev.dynalog.streams.ItemAddress;
import dev.dynalog.streams.catalog.TableCatalog;
import dev.dynalog.streams.catalog.TableLifecycle;
import dev.dynalog.streams.index.IndexLogProgress;
import dev.dynalog.streams.restore.RecoveryProgress;
import dev.dynalog.streams.restore.TableLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports a directory in DynamoDB's export layout (or ImportTable's DYNAMODB_JSON input) into a
 * new table, as ImportTable does: the table is CREATING until every item is in, a line that is not
 * an item of the table counts as an error and is skipped, and the items go through the command
 * log like a restore's (LoadItems), so indexes and statistics are built as for any write.
 */
public final class TableImports {
    private static final Logger log = LoggerFactory.getLogger(TableImports.class);

    private final TableCatalog catalog;
    private final TableLifecycle lifecycle;
    private final TableLoader loader;
    private final IndexLogProgress indexProgress;
    private final int partitions;
    private final Clock clock;
    private final Map<String, ImportJob> jobs = new ConcurrentHashMap<>();

    public TableImports(TableCatalog catalog, TableLifecycle lifecycle, TableLoader loader,
                        IndexLogProgress indexProgress, int partitions, Clock clock) {
        this.catalog = catalog;
        this.lifecycle = lifecycle;
        this.loader = loader;
        this.indexProgress = indexProgress;
        this.partitions = partitions;
        this.clock = clock;
    }

    /**
     * Starts importing {@code directory} into the table {@code tableName}, defined by
     * {@code createTableMembers} (CreateTable's members), or when null by the export's
     * dynalog-table.json.
     */
    public ImportJob start(Path directory, String tableName, ObjectNode createTableMembers, String tableArn) {
        if (!directory.isAbsolute()) {
            throw Errors.validation("Directory must be an absolute path on the node: " + directory);
        }
        ObjectNode members;
        try (DynamoDbExportReader reader = DynamoDbExportReader.open(directory)) {
            members = createTableMembers != null ? createTableMembers.deepCopy()
                    : reader.tableDescription().map(ObjectNode::deepCopy).orElseThrow(() -> Errors.validation(
                            "The directory holds no dynalog-table.json: give the table's KeySchema and "
                                    + "AttributeDefinitions"));
        } catch (ExportFormatException e) {
            throw Errors.validation(e.getMessage());
        } catch (IOException e) {
            throw Errors.validation("Could not read " + directory + ": " + e.getMessage());
        }
        members.put("TableName", tableName);
        if (catalog.get(tableName).isPresent()) {
            throw Errors.resourceInUse("Table already exists: " + tableName);
        }
        TableDefinition table = CreateTableOperation.definitionOf(members, partitions, clock.millis());
        table = table.withRecovery(table.recovery().withImportSource(directory.toString()));
        return run(table, directory, tableArn);
    }

    /** Runs again the imports that a stopped node left unfinished. */
    public void resume(Function<String, String> tableArns) {
        for (TableDefinition table : catalog.all()) {
            if (table.status() == TableStatus.CREATING && table.recovery().importSource() != null) {
                log.info("resuming the import of {} into {}", table.recovery().importSource(), table.name());
                run(table, Path.of(table.recovery().importSource()), tableArns.apply(table.name()));
            }
        }
    }

    private ImportJob run(TableDefinition table, Path directory, String tableArn) {
        String id = UUID.randomUUID().toString().replace("-", "");
        ImportJob job = new ImportJob(id, tableArn + "/import/" + id, table, directory);
        jobs.put(id, job);
        lifecycle.createFilled(table, TableLifecycle.Filler.of(creating -> load(job, creating), job::completed,
                job::failed));
        return job;
    }

    private void load(ImportJob job, TableDefinition table) throws Exception {
        RecoveryProgress progress = new RecoveryProgress();
        TableLoader.Session session = loader.start(table, progress);
        try (DynamoDbExportReader reader = DynamoDbExportReader.open(job.directory())) {
            reader.summary().ifPresent(s -> progress.loading(s.itemCount()));
            while (true) {
                Map<String, AttributeValue> item;
                try {
                    if (!reader.hasNext()) {
                        break;
                    }
                    item = reader.next();
                } catch (ExportFormatException e) {
                    if (e.line() == 0) {
                        throw e;
                    }
                    log.warn("import {}: {}", job.id(), e.getMessage());
                    job.processed(false);
                    continue;
                }
                try {
                    KeyValidator.validateItem(table.keySchema(), item);
                    IndexKeyValidator.validatePut(table.indexes(), item);
                } catch (DynamoDbException e) {
                    log.warn("import {}: {} is not an item of {}: {}", job.id(), reader.position(), table.name(),
                            e.getMessage());
                    job.processed(false);
                    continue;
                }
                ItemAddress address = ItemAddress.of(table, item);
                session.add(address.partition(), address.primaryKey(), ItemCodec.encode(item));
                job.processed(true);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        Map<Integer, Long> lastOffsets = session.finish();
        if (!table.indexes().globals().isEmpty() && !lastOffsets.isEmpty()) {
            indexProgress.awaitApplied(lastOffsets, Duration.ofMinutes(30));
        }
        log.info("imported {} items into {} ({} errors)", job.importedItems(), table.name(), job.errorCount());
    }

    public Optional<ImportJob> find(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

}
