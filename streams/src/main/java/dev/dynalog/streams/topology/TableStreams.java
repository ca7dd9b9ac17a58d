package dev.dynalog.streams.topology;

import dev.dynalog.core.error.Errors;
import dev.dynalog.streams.index.IndexMaterializer;
import dev.dynalog.streams.processor.CommandProcessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import dev.dynalog.streams.write.CommandWriter;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.LagInfo;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's running Kafka Streams application (exactly-once v2) and its interactive queries.
 */
public final class TableStreams implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TableStreams.class);
    private static final Duration PROGRESS_REPORT_INTERVAL = Duration.ofSeconds(30);
    /** The stores of a command-log task, in the order {@link #commandStoreLags} reports them. */
    private static final List<String> COMMAND_STORES = List.of(CommandProcessor.ITEMS_STORE,
            CommandProcessor.STATISTICS_STORE, CommandProcessor.TRANSACTIONS_STORE);

    private final KafkaStreams streams;
    private final RestoreProgress restores;
    private final Path closedCleanly;
    private final ConcurrentHashMap<StoreAddress, ReadOnlyKeyValueStore<Bytes, byte[]>> stores = new ConcurrentHashMap<>();

    /** {@code standby}: the store of this node's standby task of the partition, not of an active one. */
    private record StoreAddress(String name, int partition, boolean standby) {
    }
    private final Duration storeWait;

    private final boolean startsClean;
    /** Bumped on every state change: a rebalance may have moved tasks between nodes. */
    private final AtomicLong assignmentEpoch;

    private TableStreams(KafkaStreams streams, RestoreProgress restores, Path closedCleanly, Duration storeWait,
                         boolean startsClean, AtomicLong assignmentEpoch) {
        this.assignmentEpoch = assignmentEpoch;
        this.streams = streams;
        this.restores = restores;
        this.closedCleanly = closedCleanly;
        this.storeWait = storeWait;
        this.startsClean = startsClean;
    }

    /**
     * The state directory was new or the last run closed cleanly: nothing to rebuild, so the
     * first rebalance takes about a second, and the node may serve while it runs.
     */
    public boolean startsClean() {
        return startsClean;
    }

    /** Whether the application has been RUNNING (it may be rebalancing since). */
    public boolean isRunning() {
        return streams.state() == KafkaStreams.State.RUNNING;
    }

    public static TableStreams start(Topology topology, Settings settings) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDir().toString());
        // Changelogs and repartition topics are replicated as dynalog's own topics are.
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) settings.replicationFactor());
        p.put(StreamsConfig.topicPrefix(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG), String.valueOf(settings.minInSync()));
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.threads());
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, settings.commitIntervalMs());
        // Only the statistics store is cached (its counters are rewritten by every write); a full
        // cache evicts counters to RocksDB early, which costs writes but loses nothing.
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 4L * 1024 * 1024);
        p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedMemoryRocksDbConfig.class);
        // Every task reads one partition of one topic, so there is never another input to wait for
        // before processing; with the default (0) each loop over a task whose queue is empty also
        // formats log lines it does not log (about 8 % of the stream thread under put load, by JFR).
        p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        // Changelog records of a prepared transaction share may be as large as a transaction.
        p.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), CommandWriter.MAX_COMMAND_BYTES);
        // A node restarted after a crash rejoins as a new member; the group waits for the dead
        // member's session to expire before the tasks move, so keep that wait short.
        p.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 10_000);
        p.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 2_000);
        // A restore consumer that has reached a changelog's end waits out its fetch for more: with
        // the default 500 ms, a start with empty or small changelogs spends a second doing nothing.
        p.put(StreamsConfig.restoreConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), 20);
        p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, settings.standbyReplicas());
        if (settings.applicationServer() != null) {
            p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, settings.applicationServer());
        }
        // Written by close() once Kafka Streams has closed cleanly, i.e. written the checkpoints of
        // its stores; its absence means the last run ended by a crash (or a kill).
        Path closedCleanly = settings.stateDir().resolve(settings.applicationId() + ".closed-cleanly");
        boolean fresh = !Files.exists(settings.stateDir().resolve(settings.applicationId()));
        boolean lastRunClosedCleanly = deleteIfExists(closedCleanly);
        KafkaStreams streams = new KafkaStreams(topology, p);
        if (!lastRunClosedCleanly) {
            // Under exactly-once a store without a checkpoint may hold writes of a transaction that
            // was aborted, so Kafka Streams would not use it either: it reports the task corrupted,
            // closes it dirty, wipes it, enforces a rebalance and restores it from its changelog.
            // Wiping the state here, before Kafka Streams opens it, restores the same committed state
            // from the changelogs without that detour, after which a restart after SIGKILL was seen
            // to stay in REBALANCING for good. The process id stays, so the transactional id does
            // too: the new producer fences the dead one and its open transaction is aborted at once.
            streams.cleanUp();
        }
        RestoreProgress restores = new RestoreProgress();
        streams.setGlobalStateRestoreListener(restores);
        AtomicLong epoch = new AtomicLong();
        streams.setStateListener((now, before) -> epoch.incrementAndGet());
        streams.start();
        return new TableStreams(streams, restores, closedCleanly, Duration.ofSeconds(30),
                fresh || lastRunClosedCleanly, epoch);
    }

    private static boolean deleteIfExists(Path file) {
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public record Settings(String applicationId, String bootstrapServers, Path stateDir, short replicationFactor,
                           int minInSync, int threads, long commitIntervalMs, String applicationServer, int standbyReplicas) {
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /**
     * Waits until the application is RUNNING, saying every 30 seconds what it waits for: the
     * threads' states and tasks and how far each changelog has been restored.
     */
    public void awaitRunning(Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long nextReport = start + PROGRESS_REPORT_INTERVAL.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            long now = System.nanoTime();
            if (now > deadline || !streams.state().isRunningOrRebalancing()
                    && streams.state() != KafkaStreams.State.CREATED) {
                throw new IllegalStateException("Kafka Streams did not reach RUNNING: " + progress());
            }
            if (now > nextReport) {
                log.warn("Kafka Streams not RUNNING after {} s: {}", Duration.ofNanos(now - start).toSeconds(), progress());
                nextReport += PROGRESS_REPORT_INTERVAL.toNanos();
            }
            Thread.sleep(20);
        }
        log.info("Kafka Streams RUNNING after {} ms: {}", Duration.ofNanos(System.nanoTime() - start).toMillis(),
                restores.describe());
    }

    private String progress() {
        String threads = streams.metadataForLocalThreads().stream()
                .map(t -> t.threadName() + " " + t.threadState() + " active " + t.activeTasks().stream()
                        .map(task -> task.taskId().toString()).sorted().collect(Collectors.joining(",", "[", "]")))
                .collect(Collectors.joining("; "));
        return streams.state() + " (" + threads + ")" + restores.describe();
    }

    /**
     * The partitions of {@code topic} whose active tasks run on this node now (standbys left out):
     * what this node alone processes, until the next rebalance.
     */
    public Set<Integer> activePartitions(String topic) {
        Set<Integer> partitions = new TreeSet<>();
        for (ThreadMetadata thread : streams.metadataForLocalThreads()) {
            for (TaskMetadata task : thread.activeTasks()) {
                for (TopicPartition tp : task.topicPartitions()) {
                    if (tp.topic().equals(topic)) {
                        partitions.add(tp.partition());
                    }
                }
            }
        }
        return partitions;
    }

    /** The partitions of {@code topic} whose standby tasks this node keeps, until the next rebalance. */
    public Set<Integer> standbyPartitions(String topic) {
        Set<Integer> partitions = new TreeSet<>();
        for (ThreadMetadata thread : streams.metadataForLocalThreads()) {
            for (TaskMetadata task : thread.standbyTasks()) {
                for (TopicPartition tp : task.topicPartitions()) {
                    if (tp.topic().equals(topic)) {
                        partitions.add(tp.partition());
                    }
                }
            }
        }
        return partitions;
    }

    /**
     * For each of the given task partitions, the lag of each of the command processor's stores
     * (items, statistics, transactions, in that order) behind its changelog's end offset, which
     * this call asks the broker for (Kafka Streams reads the stores' positions first). A
     * partition some of whose stores Kafka Streams does not report is left out.
     */
    public Map<Integer, List<LagInfo>> commandStoreLags(Set<Integer> partitions) {
        Map<String, Map<Integer, LagInfo>> lags = streams.allLocalStorePartitionLags();
        Map<Integer, List<LagInfo>> out = new HashMap<>();
        for (int partition : partitions) {
            List<LagInfo> stores = new ArrayList<>(COMMAND_STORES.size());
            for (String store : COMMAND_STORES) {
                LagInfo lag = lags.getOrDefault(store, Map.of()).get(partition);
                if (lag != null) {
                    stores.add(lag);
                }
            }
            if (stores.size() == COMMAND_STORES.size()) {
                out.put(partition, stores);
            }
        }
        return out;
    }

    /**
     * Changes whenever the application changes state, e.g. enters or leaves a rebalance: a cached
     * view of which node runs which task is current while this stays the same.
     */
    public long assignmentEpoch() {
        return assignmentEpoch.get();
    }

    /**
     * The node ({@code application.server}) of every member of the group, with the partitions of
     * {@code topic} whose active tasks it runs, as of the last rebalance this node took part in.
     */
    public Map<HostInfo, Set<Integer>> activePartitionsByNode(String topic) {
        Map<HostInfo, Set<Integer>> nodes = new HashMap<>();
        for (StreamsMetadata member : streams.metadataForAllStreamsClients()) {
            Set<Integer> partitions = nodes.computeIfAbsent(member.hostInfo(), h -> new TreeSet<>());
            for (TopicPartition tp : member.topicPartitions()) {
                if (tp.topic().equals(topic)) {
                    partitions.add(tp.partition());
                }
            }
        }
        return nodes;
    }

    /** Like {@link #activePartitionsByNode}, for the standby tasks. */
    public Map<HostInfo, Set<Integer>> standbyPartitionsByNode(String topic) {
        Map<HostInfo, Set<Integer>> nodes = new HashMap<>();
        for (StreamsMetadata member : streams.metadataForAllStreamsClients()) {
            Set<Integer> partitions = nodes.computeIfAbsent(member.hostInfo(), h -> new TreeSet<>());
            for (TopicPartition tp : member.standbyTopicPartitions()) {
                if (tp.topic().equals(topic)) {
                    partitions.add(tp.partition());
                }
            }
        }
        return nodes;
    }

    /**
     * The items store of task {@code partition}, for interactive queries; waits while the task is
     * being restored or moved.
     */
    public ReadOnlyKeyValueStore<Bytes, byte[]> itemsStore(int partition) {
        return store(CommandProcessor.ITEMS_STORE, partition);
    }

    /**
     * The items store of this node's standby task of {@code partition}, for eventually consistent
     * reads (Kafka Streams' stale stores); fails at once with InvalidStateStoreException when the
     * node keeps no standby of it.
     */
    public ReadOnlyKeyValueStore<Bytes, byte[]> standbyItemsStore(int partition) {
        return standbyStore(CommandProcessor.ITEMS_STORE, partition);
    }

    /** The counters of this node's standby task of {@code partition}; see {@link #standbyItemsStore}. */
    public ReadOnlyKeyValueStore<Bytes, byte[]> standbyStatisticsStore(int partition) {
        return standbyStore(CommandProcessor.STATISTICS_STORE, partition);
    }

    /** The counters of task {@code partition} (see ItemStoreKeys), for interactive queries. */
    public ReadOnlyKeyValueStore<Bytes, byte[]> statisticsStore(int partition) {
        return store(CommandProcessor.STATISTICS_STORE, partition);
    }

    /** The transaction state of task {@code partition} (locks, shares), for transactional reads. */
    public ReadOnlyKeyValueStore<Bytes, byte[]> transactionsStore(int partition) {
        return store(CommandProcessor.TRANSACTIONS_STORE, partition);
    }

    /**
     * The global index entries of index-log partition {@code partition}, for interactive queries;
     * waits while the task is being restored or moved.
     */
    public ReadOnlyKeyValueStore<Bytes, byte[]> indexStore(int partition) {
        return store(IndexMaterializer.STORE, partition);
    }

    /** The global indexes' statistics of index-log partition {@code partition}, for interactive queries. */
    public ReadOnlyKeyValueStore<Bytes, byte[]> indexStatisticsStore(int partition) {
        return store(IndexMaterializer.STATISTICS_STORE, partition);
    }

    private ReadOnlyKeyValueStore<Bytes, byte[]> standbyStore(String name, int partition) {
        StoreAddress address = new StoreAddress(name, partition, true);
        ReadOnlyKeyValueStore<Bytes, byte[]> store = stores.get(address);
        if (store != null) {
            return store;
        }
        // Stale stores are the active's and the standby's alike; the caller asks only for
        // partitions whose active task runs elsewhere.
        store = streams.store(StoreQueryParameters
                .fromNameAndType(name, QueryableStoreTypes.<Bytes, byte[]>keyValueStore())
                .withPartition(partition).enableStaleStores());
        stores.put(address, store);
        return store;
    }

    private ReadOnlyKeyValueStore<Bytes, byte[]> store(String name, int partition) {
        StoreAddress address = new StoreAddress(name, partition, false);
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
        boolean closed = streams.close(CloseOptions.timeout(Duration.ofSeconds(30))
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        if (closed && streams.state() == KafkaStreams.State.NOT_RUNNING) {
            try {
                Files.createFile(closedCleanly);
            } catch (IOException e) {
                log.warn("could not mark the state directory closed cleanly; the next start restores from the changelogs", e);
            }
        }
    }
}
