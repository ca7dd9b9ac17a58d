package dev.dynalog.streams.log;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-partition compacted topic used as a replicated state log (the table catalog, the
 * schema registry): a background thread reads it from the beginning and hands every record, in
 * order, to the owner's {@code apply}; an append returns once that thread has applied it, so the
 * writer's next read sees its own write. One partition gives every node the same order, hence
 * the same state.
 */
public final class CompactedTopicLog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CompactedTopicLog.class);

    private final TopicPartition partition;
    private final Consumer<ConsumerRecord<byte[], byte[]>> apply;
    private final KafkaProducer<byte[], byte[]> producer;
    /** Belongs to the reader thread once started. */
    private final KafkaConsumer<byte[], byte[]> consumer;
    /** Finds the topic's end for {@link #catchUp}, as the consumer is the reader thread's. */
    private final Admin admin;
    private final Thread reader;
    private final Object positionLock = new Object();
    private volatile long position = 0;
    private volatile boolean running = true;
    private volatile RuntimeException readerFailure;

    public CompactedTopicLog(String bootstrapServers, String topic, String readerThreadName,
                             Consumer<ConsumerRecord<byte[], byte[]>> apply) {
        this.partition = new TopicPartition(topic, 0);
        this.apply = apply;
        Properties pp = new Properties();
        pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        pp.put(ProducerConfig.ACKS_CONFIG, "all");
        pp.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // Each write waits until this node reads it back: nothing to batch, so no linger.
        pp.put(ProducerConfig.LINGER_MS_CONFIG, 0);
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
        this.reader = new Thread(this::readLoop, readerThreadName);
        this.reader.setDaemon(true);
    }

    public String topic() {
        return partition.topic();
    }

    /** Starts reading and returns once every record written so far is applied. */
    public void start(Duration timeout) throws InterruptedException, TimeoutException {
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        long end = consumer.endOffsets(List.of(partition)).get(partition);
        reader.start();
        awaitPosition(end, timeout);
    }

    /** Appends a record (a null value is a tombstone) and returns once it has been applied here. */
    public void append(byte[] key, byte[] value, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        long offset = producer.send(new ProducerRecord<>(partition.topic(), partition.partition(), key, value))
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS).offset();
        awaitPosition(offset + 1, timeout);
    }

    /** Returns once every record written anywhere before the call has been applied here. */
    public void catchUp(Duration timeout) throws InterruptedException, ExecutionException, TimeoutException {
        long end = admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition)
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS).offset();
        awaitPosition(end, timeout);
    }

    private void readLoop() {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    apply.accept(r);
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
            log.error("reader of {} stopped", partition.topic(), e);
        } finally {
            consumer.close();
        }
    }

    private void awaitPosition(long offset, Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        synchronized (positionLock) {
            while (position < offset) {
                if (readerFailure != null) {
                    throw new IllegalStateException("the reader of " + partition.topic() + " stopped", readerFailure);
                }
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    throw new TimeoutException(partition.topic() + " was not read to offset " + offset + " in time");
                }
                positionLock.wait(Math.min(left, 1000));
            }
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
