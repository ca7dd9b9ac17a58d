package dev.dynalog.streams.query;

import static dev.dynalog.streams.query.ForwardedReads.bytes;

import dev.dynalog.core.error.DynamoDbException;
import dev.dynalog.streams.state.ItemState;
import dev.dynalog.streams.state.KeyRange;
import dev.dynalog.streams.state.TableStats;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The owner's side of {@link ForwardedReads}: answers a read another node forwarded, from this
 * node's stores, after waiting for the target offset it came with. A partition whose task does
 * not run here is answered {@link ForwardedReads#MOVED}, never from a store that is not the
 * active one.
 */
public final class ForwardedReadService {
    private final LocalPartitionReads reads;
    private final ReadCounts counts;

    public ForwardedReadService(LocalPartitionReads reads, ReadCounts counts) {
        this.reads = reads;
        this.counts = counts;
    }

    public byte[] serve(byte[] request) {
        ByteArrayOutputStream answer = new ByteArrayOutputStream(256);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(request));
             DataOutputStream out = new DataOutputStream(answer)) {
            ForwardedReads.Kind kind = ForwardedReads.Kind.of(in.readByte());
            int partition = in.readInt();
            long target = in.readLong();
            if (!reads.runs(kind.onIndexLog(), partition)) {
                out.writeByte(ForwardedReads.MOVED);
                return answer.toByteArray();
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream(256);
            try (DataOutputStream result = new DataOutputStream(body)) {
                run(kind, partition, target, in, result);
            } catch (DynamoDbException e) {
                out.writeByte(ForwardedReads.FAILED);
                out.writeUTF(e.type());
                out.writeInt(e.status());
                out.writeBoolean(e.getMessage() != null);
                if (e.getMessage() != null) {
                    out.writeUTF(e.getMessage());
                }
                return answer.toByteArray();
            }
            out.writeByte(ForwardedReads.OK);
            body.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return answer.toByteArray();
    }

    private void run(ForwardedReads.Kind kind, int partition, long target, DataInputStream in, DataOutputStream out)
            throws IOException {
        switch (kind) {
            case ITEM -> {
                bytes(out, reads.item(partition, target, bytes(in), bytes(in)));
                counts.servedForAnotherNode();
            }
            case LOCK_HOLDER -> bytes(out, reads.lockHolder(partition, bytes(in), bytes(in)));
            case STATS -> bytes(out, encode(reads.stats(partition, target, bytes(in))));
            case LOCAL_INDEX_STATS -> bytes(out, encode(reads.localIndexStats(partition, target, bytes(in), bytes(in))));
            case GLOBAL_INDEX_STATS -> bytes(out, encode(reads.globalIndexStats(partition, bytes(in))));
            case AWAIT -> reads.await(partition, target);
            case TRANSACTION_VERSION -> out.writeLong(reads.transactionVersion(partition));
            case HELD_ITEMS -> {
                boolean withItems = in.readBoolean();
                int count = in.readInt();
                List<LocalPartitionReads.StoreKey> keys = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    keys.add(new LocalPartitionReads.StoreKey(bytes(in), bytes(in)));
                }
                List<LocalPartitionReads.HeldItem> held = reads.heldItems(partition, keys, withItems);
                out.writeInt(held.size());
                for (LocalPartitionReads.HeldItem h : held) {
                    bytes(out, h.item());
                    out.writeBoolean(h.held());
                }
            }
            case SCAN, SCAN_GLOBAL_INDEX -> {
                KeyRange range = new KeyRange(bytes(in), in.readBoolean(), bytes(in), in.readBoolean());
                boolean reverse = in.readBoolean();
                List<ItemState.StoredItem> items = new ArrayList<>();
                long[] size = {0};
                boolean[] more = {false};
                Predicate<ItemState.StoredItem> collect = item -> {
                    items.add(item);
                    size[0] += item.storeKey().length + (item.value() == null ? 0 : item.value().length);
                    if (items.size() >= ForwardedReads.CHUNK_ITEMS || size[0] >= ForwardedReads.CHUNK_BYTES) {
                        more[0] = true;
                        return false;
                    }
                    return true;
                };
                if (kind == ForwardedReads.Kind.SCAN) {
                    reads.scan(partition, target, range, reverse, collect);
                    counts.servedForAnotherNode();
                } else {
                    reads.scanGlobalIndex(partition, range, reverse, collect);
                }
                out.writeInt(items.size());
                for (ItemState.StoredItem item : items) {
                    bytes(out, item.storeKey());
                    bytes(out, item.value());
                }
                out.writeBoolean(more[0]);
            }
            default -> throw new IllegalArgumentException("unknown read kind " + kind);
        }
    }

    private static byte[] encode(TableStats stats) {
        return stats == null ? null : stats.encode();
    }
}
