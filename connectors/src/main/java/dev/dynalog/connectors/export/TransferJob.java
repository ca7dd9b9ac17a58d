package dev.dynalog.connectors.export;

import dev.dynalog.core.model.TableDefinition;
import java.nio.file.Path;

/** What an export and an import have in common: a table, a directory, a status, a start and an end. */
public abstract class TransferJob {
    public enum Status { IN_PROGRESS, COMPLETED, FAILED }

    private final String id;
    private final String arn;
    private final TableDefinition table;
    private final Path directory;
    private final long startMillis = System.currentTimeMillis();
    private volatile Status status = Status.IN_PROGRESS;
    private volatile long endMillis = -1;
    private volatile String failure;

    TransferJob(String id, String arn, TableDefinition table, Path directory) {
        this.id = id;
        this.arn = arn;
        this.table = table;
        this.directory = directory;
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

    /** -1 while running. */
    public long endMillis() {
        return endMillis;
    }

    /** Null unless FAILED. */
    public String failure() {
        return failure;
    }
}
