package dev.dynalog.streams.restore;

import dev.dynalog.schemas.snapshot.SnapshotChunk;
import dev.dynalog.schemas.snapshot.SnapshotEntry;
import dev.dynalog.schemas.snapshot.SnapshotStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/** Writes snapshots into the snapshots topic, lists the complete ones, and loads one into scratch stores. */
final class SnapshotLog {
    /** Bytes of entries per chunk: well under the topic's largest record. */
    private static final int CHUNK_BYTES = 1024 * 1024;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String bootstrapServers;
    private final String topic;
    private final int partitions;

    SnapshotLog(String bootstrapServers, String topic, int partitions) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.partitions = partitions;
    }

    /** The complete snapshots, oldest first. */
    List<Snapshot> list() {
        Map<String, Map<Integer, List<Long>>> chunkOffsets = new HashMap<>();
        Map<String, Map<Integer, SnapshotKey>> lastChunks = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumer())) {
            List<TopicPartition> tps = topicPartitions();
            Map<TopicPartition, Long> ends = consumer.endOffsets(tps, TIMEOUT);
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (tps.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " within " + TIMEOUT);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    SnapshotKey key = SnapshotKey.decode(r.key());
                    if (key == null || key.partition() != r.partition()) {
                        continue;
                    }
                    chunkOffsets.computeIfAbsent(key.snapshotId(), id -> new HashMap<>())
                            .computeIfAbsent(key.partition(), p -> new ArrayList<>()).add(r.offset());
                    if (key.last()) {
                        lastChunks.computeIfAbsent(key.snapshotId(), id -> new HashMap<>()).put(key.partition(), key);
                    }
                }
            }
        }
        List<Snapshot> complete = new ArrayList<>();
        lastChunks.forEach((id, lasts) -> {
            if (lasts.size() != partitions) {
                return;
            }
            Map<Integer, Snapshot.Part> parts = new HashMap<>();
            for (SnapshotKey last : lasts.values()) {
                List<Long> offsets = chunkOffsets.get(id).get(last.partition());
                // Every chunk up to the last one must be there: a snapshot cut short by a crash is not used.
                if (offsets.size() != last.sequence() + 1) {
                    return;
                }
                parts.put(last.partition(), new Snapshot.Part(last.partition(), last.endOffset(), last.logTime(),
                        offsets.get(0), offsets.get(offsets.size() - 1), offsets.size()));
            }
            complete.add(new Snapshot(id, parts));
        });
        complete.sort(Comparator.comparingLong(Snapshot::logTime));
        return complete;
    }

    /** Writes one partition's stores as a snapshot's chunks; returns the number of entries. */
    long write(String snapshotId, int partition, long endOffset, long logTime, KeyValueStore<Bytes, byte[]> items,
               KeyValueStore<Bytes, byte[]> transactions) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(4 * CHUNK_BYTES));
        long entries = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            List<SnapshotEntry> chunk = new ArrayList<>();
            int[] sequence = {0};
            long bytes = 0;
            for (SnapshotStore store : SnapshotStore.values()) {
                KeyValueStore<Bytes, byte[]> source = store == SnapshotStore.ITEMS ? items : transactions;
                try (KeyValueIterator<Bytes, byte[]> it = source.all()) {
                    while (it.hasNext()) {
                        KeyValue<Bytes, byte[]> kv = it.next();
                        chunk.add(new SnapshotEntry(store, ByteBuffer.wrap(kv.key.get()), ByteBuffer.wrap(kv.value)));
                        entries++;
                        bytes += kv.key.get().length + kv.value.length;
                        if (bytes >= CHUNK_BYTES) {
                            send(producer, new SnapshotKey(snapshotId, partition, endOffset, logTime, sequence[0]++,
                                    false), chunk);
                            chunk = new ArrayList<>();
                            bytes = 0;
                        }
                    }
                }
            }
            send(producer, new SnapshotKey(snapshotId, partition, endOffset, logTime, sequence[0], true), chunk);
            producer.flush();
        }
        return entries;
    }

    private void send(KafkaProducer<byte[], byte[]> producer, SnapshotKey key, List<SnapshotEntry> entries) {
        try {
            ByteBuffer value = SnapshotChunk.getEncoder().encode(new SnapshotChunk(entries));
            byte[] bytes = new byte[value.remaining()];
            value.get(bytes);
            producer.send(new ProducerRecord<>(topic, key.partition(), key.encode(), bytes)).get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing a snapshot", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("could not write a snapshot chunk: " + e.getCause().getMessage(), e);
        }
    }

    /** Loads one partition of a snapshot into (empty) scratch stores. */
    void load(Snapshot snapshot, int partition, KeyValueStore<Bytes, byte[]> items,
              KeyValueStore<Bytes, byte[]> transactions) {
        Snapshot.Part part = snapshot.partitions().get(partition);
        TopicPartition tp = new TopicPartition(topic, partition);
        int loaded = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumer())) {
            consumer.assign(List.of(tp));
            consumer.seek(tp, part.firstRecord());
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (loaded < part.chunks()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read snapshot " + snapshot.id() + " from " + tp);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.offset() > part.lastRecord()) {
                        break;
                    }
                    SnapshotKey key = SnapshotKey.decode(r.key());
                    if (key == null || !key.snapshotId().equals(snapshot.id())) {
                        continue;
                    }
                    SnapshotChunk chunk;
                    try {
                        chunk = SnapshotChunk.getDecoder().decode(r.value());
                    } catch (IOException e) {
                        throw new UncheckedIOException("snapshot " + snapshot.id() + " is damaged at " + tp + "@"
                                + r.offset(), e);
                    }
                    for (SnapshotEntry e : chunk.getEntries()) {
                        (e.getStore() == SnapshotStore.ITEMS ? items : transactions)
                                .put(Bytes.wrap(bytes(e.getKey())), bytes(e.getValue()));
                    }
                    loaded++;
                }
            }
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer b = buffer.duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    private Properties consumer() {
        return CommandLogCuts.consumerProperties(bootstrapServers);
    }

    private List<TopicPartition> topicPartitions() {
        List<TopicPartition> tps = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            tps.add(new TopicPartition(topic, p));
        }
        return tps;
    }
}
