package dev.dynalog.streams.changes;

import dev.dynalog.schemas.change.ChangeRecord;
import dev.dynalog.schemas.registry.ConfluentAvroSerializer;
import dev.dynalog.schemas.registry.SchemaRegistrar;
import dev.dynalog.schemas.registry.SubjectNames;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes change records in the Confluent wire format, with the {@link ChangeRecord} schema
 * registered under each change topic's value subject (TopicNameStrategy: {@code <topic>-value}),
 * so any Confluent-compatible consumer finds the schema the way it expects.
 *
 * <p>The schema is registered when a stream is enabled (see {@link ChangeTopics}); registering
 * here again, once per topic and process, only looks the id up (registration is idempotent) and
 * covers a node that stopped between enabling a stream and registering. A schema's id never
 * changes once assigned, so replayed records are written with the same id.
 */
public final class ChangeRecordSerializer implements Serializer<ChangeRecord> {
    private final SchemaRegistrar registry;
    private final Map<String, ConfluentAvroSerializer<ChangeRecord>> byTopic = new ConcurrentHashMap<>();

    public ChangeRecordSerializer(SchemaRegistrar registry) {
        this.registry = registry;
    }

    @Override
    public byte[] serialize(String topic, ChangeRecord record) {
        return byTopic.computeIfAbsent(topic, t ->
                ConfluentAvroSerializer.registering(registry, SubjectNames.value(t), ChangeRecord.class))
                .serialize(record);
    }
}
