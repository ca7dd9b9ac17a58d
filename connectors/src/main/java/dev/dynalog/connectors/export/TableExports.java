package dev.dynalog.connectors.export;

import dev.dynalog.core.encoding.ItemCodec;
import dev.dynalog.core.error.Errors;
import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.streams.restore.LogCut;
import dev.dynalog.streams.restore.PartitionCut;
import dev.dynalog.streams.restore.RecoveryProgress;
import dev.dynalog.streams.restore.Restores;
import dev.dynalog.streams.restore.TableReplay;
import dev.dynalog.streams.state.ItemStoreKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exports a table as it was at a point of its log into DynamoDB's export layout: the items come
 * from a replay of the command log to the cut (as a restore's do), so an export is a consistent
 * cut, not a scan racing the writers.
 */
public final class TableExports implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TableExports.class);

    private final Restores restores;
    private final Clock clock;
    private final Map<String, ExportJob> jobs = new ConcurrentHashMap<>();
    private final ExecutorService running = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "dynalog-export");
        t.setDaemon(true);
        return t;
    });

    public TableExports(Restores restores, Clock clock) {
        this.restores = restores;
        this.clock = clock;
    }

    /**
     * Starts exporting {@code table} as it was at {@code exportTimeMillis} (null: now) into
     * {@code directory}, which stands for the S3 bucket of DynamoDB's exports.
     */
    public ExportJob start(TableDefinition table, String tableArn, Long exportTimeMillis, Path directory) {
        if (!directory.isAbsolute()) {
            throw Errors.validation("Directory must be an absolute path on the node: " + directory);
        }
        Instant now = clock.instant();
        LogCut cut = restores.cut(table, exportTimeMillis == null ? new Restores.CutRequest.Latest()
                : new Restores.CutRequest.AtTime(exportTimeMillis));
        String id = ExportLayout.newExportId(now);
        ExportJob job = new ExportJob(id, tableArn + "/export/" + id, table, directory);
        jobs.put(id, job);
        running.submit(() -> {
            try {
                export(job, cut, tableArn, now);
            } catch (Throwable e) {
                log.error("the export {} of {} failed", id, table.name(), e);
                job.failed(e);
            }
        });
        return job;
    }

    private void export(ExportJob job, LogCut cut, String tableArn, Instant started) throws Exception {
        TableDefinition table = job.table();
        try (TableReplay replay = restores.replay(table, cut, new RecoveryProgress(), "export-" + job.id())) {
            long exportTime = replay.newestLogTime() >= 0 ? replay.newestLogTime() : started.toEpochMilli();
            job.exportTime(exportTime);
            ExportMetadata metadata = new ExportMetadata(job.arn(), tableArn, table.tableId(), started,
                    Instant.ofEpochMilli(exportTime), CreateTableMembers.of(table));
            try (DynamoDbExportWriter writer = DynamoDbExportWriter.open(job.directory(), job.id(), metadata)) {
                byte[] tableId = ItemStoreKeys.tableIdBytes(table.tableId());
                for (PartitionCut p : cut.partitions()) {
                    replay.items(p.partition()).scan(ItemStoreKeys.allItems(tableId), false, stored -> {
                        try {
                            writer.write(ItemCodec.decode(stored.value()));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        return true;
                    });
                }
                ExportManifest.Summary summary = writer.finish(clock.instant());
                job.completed(summary.itemCount(), summary.billedSizeBytes(), writer.layout().manifestSummaryKey());
                log.info("exported {} items of {} at {} into {}", summary.itemCount(), table.name(), exportTime,
                        writer.layout().directory());
            }
        }
    }

    public Optional<ExportJob> find(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    @Override
    public void close() {
        running.shutdownNow();
    }
}
