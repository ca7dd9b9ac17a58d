package dev.dynalog.connectors.export;

import dev.dynalog.core.model.TableDefinition;
import java.nio.file.Path;

/** One export of a table at a cut into a directory; read while it runs (DescribeExport). */
public final class ExportJob {
    public enum Status { IN_PROGRESS, COMPLETED, FAILED }

    private final String id;
    private final String arn;
    private final TableDefinition table;
    private final Path directory;
    private final long startMillis = System.currentTimeMillis();
    private volatile Status status = Status.IN_PROGRESS;
    private volatile long endMillis = -1;
    private volatile long exportTimeMillis = -1;
    private volatile long itemCount;
    private volatile long billedSizeBytes;
    private volatile String manifest;
    private volatile String failure;

    ExportJob(String id, String arn, TableDefinition table, Path directory) {
        this.id = id;
        this.arn = arn;
        this.table = table;
        this.directory = directory;
    }

    void exportTime(long millis) {
        exportTimeMillis = millis;
    }

    void completed(long items, long bytes, String manifestKey) {
        itemCount = items;
        billedSizeBytes = bytes;
        manifest = manifestKey;
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

    /** -1 while running. */
    public long endMillis() {
        return endMillis;
    }

    /** The log time of the cut exported; -1 until known. */
    public long exportTimeMillis() {
        return exportTimeMillis;
    }

    public long itemCount() {
        return itemCount;
    }

    public long billedSizeBytes() {
        return billedSizeBytes;
    }

    /** The manifest summary's key under the directory, once completed. */
    public String manifest() {
        return manifest;
    }

    public String failure() {
        return failure;
    }
}
