package dev.dynalog.streams.topology;

import dev.dynalog.schemas.change.ChangeRecord;
import dev.dynalog.streams.TopicNames;
import dev.dynalog.streams.changes.ChangeKey;
import dev.dynalog.streams.processor.CommandProcessor;
import dev.dynalog.streams.read.ProcessedOffsets;
import dev.dynalog.streams.reply.ResultSink;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.RecordContext;
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
 */
public final class DynalogTopology {
    public static final String COMMANDS_SOURCE = "commands";
    public static final String APPLY_PROCESSOR = "apply-commands";
    public static final String CHANGES_SINK = "changes";

    private DynalogTopology() {
    }

    public static Topology build(TopicNames topics, ResultSink results, ProcessedOffsets offsets,
                                 Serializer<ChangeRecord> changeSerializer) {
        Topology topology = new Topology();
        topology.addSource(COMMANDS_SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(),
                topics.commandLog());
        topology.addProcessor(APPLY_PROCESSOR, () -> new CommandProcessor(results, offsets), COMMANDS_SOURCE);
        topology.addStateStore(
                Stores.keyValueStoreBuilder(
                                Stores.persistentKeyValueStore(CommandProcessor.ITEMS_STORE),
                                Serdes.Bytes(), Serdes.ByteArray())
                        .withCachingDisabled(),
                APPLY_PROCESSOR);
        topology.addSink(CHANGES_SINK,
                (ChangeKey key, ChangeRecord change, RecordContext context) -> topics.changes(change.getTableName()),
                (topic, key) -> key.bytes(),
                changeSerializer,
                (topic, key, change, partitions) -> Optional.of(Set.of(key.partition())),
                APPLY_PROCESSOR);
        return topology;
    }
}
