package dev.dynalog.streams.write;

import dev.dynalog.schemas.command.Command;
import dev.dynalog.schemas.command.CommandCodec;
import dev.dynalog.schemas.command.DeleteItem;
import dev.dynalog.schemas.command.ExpireItem;
import dev.dynalog.schemas.command.PutItem;
import dev.dynalog.schemas.command.UpdateItem;
import dev.dynalog.schemas.command.WriteBatch;
import dev.dynalog.streams.processor.TransactionCommands;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.producer.Callback;

/**
 * Appends the front door's commands to the command log in rounds: a round sends everything that
 * waits, and the next round starts once every record of the previous one is acknowledged. In a
 * round, single-item writes for the same partition that waited together go out as one
 * {@link WriteBatch} record: the broker, the processor's fetch and Kafka Streams' per-record work
 * are then paid once for all of them. A write on an idle node goes out at once, as a record of its
 * own, so batching never adds a wait; the batch is as large as the load makes it.
 *
 * <p>One round for all partitions, not one per partition: a round's records then share one
 * produce request and reach the processors' fetch together, where partitions each on their own
 * schedule made more requests and fetches than writes saved (bench/NOTES.md).
 *
 * <p>Within a partition the order of submission is the order in the log, batched or not: the
 * front door's gate for transactions ({@code TransactionActivity}) relies on a write answered as
 * durable reaching the log before a prepare submitted after it.
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

    /** Sends one record to a partition of the command log. */
    @FunctionalInterface
    interface Sender {
        void send(int partition, byte[] key, byte[] value, Callback callback);
    }

    private record Entry(int partition, byte[] key, byte[] encoded, boolean batchable, Callback callback) {
    }

    private static final byte[] NO_KEY = new byte[0];

    private final Sender sender;
    private final ArrayDeque<Entry> waiting = new ArrayDeque<>();
    private boolean inFlight;
    private final LongAdder recordsSent = new LongAdder();

    GroupCommit(Sender sender) {
        this.sender = sender;
    }

    /**
     * Whether the command may share a record with others: only single-item writes may, a Time to
     * Live expiry among them (a sweep appends many at once).
     */
    static boolean batchable(Command command) {
        Object body = command.getBody();
        return body instanceof PutItem || body instanceof DeleteItem || body instanceof UpdateItem
                || body instanceof ExpireItem;
    }

    /**
     * Appends the command to the partition after everything submitted to it before; {@code
     * callback} gets the metadata of the record that holds it.
     */
    void append(int partition, byte[] key, Command command, Callback callback) {
        Entry entry;
        try {
            entry = new Entry(partition, key, CommandCodec.encode(command), batchable(command), callback);
        } catch (RuntimeException e) {
            callback.onCompletion(null, e);
            return;
        }
        synchronized (this) {
            waiting.add(entry);
            if (inFlight) {
                return;
            }
            inFlight = true;
        }
        sendRound();
    }

    /** How many records the appends have made (fewer than commands by the writes that were batched). */
    long records() {
        return recordsSent.sum();
    }

    /** Sends what waits, grouped, and once every record of it is acknowledged, what waits then. */
    private void sendRound() {
        List<List<Entry>> records;
        synchronized (this) {
            if (waiting.isEmpty()) {
                inFlight = false;
                return;
            }
            records = group(waiting);
            waiting.clear();
        }
        AtomicInteger unacknowledged = new AtomicInteger(records.size());
        for (List<Entry> record : records) {
            Callback done = (metadata, error) -> {
                for (Entry e : record) {
                    e.callback().onCompletion(metadata, error);
                }
                if (unacknowledged.decrementAndGet() == 0) {
                    sendRound();
                }
            };
            Entry first = record.get(0);
            recordsSent.increment();
            try {
                if (record.size() == 1) {
                    sender.send(first.partition(), first.key(), first.encoded(), done);
                } else {
                    sender.send(first.partition(), NO_KEY, batch(record), done);
                }
            } catch (RuntimeException e) {
                done.onCompletion(null, e);
            }
        }
    }

    /**
     * The records of a round, in an order that keeps each partition's order: per partition, a run of
     * writes within the bounds shares a record, and anything else has one of its own.
     */
    private static List<List<Entry>> group(Iterable<Entry> entries) {
        List<List<Entry>> records = new ArrayList<>();
        Map<Integer, OpenBatch> open = new HashMap<>();
        for (Entry e : entries) {
            OpenBatch batch = open.get(e.partition());
            if (e.batchable() && batch != null && batch.fits(e)) {
                batch.add(e);
                continue;
            }
            List<Entry> record = new ArrayList<>();
            records.add(record);
            if (e.batchable()) {
                OpenBatch started = new OpenBatch(record);
                started.add(e);
                open.put(e.partition(), started);
            } else {
                record.add(e);
                open.remove(e.partition());
            }
        }
        return records;
    }

    /** A partition's record of the round that later writes may still join. */
    private static final class OpenBatch {
        private final List<Entry> writes;
        private long bytes;

        OpenBatch(List<Entry> writes) {
            this.writes = writes;
        }

        boolean fits(Entry e) {
            return writes.size() < MAX_WRITES && bytes + e.encoded().length <= MAX_BYTES;
        }

        void add(Entry e) {
            writes.add(e);
            bytes += e.encoded().length;
        }
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
