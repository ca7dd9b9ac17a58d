package dev.dynalog.connectors.export;

import dev.dynalog.core.model.TableDefinition;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/** One import of a directory into a new table; read while it runs (DescribeImport). */
public final class ImportJob {
    public enum Status { IN_PROGRESS, COMPLETED, FAILED }

    private final String id;
    private final String arn;
    private final TableDefinition table;
    private final Path directory;
    private final long startMillis = System.currentTimeMillis();
    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong imported = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private volatile Status status = Status.IN_PROGRESS;
    private volatile long endMillis = -1;
    private volatile String failure;

    ImportJob(String id, String arn, TableDefinition table, Path directory) {
        this.id = id;
        this.arn = arn;
        this.table = table;
        this.directory = directory;
    }

    void processed(boolean importedIt) {
        processed.incrementAndGet();
        (importedIt ? imported : errors).incrementAndGet();
    }

    void completed() {
        endMillis = System.currentTimeMillis();
        status = Status.COMPLETED;
    }

    void failed(Throwable error) {
        failure = error.getMessage() == null ? error.toString() : error.getMessage();
        endMillis = System.currentTimeMillis();
        status = Status.FAILED;
    }

    public String id() {
        return id;
    }

    public String arn() {
        return arn;
    }

    public TableDefinition table() {
        return table;
    }

    public Path directory() {
        return directory;
    }

    public Status status() {
        return status;
    }

    public long startMillis() {
        return startMillis;
    }

    public long endMillis() {
        return endMillis;
    }

    public long processedItems() {
        return processed.get();
    }

    public long importedItems() {
        return imported.get();
    }

    /** Lines that were not items of the table (bad JSON, a missing or mistyped key, an item over 400 KB). */
    public long errorCount() {
        return errors.get();
    }

    public String failure() {
        return failure;
    }
}
