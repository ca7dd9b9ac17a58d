package dev.dynalog.streams.write;

import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.core.model.TableStatus;
import dev.dynalog.schemas.command.RecordDigest;
import dev.dynalog.streams.catalog.TableCatalog;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends a RecordDigest to each partition of the command log at intervals, naming the tables
 * that exist, so that the partition's processor records their digests in the log; a partition
 * that this node wrote nothing to since its last digest gets none (its state has not changed, as
 * far as this node knows). A restore checks its replay against these digests.
 */
public final class DigestTicker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DigestTicker.class);
    private static final byte[] KEY = new byte[0];

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dynalog-digests");
        t.setDaemon(true);
        return t;
    });
    private final CommandWriter writer;
    private final TableCatalog catalog;
    private final long[] appendedAtLastDigest;

    public DigestTicker(CommandWriter writer, TableCatalog catalog, int partitions, Duration interval) {
        this.writer = writer;
        this.catalog = catalog;
        this.appendedAtLastDigest = new long[partitions];
        timer.scheduleWithFixedDelay(this::tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void tick() {
        List<String> tables = catalog.all().stream()
                .filter(t -> t.status() != TableStatus.DELETING)
                .map(TableDefinition::tableId)
                .sorted()
                .toList();
        if (tables.isEmpty()) {
            return;
        }
        for (int p = 0; p < appendedAtLastDigest.length; p++) {
            long appended = writer.appended(p);
            if (appended == appendedAtLastDigest[p]) {
                continue;
            }
            try {
                // No read observes a digest request (it changes no item), so no read waits for it:
                // an eventual read through this node may still be answered by a standby that has
                // not got this far in the log (ItemReader).
                writer.appendUnobserved(p, KEY, writer.newStep().setBody(new RecordDigest(tables)).build()).join();
                appendedAtLastDigest[p] = writer.appended(p);
            } catch (RuntimeException e) {
                log.debug("could not append a digest request to partition {}", p, e);
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
