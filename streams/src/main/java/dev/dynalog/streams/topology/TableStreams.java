package dev.dynalog.streams.topology;

import dev.dynalog.core.error.Errors;
import dev.dynalog.streams.index.IndexMaterializer;
import dev.dynalog.streams.processor.CommandProcessor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The node's running Kafka Streams application (exactly-once v2) and its interactive queries.
 */
public final class TableStreams implements AutoCloseable {
    private final KafkaStreams streams;
    private final ConcurrentHashMap<StoreAddress, ReadOnlyKeyValueStore<Bytes, byte[]>> stores = new ConcurrentHashMap<>();

    private record StoreAddress(String name, int partition) {
    }
    private final Duration storeWait;

    private TableStreams(KafkaStreams streams, Duration storeWait) {
        this.streams = streams;
        this.storeWait = storeWait;
    }

    public static TableStreams start(Topology topology, Settings settings) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDir().toString());
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) settings.replicationFactor());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.threads());
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, settings.commitIntervalMs());
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedMemoryRocksDbConfig.class);
        // A node restarted after a crash rejoins as a new member; the group waits for the dead
        // member's session to expire before the tasks move, so keep that wait short.
        p.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 10_000);
        p.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 2_000);
        if (settings.applicationServer() != null) {
            p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, settings.applicationServer());
        }
        KafkaStreams streams = new KafkaStreams(topology, p);
        streams.start();
        return new TableStreams(streams, Duration.ofSeconds(30));
    }

    public record Settings(String applicationId, String bootstrapServers, Path stateDir, short replicationFactor,
                           int threads, long commitIntervalMs, String applicationServer) {
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** Waits until the application is RUNNING. */
    public void awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > deadline || !streams.state().isRunningOrRebalancing()
                    && streams.state() != KafkaStreams.State.CREATED) {
                throw new IllegalStateException("Kafka Streams did not reach RUNNING: " + streams.state());
            }
            Thread.sleep(20);
        }
    }

    /**
     * The items store of task {@code partition}, for interactive queries; waits while the task is
     * being restored or moved.
     */
    public ReadOnlyKeyValueStore<Bytes, byte[]> itemsStore(int partition) {
        return store(CommandProcessor.ITEMS_STORE, partition);
    }

    /**
     * The global index entries of index-log partition {@code partition}, for interactive queries;
     * waits while the task is being restored or moved.
     */
    public ReadOnlyKeyValueStore<Bytes, byte[]> indexStore(int partition) {
        return store(IndexMaterializer.STORE, partition);
    }

    private ReadOnlyKeyValueStore<Bytes, byte[]> store(String name, int partition) {
        StoreAddress address = new StoreAddress(name, partition);
        ReadOnlyKeyValueStore<Bytes, byte[]> store = stores.get(address);
        if (store != null) {
            return store;
        }
        long deadline = System.nanoTime() + storeWait.toNanos();
        while (true) {
            try {
                store = streams.store(StoreQueryParameters
                        .fromNameAndType(name, QueryableStoreTypes.<Bytes, byte[]>keyValueStore())
                        .withPartition(partition));
                stores.put(address, store);
                return store;
            } catch (InvalidStateStoreException e) {
                if (System.nanoTime() > deadline) {
                    throw Errors.internal("The table's partition " + partition + " is not available");
                }
                sleep(25);
            }
        }
    }

    /** Forgets the cached stores of a partition after one threw, so the next read looks them up again. */
    public void invalidate(int partition) {
        stores.keySet().removeIf(a -> a.partition() == partition);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Errors.internal("interrupted");
        }
    }

    /**
     * Stops processing and leaves the group at once, so that a node started next (or another
     * instance) gets the tasks without waiting for this member's session to time out.
     */
    @Override
    public void close() {
        streams.close(CloseOptions.timeout(Duration.ofSeconds(30))
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
    }
}
