package dev.dynalog.streams.query;

import dev.dynalog.core.error.DynamoDbException;
import dev.dynalog.core.error.Errors;
import dev.dynalog.streams.state.ItemState;
import dev.dynalog.streams.state.KeyRange;
import dev.dynalog.streams.state.TableStats;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads of partitions whose tasks run on another node, sent there ({@code POST /internal/read})
 * with the read barrier's target offset, so that the owner waits for every write this node
 * acknowledged (for a strong read, every write in the log when the read began) before it reads.
 *
 * <p>Wire format (DataOutput). Request: kind code (byte), partition (int), target offset (long,
 * -1 for none), then the kind's arguments: byte strings as length and bytes (-1 for null),
 * booleans as bytes. Answer: status byte ({@link #OK}, {@link #MOVED}: the node does not run the
 * task; {@link #FAILED}: a DynamoDB error, its type, status and message follow), then the
 * kind's result. A scan is answered in chunks of at most {@value #CHUNK_ITEMS} items or
 * {@value #CHUNK_BYTES} bytes, with a flag saying whether the range may hold more; the next chunk
 * starts after the last key.
 */
public final class ForwardedReads {
    static final byte OK = 0;
    static final byte MOVED = 1;
    static final byte FAILED = 2;
    static final int CHUNK_ITEMS = 10_000;
    static final int CHUNK_BYTES = 4 * 1024 * 1024;

    /** Request kinds; the codes are the wire format and never change. */
    enum Kind {
        ITEM(1), LOCK_HOLDER(2), SCAN(3), STATS(4), LOCAL_INDEX_STATS(5), GLOBAL_INDEX_STATS(6),
        SCAN_GLOBAL_INDEX(7), AWAIT(8), TRANSACTION_VERSION(9), HELD_ITEMS(10);

        final byte code;

        Kind(int code) {
            this.code = (byte) code;
        }

        static Kind of(byte code) {
            for (Kind k : values()) {
                if (k.code == code) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown read kind " + code);
        }

        boolean onIndexLog() {
            return this == GLOBAL_INDEX_STATS || this == SCAN_GLOBAL_INDEX;
        }
    }

    private final ReadTransport transport;

    public ForwardedReads(ReadTransport transport) {
        this.transport = transport;
    }

    public byte[] item(URI node, int partition, long target, byte[] tableId, byte[] primaryKey) {
        return answer(node, request(Kind.ITEM, partition, target, out -> {
            bytes(out, tableId);
            bytes(out, primaryKey);
        }), ForwardedReads::bytes);
    }

    public byte[] lockHolder(URI node, int partition, byte[] tableId, byte[] primaryKey) {
        return answer(node, request(Kind.LOCK_HOLDER, partition, -1, out -> {
            bytes(out, tableId);
            bytes(out, primaryKey);
        }), ForwardedReads::bytes);
    }

    public TableStats stats(URI node, int partition, long target, byte[] tableId) {
        return TableStats.decode(answer(node, request(Kind.STATS, partition, target, out -> bytes(out, tableId)),
                ForwardedReads::bytes));
    }

    public TableStats localIndexStats(URI node, int partition, long target, byte[] tableId, byte[] indexId) {
        return TableStats.decode(answer(node, request(Kind.LOCAL_INDEX_STATS, partition, target, out -> {
            bytes(out, tableId);
            bytes(out, indexId);
        }), ForwardedReads::bytes));
    }

    public TableStats globalIndexStats(URI node, int indexPartition, byte[] indexId) {
        return TableStats.decode(answer(node, request(Kind.GLOBAL_INDEX_STATS, indexPartition, -1,
                out -> bytes(out, indexId)), ForwardedReads::bytes));
    }

    public void await(URI node, int partition, long target) {
        answer(node, request(Kind.AWAIT, partition, target, out -> { }), in -> null);
    }

    public long transactionVersion(URI node, int partition) {
        return answer(node, request(Kind.TRANSACTION_VERSION, partition, -1, out -> { }), DataInputStream::readLong);
    }

    /** {@link LocalPartitionReads#heldItems}, at the node that runs the partition, in one round trip. */
    public List<LocalPartitionReads.HeldItem> heldItems(URI node, int partition, List<LocalPartitionReads.StoreKey> keys,
                                                        boolean withItems) {
        return answer(node, request(Kind.HELD_ITEMS, partition, -1, out -> {
            out.writeBoolean(withItems);
            out.writeInt(keys.size());
            for (LocalPartitionReads.StoreKey k : keys) {
                bytes(out, k.tableId());
                bytes(out, k.primaryKey());
            }
        }), in -> {
            int count = in.readInt();
            List<LocalPartitionReads.HeldItem> held = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                held.add(new LocalPartitionReads.HeldItem(bytes(in), in.readBoolean()));
            }
            return held;
        });
    }

    /** One chunk of a scan of the range; the caller goes on after its last key while it says more. */
    public record Chunk(List<ItemState.StoredItem> items, boolean more) {
    }

    public Chunk scanChunk(URI node, boolean globalIndex, int partition, long target, KeyRange range, boolean reverse) {
        return answer(node, request(globalIndex ? Kind.SCAN_GLOBAL_INDEX : Kind.SCAN, partition, target, out -> {
            bytes(out, range.from());
            out.writeBoolean(range.fromInclusive());
            bytes(out, range.to());
            out.writeBoolean(range.toInclusive());
            out.writeBoolean(reverse);
        }), in -> {
            int count = in.readInt();
            List<ItemState.StoredItem> items = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                items.add(new ItemState.StoredItem(bytes(in), bytes(in)));
            }
            return new Chunk(items, in.readBoolean());
        });
    }

    /** The range left after {@code lastKey}, in the scan's direction. */
    public static KeyRange after(KeyRange range, byte[] lastKey, boolean reverse) {
        return reverse ? new KeyRange(range.from(), range.fromInclusive(), lastKey, false)
                : new KeyRange(lastKey, false, range.to(), range.toInclusive());
    }

    interface Writing {
        void write(DataOutputStream out) throws IOException;
    }

    interface Reading<T> {
        T read(DataInputStream in) throws IOException;
    }

    private static byte[] request(Kind kind, int partition, long target, Writing arguments) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(kind.code);
            out.writeInt(partition);
            out.writeLong(target);
            arguments.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private <T> T answer(URI node, byte[] request, Reading<T> reading) {
        byte[] answer = transport.send(node, request);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(answer))) {
            byte status = in.readByte();
            if (status == MOVED) {
                throw new PartitionMovedException(node + " does not run the partition's task");
            }
            if (status == FAILED) {
                throw new DynamoDbException(in.readUTF(), in.readInt(), in.readBoolean() ? in.readUTF() : null);
            }
            return reading.read(in);
        } catch (IOException e) {
            throw Errors.internal("Could not read the answer of " + node + ": " + e.getMessage());
        }
    }

    static void bytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b == null ? -1 : b.length);
        if (b != null) {
            out.write(b);
        }
    }

    static byte[] bytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        byte[] b = new byte[length];
        in.readFully(b);
        return b;
    }
}
