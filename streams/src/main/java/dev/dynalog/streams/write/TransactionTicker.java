package dev.dynalog.streams.write;

import dev.dynalog.schemas.command.TransactionTick;
import dev.dynalog.streams.transaction.TransactionActivity;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends a tick to each partition that holds prepared transactions, once a second. Timeouts are
 * decided in log time, which advances only with the log's records: without ticks the locks of a
 * transaction whose front door crashed would last until some client wrote to the partition again.
 */
public final class TransactionTicker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TransactionTicker.class);
    private static final byte[] KEY = new byte[0];

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dynalog-transaction-ticks");
        t.setDaemon(true);
        return t;
    });

    public TransactionTicker(CommandWriter writer, TransactionActivity activity, int partitions, Duration interval) {
        timer.scheduleWithFixedDelay(() -> {
            for (int p = 0; p < partitions; p++) {
                if (activity.hasPreparedShares(p) && activity.isKnown(p)) {
                    try {
                        writer.appendDurable(p, KEY, writer.newStep().setBody(new TransactionTick()).build());
                    } catch (RuntimeException e) {
                        log.debug("could not append a tick to partition {}", p, e);
                    }
                }
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
