package dev.dynalog.streams.query;

import dev.dynalog.core.error.Errors;
import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.streams.TopicNames;
import dev.dynalog.streams.read.ReadBarrier;
import dev.dynalog.streams.state.ItemState;
import dev.dynalog.streams.state.ItemStoreKeys;
import dev.dynalog.streams.state.KeyRange;
import dev.dynalog.streams.state.StoreItemState;
import dev.dynalog.streams.state.TableStats;
import dev.dynalog.streams.topology.TableStreams;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * The read path: items of a table partition through Kafka Streams interactive queries, behind the
 * read barrier: strongly consistent reads wait for every write acknowledged before they began,
 * eventually consistent ones for the writes this node acknowledged.
 */
public final class ItemReader {
    private static final int ATTEMPTS = 50;

    private final TableStreams streams;
    private final ReadBarrier barrier;
    private final TopicNames topics;

    public ItemReader(TableStreams streams, ReadBarrier barrier, TopicNames topics) {
        this.streams = streams;
        this.barrier = barrier;
        this.topics = topics;
    }

    /** The stored item with this encoded primary key, or null. */
    public byte[] get(TableDefinition table, int partition, byte[] primaryKey, boolean consistent) {
        byte[] tableId = ItemStoreKeys.tableIdBytes(table.tableId());
        return read(table, partition, consistent, state -> state.item(tableId, primaryKey));
    }

    /** Visits the partition's items in the range until the visitor returns false. */
    public void scan(TableDefinition table, int partition, KeyRange range, boolean reverse, boolean consistent,
                     Predicate<ItemState.StoredItem> visitor) {
        read(table, partition, consistent, state -> {
            state.scan(range, reverse, visitor);
            return null;
        });
    }

    /** ItemCount and TableSizeBytes summed over the table's partitions. */
    public TableStats stats(TableDefinition table) {
        byte[] tableId = ItemStoreKeys.tableIdBytes(table.tableId());
        TableStats total = TableStats.EMPTY;
        for (int p = 0; p < table.partitions(); p++) {
            total = total.plus(read(table, p, false, state -> state.stats(tableId)));
        }
        return total;
    }

    private <T> T read(TableDefinition table, int partition, boolean consistent, Function<ItemState, T> reading) {
        TopicPartition log = new TopicPartition(topics.commandLog(), partition);
        if (consistent) {
            barrier.await(log);
        } else {
            barrier.awaitAcknowledged(log);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return reading.apply(StoreItemState.readOnly(streams.itemsStore(partition)));
            } catch (InvalidStateStoreException e) {
                // The task is moving or restoring (a rebalance); look the store up again.
                streams.invalidate(partition);
                if (attempt == ATTEMPTS) {
                    throw Errors.internal("The table's partition " + partition + " is not available");
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw Errors.internal("interrupted");
                }
            }
        }
    }
}
