package dev.dynalog.app.it;

import dev.dynalog.schemas.change.ChangeRecord;
import dev.dynalog.schemas.registry.ConfluentAvroDeserializer;
import dev.dynalog.schemas.registry.SchemaRegistryClient;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a change topic as a CDC consumer would: a plain Kafka consumer with
 * {@code isolation.level=read_committed}, and the Confluent-format Avro deserializer finding each
 * record's writer schema in the registry by id.
 */
final class ChangeTopicReader implements AutoCloseable {
    /** A change record with where it was in the topic. */
    record Change(int partition, long offset, byte[] key, ChangeRecord record) {
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final ConfluentAvroDeserializer<ChangeRecord> deserializer;

    ChangeTopicReader(String bootstrapServers, URI schemaRegistry, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "change-reader-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        deserializer = ConfluentAvroDeserializer.specific(new SchemaRegistryClient(schemaRegistry), ChangeRecord.class);
    }

    /** Reads until {@code done} holds for everything read so far, or fails after {@code timeout}. */
    List<Change> readUntil(Predicate<List<Change>> done, Duration timeout) {
        List<Change> all = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.test(all)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("change records did not arrive in time; read " + all.size() + ": " + all);
            }
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                all.add(new Change(r.partition(), r.offset(), r.key(), deserializer.deserialize(r.value())));
            }
        }
        return all;
    }

    /** Reads for {@code quiet} more and returns what came (to check that nothing else does). */
    List<Change> readFor(Duration quiet) {
        List<Change> all = new ArrayList<>();
        long deadline = System.nanoTime() + quiet.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                all.add(new Change(r.partition(), r.offset(), r.key(), deserializer.deserialize(r.value())));
            }
        }
        return all;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
