package dev.dynalog.streams.restore;

import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.schemas.command.LoadItems;
import dev.dynalog.schemas.command.LoadedItem;
import dev.dynalog.streams.processor.CommandResult;
import dev.dynalog.streams.write.CommandWriter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Writes items into a table that is being created from elsewhere (restored or imported) through
 * the command log, as LoadItems commands of up to {@value #MAX_ITEMS} items or
 * {@value #MAX_BYTES} bytes per partition, so the target's partitions, local and global indexes
 * and statistics are built by the same processors and appliers as any write's.
 */
public final class TableLoader {
    static final int MAX_ITEMS = 500;
    static final int MAX_BYTES = 1024 * 1024;
    /** Commands in flight at once: enough to keep the processors busy, few enough not to crowd out clients. */
    private static final int IN_FLIGHT = 8;

    private final CommandWriter writer;

    public TableLoader(CommandWriter writer) {
        this.writer = writer;
    }

    /** A load of one table; not thread-safe. */
    public Session start(TableDefinition target, RecoveryProgress progress) {
        return new Session(target, progress);
    }

    public final class Session {
        private final TableDefinition target;
        private final RecoveryProgress progress;
        private final Map<Integer, List<LoadedItem>> batches = new HashMap<>();
        private final Map<Integer, Long> batchBytes = new HashMap<>();
        private final Map<Integer, Long> lastOffsets = new HashMap<>();
        private final List<CompletableFuture<CommandResult>> inFlight = new ArrayList<>();
        private final Semaphore permits = new Semaphore(IN_FLIGHT);
        private volatile Throwable failure;
        private long firstAppliedNanos = -1;

        private Session(TableDefinition target, RecoveryProgress progress) {
            this.target = target;
            this.progress = progress;
        }

        /** Adds an item of the given partition (encoded primary key, ItemCodec item). */
        public void add(int partition, byte[] key, byte[] item) throws InterruptedException {
            List<LoadedItem> batch = batches.computeIfAbsent(partition, p -> new ArrayList<>());
            long bytes = batchBytes.getOrDefault(partition, 0L) + key.length + item.length;
            if (!batch.isEmpty() && (batch.size() >= MAX_ITEMS || bytes > MAX_BYTES)) {
                send(partition);
                batch = batches.computeIfAbsent(partition, p -> new ArrayList<>());
                bytes = key.length + item.length;
            }
            batch.add(new LoadedItem(ByteBuffer.wrap(key), ByteBuffer.wrap(item)));
            batchBytes.put(partition, bytes);
        }

        /**
         * Sends what is left and waits until every item is applied; returns, per partition, the
         * offset of its last load command (for waiting on the global indexes).
         */
        public Map<Integer, Long> finish() throws InterruptedException, ExecutionException, TimeoutException {
            for (Integer partition : new ArrayList<>(batches.keySet())) {
                send(partition);
            }
            CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
            if (failure != null) {
                throw new ExecutionException("loading " + target.name() + " failed", failure);
            }
            synchronized (lastOffsets) {
                return Map.copyOf(lastOffsets);
            }
        }

        /** When the first loaded item was applied (System.nanoTime), or -1. */
        public long firstAppliedNanos() {
            synchronized (lastOffsets) {
                return firstAppliedNanos;
            }
        }

        private void send(int partition) throws InterruptedException {
            List<LoadedItem> batch = batches.remove(partition);
            batchBytes.remove(partition);
            if (batch == null || batch.isEmpty()) {
                return;
            }
            if (failure != null) {
                throw new IllegalStateException("loading " + target.name() + " failed", failure);
            }
            permits.acquire();
            CompletableFuture<CommandResult> applied = writer.submit(target, partition, new byte[0],
                    writer.newCommand(target).setStream(null).setBody(new LoadItems(batch)).build());
            int count = batch.size();
            inFlight.add(applied.whenComplete((result, error) -> {
                permits.release();
                if (error != null) {
                    failure = error;
                    return;
                }
                synchronized (lastOffsets) {
                    lastOffsets.merge(partition, result.logOffset(), Math::max);
                    if (firstAppliedNanos < 0) {
                        firstAppliedNanos = System.nanoTime();
                    }
                }
                progress.loaded(count);
            }));
            inFlight.removeIf(CompletableFuture::isDone);
        }
    }
}
