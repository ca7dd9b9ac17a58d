package dev.dynalog.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The {@code stream-lag} measurement, dynalog only (DynamoDB Local has no Kafka change topic):
 * writer threads put new items into a table with a stream, and a read_committed consumer of the
 * table's change topic, in this process, notes when each item's change record arrives. The lag
 * is arrival minus the put's acknowledgement, as a CDC consumer would see it.
 */
final class StreamLag {
    static final String TABLE = "benchstream";
    private static final Duration STRAGGLERS = Duration.ofSeconds(10);

    /** A put's acknowledgement or its change record's arrival, whichever the other meets. */
    private record Seen(boolean acknowledged, long nanos) {
    }

    record Result(int writers, double seconds, long writes, long records, long missing, Histogram lagMicros) {
        String line() {
            return String.format("stream-lag dynalog lean  %d writers: %.0f writes/s, %.0f change records/s, lag p50 %.2f ms"
                            + "  p95 %.2f  p99 %.2f  max %.2f  missing %d", writers, writes / seconds, records / seconds,
                    ms(50), ms(95), ms(99), lagMicros.getMaxValue() / 1000.0, missing);
        }

        String markdown() {
            return "\n## Change-stream lag (dynalog only)\n\nFrom a put's acknowledgement to its change record's arrival at a "
                    + "read_committed Kafka consumer of the table's change topic (lean client, 1 KB items).\n\n"
                    + "| writers | writes/s | change records/s | lag p50 ms | p95 ms | p99 ms | max ms | missing |\n"
                    + "|---:|---:|---:|---:|---:|---:|---:|---:|\n"
                    + String.format("| %d | %.0f | %.0f | %.2f | %.2f | %.2f | %.2f | %d |%n", writers, writes / seconds,
                    records / seconds, ms(50), ms(95), ms(99), lagMicros.getMaxValue() / 1000.0, missing);
        }

        private double ms(double percentile) {
            return lagMicros.getValueAtPercentile(percentile) / 1000.0;
        }
    }

    private StreamLag() {
    }

    static Result run(ServerProcess server, String applicationId, int threads, double warmupSeconds, double seconds,
                      String payload) throws Exception {
        try (LeanClient setup = new LeanClient(server.endpoint())) {
            setup.createTableWithStream(TABLE);
        }
        long start = System.nanoTime();
        long measureFrom = start + (long) (warmupSeconds * 1e9);
        long end = measureFrom + (long) (seconds * 1e9);
        Recorder lag = new Recorder(3);
        AtomicLong writes = new AtomicLong();
        AtomicLong records = new AtomicLong();
        ConcurrentHashMap<String, Seen> pending = new ConcurrentHashMap<>();
        AtomicBoolean consuming = new AtomicBoolean(true);

        // Whichever of acknowledgement and arrival comes second records the lag.
        BiConsumer<String, Seen> meet = (pk, seen) -> pending.merge(pk, seen, (first, second) -> {
            Seen ack = first.acknowledged() ? first : second;
            Seen arrival = first.acknowledged() ? second : first;
            if (ack.nanos() >= measureFrom && ack.nanos() < end) {
                lag.recordValue(Math.max(1, (arrival.nanos() - ack.nanos()) / 1000));
                records.incrementAndGet();
            }
            return null;
        });

        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        Future<?> consumer = pool.submit(() -> consume(server.kafkaBootstrap(), applicationId + "." + TABLE + ".changes",
                consuming, meet));
        List<Future<?>> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            writers.add(pool.submit(() -> {
                try (LeanClient client = new LeanClient(server.endpoint())) {
                    for (long n = 0; System.nanoTime() < end; n++) {
                        String pk = "s" + thread + "-" + n;
                        client.put(TABLE, pk, 0, payload, n);
                        long acknowledged = System.nanoTime();
                        if (acknowledged >= measureFrom && acknowledged < end) {
                            writes.incrementAndGet();
                        }
                        meet.accept(pk, new Seen(true, acknowledged));
                    }
                }
                return null;
            }));
        }
        for (Future<?> w : writers) {
            w.get();
        }
        long deadline = System.nanoTime() + STRAGGLERS.toNanos();
        while (System.nanoTime() < deadline && records.get() < writes.get()) {
            Thread.sleep(50);
        }
        consuming.set(false);
        consumer.get();
        pool.shutdown();
        long missing = pending.values().stream()
                .filter(s -> s.acknowledged() && s.nanos() >= measureFrom && s.nanos() < end).count();
        return new Result(threads, seconds, writes.get(), records.get(), missing, lag.getIntervalHistogram());
    }

    private static Void consume(String bootstrap, String topic, AtomicBoolean consuming,
                                BiConsumer<String, Seen> meet) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic)) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (consuming.get()) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    long arrived = System.nanoTime();
                    meet.accept(partitionKey(new String(r.key(), StandardCharsets.UTF_8)), new Seen(false, arrived));
                }
            }
        }
        return null;
    }

    /** The pk of a change record's key, the item's primary key in DynamoDB JSON. */
    private static String partitionKey(String keyJson) {
        String marker = "\"pk\":{\"S\":\"";
        int at = keyJson.indexOf(marker) + marker.length();
        return keyJson.substring(at, keyJson.indexOf('"', at));
    }
}
