package dev.dynalog.streams.write;

import dev.dynalog.schemas.command.Command;
import dev.dynalog.schemas.command.CommandCodec;
import dev.dynalog.schemas.command.DeleteItem;
import dev.dynalog.schemas.command.PutItem;
import dev.dynalog.schemas.command.UpdateItem;
import dev.dynalog.schemas.command.WriteBatch;
import dev.dynalog.streams.processor.TransactionCommands;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.producer.Callback;

/**
 * Appends one log partition's commands in the order they were submitted, one append at a time:
 * the next goes out once the previous is acknowledged and the partition's processor has come
 * close enough to it (see {@link Gate}). What is submitted meanwhile waits, and single-item writes
 * that waited together go out as one {@link WriteBatch} record: the broker, the processor's fetch
 * and Kafka Streams' per-record work are then paid once for all of them. A write to an idle
 * partition goes out at once, as a record of its own, so batching never adds a wait; the batch is
 * as large as the load makes it.
 *
 * <p>Waiting for the processor as well as for the broker is what makes batches under load: an
 * acknowledgement takes a millisecond or two, while a processor that falls behind would otherwise
 * be handed many small records, each costing it as much as a large one. A write held here is
 * not yet acknowledged, so nothing waits longer than it would behind a busy processor anyway.
 *
 * <p>The order of submission is the order in the log, batched or not: the front door's gate for
 * transactions ({@code TransactionActivity}) relies on a write answered as durable reaching the
 * log before a prepare submitted after it.
 */
final class GroupCommit {
    /**
     * At most this many writes in one record. A command may number up to 1,000 change records (see
     * SequenceNumbers) and a batch's writes share its offset: each write makes at most one, and
     * the bound leaves the rest for what a command may also complete (an overdue share).
     */
    static final int MAX_WRITES = 64;
    /** At most this many bytes of writes in one record, unless one write alone is larger. */
    static final int MAX_BYTES = 1024 * 1024;

    /** Sends one record to the partition. */
    @FunctionalInterface
    interface Sender {
        void send(byte[] key, byte[] value, Callback callback);
    }

    /** When the next append may go, given the offset of the last one acknowledged. */
    @FunctionalInterface
    interface Gate {
        CompletionStage<?> whenMaySend(long lastOffset);

        Gate OPEN = lastOffset -> CompletableFuture.completedFuture(null);
    }

    private record Entry(byte[] key, byte[] encoded, boolean batchable, Callback callback) {
    }

    private static final byte[] NO_KEY = new byte[0];

    private final Sender sender;
    private final Gate gate;
    private final ArrayDeque<Entry> waiting = new ArrayDeque<>();
    private boolean inFlight;
    private final LongAdder recordsSent = new LongAdder();

    GroupCommit(Sender sender, Gate gate) {
        this.sender = sender;
        this.gate = gate;
    }

    /** Whether the command may share a record with others: only single-item writes may. */
    static boolean batchable(Command command) {
        Object body = command.getBody();
        return body instanceof PutItem || body instanceof DeleteItem || body instanceof UpdateItem;
    }

    /**
     * Appends the command after everything submitted before it; {@code callback} gets the
     * metadata of the record that holds it.
     */
    void append(byte[] key, Command command, Callback callback) {
        Entry entry = new Entry(key, CommandCodec.encode(command), batchable(command), callback);
        synchronized (this) {
            waiting.add(entry);
            if (inFlight) {
                return;
            }
            inFlight = true;
        }
        sendWaiting();
    }

    /** Sends what waits, grouped, and once every record of it is acknowledged, what waits then. */
    private void sendWaiting() {
        List<List<Entry>> records = new ArrayList<>();
        synchronized (this) {
            if (waiting.isEmpty()) {
                inFlight = false;
                return;
            }
            while (!waiting.isEmpty()) {
                records.add(nextRecord());
            }
        }
        AtomicInteger unacknowledged = new AtomicInteger(records.size());
        AtomicLong lastOffset = new AtomicLong(-1);
        for (List<Entry> record : records) {
            Callback done = (metadata, error) -> {
                for (Entry e : record) {
                    e.callback().onCompletion(metadata, error);
                }
                if (metadata != null) {
                    lastOffset.accumulateAndGet(metadata.offset(), Math::max);
                }
                if (unacknowledged.decrementAndGet() == 0) {
                    if (lastOffset.get() < 0) {
                        sendWaiting();
                    } else {
                        gate.whenMaySend(lastOffset.get()).whenComplete((ignored, e) -> sendWaiting());
                    }
                }
            };
            Entry first = record.get(0);
            recordsSent.increment();
            try {
                if (record.size() == 1) {
                    sender.send(first.key(), first.encoded(), done);
                } else {
                    sender.send(NO_KEY, batch(record), done);
                }
            } catch (RuntimeException e) {
                done.onCompletion(null, e);
            }
        }
    }

    /** How many records this partition's appends have made (fewer than commands when writes were batched). */
    long records() {
        return recordsSent.sum();
    }

    /** Takes the next record's entries off the queue: one command, or a run of writes within the bounds. */
    private List<Entry> nextRecord() {
        Entry head = waiting.poll();
        List<Entry> record = new ArrayList<>();
        record.add(head);
        if (!head.batchable()) {
            return record;
        }
        long bytes = head.encoded().length;
        while (record.size() < MAX_WRITES && !waiting.isEmpty() && waiting.peek().batchable()
                && bytes + waiting.peek().encoded().length <= MAX_BYTES) {
            Entry next = waiting.poll();
            bytes += next.encoded().length;
            record.add(next);
        }
        return record;
    }

    private static byte[] batch(List<Entry> writes) {
        List<ByteBuffer> commands = new ArrayList<>(writes.size());
        for (Entry w : writes) {
            commands.add(ByteBuffer.wrap(w.encoded()));
        }
        return CommandCodec.encode(Command.newBuilder()
                .setRequestId("")
                .setOrigin("")
                .setTableId(TransactionCommands.NO_TABLE)
                .setBody(new WriteBatch(commands))
                .setStream(null)
                .build());
    }
}
