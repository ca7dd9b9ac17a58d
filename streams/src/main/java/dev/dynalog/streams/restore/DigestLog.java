package dev.dynalog.streams.restore;

import dev.dynalog.schemas.digest.TableDigest;
import dev.dynalog.schemas.digest.TableDigestCodec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The digests that the processors recorded for one table, read back from the digests topic. */
public final class DigestLog {
    private static final Logger log = LoggerFactory.getLogger(DigestLog.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration AWAIT = Duration.ofSeconds(10);

    private DigestLog() {
    }

    /**
     * The table's digests in one partition of the command log, by the offset of the command they
     * describe; with {@code awaitOffset} (not null), waits a while for the digest of that command,
     * which its processor may not have committed yet.
     */
    public static TreeMap<Long, TableDigest> read(String bootstrapServers, String digestsTopic, int partition,
                                                  String tableId, Long awaitOffset) {
        TreeMap<Long, TableDigest> digests = new TreeMap<>();
        long until = System.nanoTime() + AWAIT.toNanos();
        while (true) {
            digests.putAll(readOnce(bootstrapServers, digestsTopic, partition, tableId));
            if (awaitOffset == null || digests.containsKey(awaitOffset) || System.nanoTime() > until) {
                return digests;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return digests;
            }
        }
    }

    private static TreeMap<Long, TableDigest> readOnce(String bootstrapServers, String digestsTopic, int partition,
                                                      String tableId) {
        TreeMap<Long, TableDigest> digests = new TreeMap<>();
        TopicPartition tp = new TopicPartition(digestsTopic, partition);
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(CommandLogCuts.consumerProperties(bootstrapServers))) {
            List<TopicPartition> tps = List.of(tp);
            Map<TopicPartition, Long> ends = consumer.endOffsets(tps, TIMEOUT);
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (consumer.position(tp) < ends.get(tp)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + tp + " within " + TIMEOUT);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    TableDigest digest;
                    try {
                        digest = TableDigestCodec.decode(r.value());
                    } catch (RuntimeException e) {
                        log.warn("skipping an undecodable digest at {}@{}", tp, r.offset(), e);
                        continue;
                    }
                    if (digest.getTableId().equals(tableId)) {
                        digests.put(digest.getOffset(), digest);
                    }
                }
            }
        }
        return digests;
    }
}
