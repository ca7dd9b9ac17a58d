package dev.dynalog.connectors.dynamodbstreams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynalog.connectors.registry.TestKafkaBroker;
import dev.dynalog.core.model.StreamViewType;
import dev.dynalog.schemas.change.ChangeRecord;
import dev.dynalog.schemas.change.EventName;
import dev.dynalog.schemas.registry.ConfluentAvroSerializer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a disabled stream's records end in a change topic partition shared with later streams,
 * on a real broker with the processor's kind of writes: records in Kafka transactions, read
 * committed. The end must not be fixed while the stream's last records are in a transaction
 * that has not committed yet (DescribeStream right after DeleteTable asks exactly then).
 */
class StreamExtentsIT {
    private static final int SCHEMA_ID = 7;
    private static final String OLD = "2026-12-04T10:00:00.000";
    private static final String NEW = "2026-12-04T10:00:05.000";

    @TempDir
    static Path dir;
    static TestKafkaBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = TestKafkaBroker.start(dir);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    private static byte[] change(String label, String key, long sequence) {
        ChangeRecord record = ChangeRecord.newBuilder()
                .setEventName(EventName.INSERT)
                .setTableName("t")
                .setTableId(label.equals(OLD) ? "old-table" : "new-table")
                .setStreamLabel(label)
                .setKeys(Map.of())
                .setSequenceNumber(String.format("%021d", sequence))
                .setApproximateCreationDateTime(Instant.ofEpochMilli(1_700_000_000_000L))
                .setSizeBytes(1)
                .setStreamViewType(dev.dynalog.schemas.change.StreamViewType.KEYS_ONLY)
                .build();
        return ConfluentAvroSerializer.specific(ChangeRecord.class, SCHEMA_ID).serialize(record);
    }

    private static KafkaProducer<byte[], byte[]> transactionalProducer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "extents-test");
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        producer.initTransactions();
        return producer;
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, String label, String key, long sequence) {
        producer.send(new ProducerRecord<>(topic, 0, key.getBytes(StandardCharsets.UTF_8), change(label, key, sequence)));
    }

    @Test
    void aDisabledStreamsShardDoesNotEndBeforeItsLastRecordWhileThatRecordsTransactionIsOpen() throws Exception {
        String topic = "extents.t.changes";
        broker.admin().createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        TopicPartition tp = new TopicPartition(topic, 0);
        StreamArns.NamedStream closed = new StreamArns.NamedStream(null, OLD, StreamViewType.KEYS_ONLY, false, 1L);
        try (KafkaProducer<byte[], byte[]> producer = transactionalProducer();
             ShardReader reader = new ShardReader(broker.bootstrapServers(), id -> ChangeRecord.getClassSchema())) {
            StreamExtents extents = new StreamExtents(reader);
            producer.beginTransaction();
            send(producer, topic, OLD, "old-0", 1);
            producer.commitTransaction();
            producer.beginTransaction();
            send(producer, topic, OLD, "old-3", 2);
            producer.flush();

            // old-3 is written but not committed: a reader cannot see it, nor past it, yet.
            long whileOpen = extents.end(tp, closed);
            assertThat(extents.endIsSettled(tp, closed)).as("an end no later stream's record fixes yet").isFalse();
            assertThat(whileOpen).isEqualTo(reader.end(tp));

            producer.commitTransaction();
            producer.beginTransaction();
            send(producer, topic, NEW, "new-4", 3);
            producer.commitTransaction();

            // A commit returns before its markers are written: readers see the records a moment later.
            long end = extents.end(tp, closed);
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!extents.endIsSettled(tp, closed) && System.nanoTime() < deadline) {
                Thread.sleep(20);
                end = extents.end(tp, closed);
            }
            assertThat(extents.endIsSettled(tp, closed)).as("the new stream's record fixes the end").isTrue();
            assertThat(reader.readAll(tp, 0, end)).extracting(e -> e.record().getSequenceNumber())
                    .containsExactly(String.format("%021d", 1), String.format("%021d", 2));
            assertThat(reader.readAll(tp, end, reader.end(tp))).extracting(e -> e.record().getStreamLabel())
                    .containsExactly(NEW);
        }
    }
}
