package dev.dynalog.connectors.export;

import dev.dynalog.core.model.TableDefinition;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/** One import of a directory into a new table; read while it runs (DescribeImport). */
public final class ImportJob extends TransferJob {
    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong imported = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();

    ImportJob(String id, String arn, TableDefinition table, Path directory) {
        super(id, arn, table, directory);
    }

    void processed(boolean importedIt) {
        processed.incrementAndGet();
        (importedIt ? imported : errors).incrementAndGet();
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
}
