package dev.dynalog.streams.catalog;

import dev.dynalog.core.model.TableDefinition;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
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
 * The table definitions of the cluster, read from the compacted {@code _catalog} topic (key: table
 * name, value: {@link TableDefinitionCodec}, tombstone when a table is gone) by a background
 * consumer, and written through the same topic. A write returns once this node's view includes
 * it, so a request that follows sees its own control-plane change.
 */
public final class TableCatalog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TableCatalog.class);

    private final TopicPartition partition;
    private final KafkaProducer<byte[], byte[]> producer;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final ConcurrentHashMap<String, TableDefinition> tables = new ConcurrentHashMap<>();
    private final Thread reader;
    private final Object positionLock = new Object();
    private volatile long position = 0;
    private volatile boolean running = true;

    public TableCatalog(String bootstrapServers, String topic) {
        this.partition = new TopicPartition(topic, 0);
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
        this.reader = new Thread(this::readLoop, "dynalog-catalog-reader");
        this.reader.setDaemon(true);
    }

    /** Starts reading and returns once every definition written so far is loaded. */
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
                    String name = new String(r.key(), StandardCharsets.UTF_8);
                    if (r.value() == null) {
                        tables.remove(name);
                    } else {
                        tables.put(name, TableDefinitionCodec.decode(r.value()));
                    }
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
            log.error("catalog reader stopped", e);
        } finally {
            consumer.close();
        }
    }

    private void awaitPosition(long offset, Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        synchronized (positionLock) {
            while (position < offset) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    throw new TimeoutException("catalog did not reach offset " + offset);
                }
                positionLock.wait(left);
            }
        }
    }

    public Optional<TableDefinition> get(String name) {
        return Optional.ofNullable(tables.get(name));
    }

    /** All tables, by name. */
    public List<TableDefinition> all() {
        List<TableDefinition> list = new ArrayList<>(tables.values());
        list.sort(Comparator.comparing(TableDefinition::name));
        return list;
    }

    /** Writes a definition and waits until this node sees it. */
    public void put(TableDefinition table) {
        write(table.name(), TableDefinitionCodec.encode(table));
    }

    /** Removes a table's definition and waits until this node sees it gone. */
    public void remove(String name) {
        write(name, null);
    }

    private void write(String name, byte[] value) {
        try {
            RecordMetadata m = producer.send(new ProducerRecord<>(partition.topic(), partition.partition(),
                    name.getBytes(StandardCharsets.UTF_8), value)).get();
            awaitPosition(m.offset() + 1, Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the catalog", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not write the catalog", e);
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
    }
}
