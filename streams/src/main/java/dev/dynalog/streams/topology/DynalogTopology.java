package dev.dynalog.streams.topology;

import dev.dynalog.core.partition.Partitioner;
import dev.dynalog.schemas.digest.TableDigest;
import dev.dynalog.schemas.digest.TableDigestCodec;
import dev.dynalog.schemas.change.ChangeRecord;
import dev.dynalog.schemas.index.IndexOp;
import dev.dynalog.schemas.index.IndexUpdate;
import dev.dynalog.streams.TopicNames;
import dev.dynalog.streams.changes.ChangeKey;
import dev.dynalog.streams.index.IndexLagRecorder;
import dev.dynalog.streams.index.IndexMaterializer;
import dev.dynalog.streams.index.IndexUpdateCodec;
import dev.dynalog.schemas.command.CommandCodec;
import dev.dynalog.streams.processor.CommandProcessor;
import dev.dynalog.streams.processor.TransactionDecider;
import dev.dynalog.streams.transaction.TransactionActivity;
import dev.dynalog.streams.write.CommandWriter;
import dev.dynalog.streams.read.ProcessedOffsets;
import dev.dynalog.streams.reply.ResultSink;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.RecordContext;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The Kafka Streams topology of a dynalog node.
 *
 * <p>One source reads the shared command log (see {@link TopicNames}), so tables created at run
 * time need no new topic and no rebalance, and a hundred tables share the same threads. Task
 * {@code p} owns partition {@code p} of the log, and its one {@code items} store holds the items
 * of partition {@code p} of every table, each key prefixed by its table id.
 *
 * <p>One sink writes the change records of every table: each record goes to its table's change
 * topic (named from the record's table name) and to the partition of the command that made it.
 * The topics are created when a stream is enabled, before any command asks for a record.
 *
 * <p>A second sink writes global index updates to the index log, each to the partition of its
 * index partition key (a purge to every partition); a second sub-topology reads that log and
 * materializes the indexes into the {@code index-entries} store, task {@code 1_p} holding the
 * entries whose index partition key falls in partition {@code p}.
 *
 * <p>A third sink writes steps of the transaction protocol (a coordinator's completions, a
 * participant's request to resolve) back into the command log, to the partition each is for; task
 * {@code p} keeps its transactions' locks, shares and decisions in its {@code transactions} store.
 */
public final class DynalogTopology {
    public static final String COMMANDS_SOURCE = "commands";
    public static final String APPLY_PROCESSOR = "apply-commands";
    public static final String CHANGES_SINK = CommandProcessor.CHANGES_SINK;
    public static final String INDEX_SINK = CommandProcessor.INDEX_SINK;
    public static final String TRANSACTION_STEPS_SINK = CommandProcessor.TRANSACTION_STEPS_SINK;
    public static final String INDEX_SOURCE = "index-log";
    public static final String MATERIALIZE_PROCESSOR = "materialize-indexes";

    private DynalogTopology() {
    }

    /** The partition of an update's index partition key, or every partition for a purge. */
    static Optional<Set<Integer>> indexLogPartitions(String topic, byte[] key, IndexUpdate update, int partitions) {
        if (update.getOp() == IndexOp.PURGE) {
            return Optional.of(IntStream.range(0, partitions).boxed().collect(Collectors.toSet()));
        }
        return Optional.of(Set.of(Partitioner.partition(key, partitions)));
    }

    public static Topology build(TopicNames topics, ResultSink results, ProcessedOffsets offsets,
                                 TransactionActivity transactions, Serializer<ChangeRecord> changeSerializer,
                                 IndexLagRecorder indexLag) {
        Topology topology = new Topology();
        topology.addSource(COMMANDS_SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(),
                topics.commandLog());
        topology.addProcessor(APPLY_PROCESSOR,
                () -> new CommandProcessor(results, offsets, transactions, topics.commandLog()), COMMANDS_SOURCE);
        for (String store : new String[] {CommandProcessor.ITEMS_STORE, CommandProcessor.TRANSACTIONS_STORE}) {
            // A prepared share holds the new items of a transaction's actions, up to 4 MB.
            topology.addStateStore(
                    Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store), Serdes.Bytes(), Serdes.ByteArray())
                            .withCachingDisabled()
                            .withLoggingEnabled(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                                    String.valueOf(CommandWriter.MAX_COMMAND_BYTES))),
                    APPLY_PROCESSOR);
        }
        topology.addStateStore(countersStore(CommandProcessor.STATISTICS_STORE), APPLY_PROCESSOR);
        // Steps of the transaction protocol go back into the command log, to the partition they are
        // for, in the same exactly-once transaction as the state change that sent them.
        topology.addSink(TRANSACTION_STEPS_SINK, topics.commandLog(),
                new ByteArraySerializer(),
                (String topic, TransactionDecider.PartitionCommand step) -> CommandCodec.encode(step.command()),
                (String topic, byte[] key, TransactionDecider.PartitionCommand step, int partitions) ->
                        Optional.of(Set.of(step.partition())),
                APPLY_PROCESSOR);
        topology.addSink(CHANGES_SINK,
                (ChangeKey key, ChangeRecord change, RecordContext context) -> topics.changes(change.getTableName()),
                (topic, key) -> key.bytes(),
                changeSerializer,
                (topic, key, change, partitions) -> Optional.of(Set.of(key.partition())),
                APPLY_PROCESSOR);
        topology.addSink(CommandProcessor.DIGESTS_SINK, topics.digests(),
                new ByteArraySerializer(),
                (String topic, TableDigest digest) -> TableDigestCodec.encode(digest),
                (String topic, byte[] key, TableDigest digest, int partitions) -> Optional.of(Set.of(digest.getPartition())),
                APPLY_PROCESSOR);
        topology.addSink(INDEX_SINK, topics.indexLog(),
                new ByteArraySerializer(),
                new IndexUpdateCodec(),
                DynalogTopology::indexLogPartitions,
                APPLY_PROCESSOR);

        topology.addSource(INDEX_SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), topics.indexLog());
        topology.addProcessor(MATERIALIZE_PROCESSOR,
                () -> new IndexMaterializer(offsets, topics.indexLog(), indexLag), INDEX_SOURCE);
        topology.addStateStore(
                Stores.keyValueStoreBuilder(
                                Stores.persistentKeyValueStore(IndexMaterializer.STORE),
                                Serdes.Bytes(), Serdes.ByteArray())
                        .withCachingDisabled(),
                MATERIALIZE_PROCESSOR);
        topology.addStateStore(countersStore(IndexMaterializer.STATISTICS_STORE), MATERIALIZE_PROCESSOR);
        return topology;
    }

    /**
     * A store of counters, which every write rewrites: Kafka Streams' cache keeps each counter's
     * latest value until the commit, which writes it to RocksDB and its changelog once.
     */
    private static StoreBuilder<KeyValueStore<Bytes, byte[]>> countersStore(String name) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.Bytes(), Serdes.ByteArray())
                .withCachingEnabled()
                .withLoggingEnabled(Map.of());
    }
}
