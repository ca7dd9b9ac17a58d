package dev.dynalog.connectors.registry;

import dev.dynalog.schemas.registry.SchemaRegistryException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's log in Kafka: the compacted, single-partition {@code _schemas} topic (see
 * {@link RegistryRecordCodec} for its records). A background consumer reads it from the beginning
 * and applies every record to a {@link RegistryState}; {@link #append} produces a record and
 * returns once that consumer has applied it, as the table catalog does with {@code _catalog}.
 *
 * <p>One partition gives every instance the same order of records, hence the same state. Ids and
 * versions are chosen by the writer from the state it has read, after {@link #catchUp} has read
 * the topic to its end; so writes through different instances agree as long as they do not
 * overlap in time. That is the assumption for now: one writing instance at a time. Two instances
 * registering different schemas at the same moment could both choose the same new id; a leader
 * election among instances (Confluent's registry forwards writes to a leader), or a conditional
 * append that fails when the log has moved past what the writer read, would remove that.
 */
public final class KafkaSchemaLog implements SchemaLog, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KafkaSchemaLog.class);
    private static final Duration APPLY_TIMEOUT = Duration.ofSeconds(30);

    private final TopicPartition partition;
    private final RegistryState state;
    private final KafkaProducer<byte[], byte[]> producer;
    private final KafkaConsumer<byte[], byte[]> consumer;
    /** Finds the topic's end for {@link #catchUp}; the consumer belongs to the reader thread. */
    private final Admin admin;
    private final Thread reader;
    private final Object positionLock = new Object();
    private volatile long position = 0;
    private volatile boolean running = true;
    private volatile RuntimeException readerFailure;

    public KafkaSchemaLog(String bootstrapServers, String topic, RegistryState state) {
        this.partition = new TopicPartition(topic, 0);
        this.state = state;
        Properties pp = new Properties();
        pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        pp.put(ProducerConfig.ACKS_CONFIG, "all");
        pp.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        this.producer = new KafkaProducer<>(pp, new ByteArraySerializer(), new ByteArraySerializer());
        Properties cp = new Properties();
        cp.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        cp.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        cp.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        cp.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        this.consumer = new KafkaConsumer<>(cp, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        Properties ap = new Properties();
        ap.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        this.admin = Admin.create(ap);
        this.reader = new Thread(this::readLoop, "dynalog-schemas-reader");
        this.reader.setDaemon(true);
    }

    /**
     * The topic as the registry needs it: one partition, so all instances read one order, and
     * compacted, so it keeps the last value per subject/version and config key forever.
     */
    public static NewTopic topic(String name, int replicationFactor) {
        return new NewTopic(name, 1, (short) replicationFactor).configs(Map.of(
                "cleanup.policy", "compact",
                "min.insync.replicas", String.valueOf(Math.min(2, replicationFactor))));
    }

    /** Starts reading and returns once every record written so far is applied. */
    public void start(Duration timeout) throws InterruptedException, TimeoutException {
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        long end = consumer.endOffsets(List.of(partition)).get(partition);
        reader.start();
        awaitPosition(end, timeout);
    }

    private void readLoop() {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    RegistryRecord record;
                    try {
                        record = RegistryRecordCodec.decode(r.key(), r.value());
                    } catch (RuntimeException e) {
                        // A record a newer registry wrote, or garbage: skipping it keeps this
                        // instance serving what it understands.
                        log.warn("skipping unreadable record at offset {} of {}: {}", r.offset(), partition, e.getMessage());
                        continue;
                    }
                    state.apply(record);
                }
                long p = consumer.position(partition);
                synchronized (positionLock) {
                    position = p;
                    positionLock.notifyAll();
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            readerFailure = e;
            log.error("schema registry reader stopped", e);
        } finally {
            consumer.close();
        }
    }

    private void awaitPosition(long offset, Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        synchronized (positionLock) {
            while (position < offset) {
                if (readerFailure != null) {
                    throw new IllegalStateException("the schema registry's reader stopped", readerFailure);
                }
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    throw new TimeoutException("schema registry did not reach offset " + offset + " of " + partition);
                }
                positionLock.wait(Math.min(left, 1000));
            }
        }
    }

    @Override
    public void catchUp() {
        try {
            long end = admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition)
                    .get(APPLY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).offset();
            awaitPosition(end, APPLY_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SchemaRegistryException.storeError("interrupted while reading " + partition.topic(), e);
        } catch (ExecutionException | TimeoutException | IllegalStateException e) {
            throw SchemaRegistryException.storeError("could not read " + partition.topic() + " to its end: " + e.getMessage(), e);
        }
    }

    @Override
    public void append(RegistryRecord record) {
        try {
            RecordMetadata m = producer.send(new ProducerRecord<>(partition.topic(), partition.partition(),
                    RegistryRecordCodec.key(record), RegistryRecordCodec.value(record))).get();
            awaitPosition(m.offset() + 1, APPLY_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SchemaRegistryException.storeError("interrupted while writing " + partition.topic(), e);
        } catch (ExecutionException | TimeoutException | IllegalStateException e) {
            throw SchemaRegistryException.storeError("could not write " + partition.topic() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            reader.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
        admin.close(Duration.ofSeconds(5));
    }
}
