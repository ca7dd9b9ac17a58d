package dev.dynalog.streams.topology;

import dev.dynalog.streams.TopicNames;
import dev.dynalog.streams.processor.CommandProcessor;
import dev.dynalog.streams.read.ProcessedOffsets;
import dev.dynalog.streams.reply.ResultSink;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The Kafka Streams topology of a dynalog node.
 *
 * <p>One source subscribes to every table's command log by pattern, so tables created at run time
 * join without a restart and a hundred tables share the same threads. Kafka Streams groups a
 * pattern source's partitions by number: task {@code p} owns partition {@code p} of every table's
 * log, and its one {@code items} store holds those partitions' items, each key prefixed by its
 * table id. All tables therefore have the same number of partitions.
 */
public final class DynalogTopology {
    public static final String COMMANDS_SOURCE = "commands";
    public static final String APPLY_PROCESSOR = "apply-commands";

    private DynalogTopology() {
    }

    public static Topology build(TopicNames topics, ResultSink results, ProcessedOffsets offsets) {
        Topology topology = new Topology();
        topology.addSource(COMMANDS_SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(),
                topics.commandLogPattern());
        topology.addProcessor(APPLY_PROCESSOR, () -> new CommandProcessor(results, offsets), COMMANDS_SOURCE);
        topology.addStateStore(
                Stores.keyValueStoreBuilder(
                                Stores.persistentKeyValueStore(CommandProcessor.ITEMS_STORE),
                                Serdes.Bytes(), Serdes.ByteArray())
                        .withCachingDisabled(),
                APPLY_PROCESSOR);
        return topology;
    }
}
