package dev.dynalog.connectors.export;

import dev.dynalog.core.model.TableDefinition;
import java.nio.file.Path;

/** One export of a table at a cut into a directory; read while it runs (DescribeExport). */
public final class ExportJob extends TransferJob {
    private volatile long exportTimeMillis = -1;
    private volatile long itemCount;
    private volatile long billedSizeBytes;
    private volatile String manifest;

    ExportJob(String id, String arn, TableDefinition table, Path directory) {
        super(id, arn, table, directory);
    }

    void exportTime(long millis) {
        exportTimeMillis = millis;
    }

    void completed(long items, long bytes, String manifestKey) {
        itemCount = items;
        billedSizeBytes = bytes;
        manifest = manifestKey;
        completed();
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
}
