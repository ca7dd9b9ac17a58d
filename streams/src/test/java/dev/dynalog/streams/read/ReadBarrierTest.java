package dev.dynalog.streams.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynalog.core.error.DynamoDbException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ReadBarrierTest {
    private static final TopicPartition LOG = new TopicPartition("dynalog.commands", 2);

    private final ProcessedOffsets processed = new ProcessedOffsets();
    private final AtomicInteger endOffsetLookups = new AtomicInteger();
    private final ReadBarrier barrier = new ReadBarrier(processed, tp -> {
        endOffsetLookups.incrementAndGet();
        return 10;
    }, tp -> -1, Duration.ofMillis(300));

    @Test
    void aStrongReadWaitsForTheLogEndOffsetSeenAtItsFirstRead() {
        processed.processed(LOG.topic(), LOG.partition(), 8);

        assertThatThrownBy(() -> barrier.await(LOG)).isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("Timed out");

        processed.processed(LOG.topic(), LOG.partition(), 9);
        barrier.await(LOG);
        assertThat(endOffsetLookups).hasValue(1);
    }

    @Test
    void aStrongReadWaitsForAWriteAcknowledgedBeforeItBegan() throws Exception {
        barrier.acknowledged(LOG, 42);
        CompletableFuture<Void> read = CompletableFuture.runAsync(() -> barrier.await(LOG));
        Thread.sleep(50);
        assertThat(read).isNotDone();

        processed.processed(LOG.topic(), LOG.partition(), 42);
        read.get(1, TimeUnit.SECONDS);
    }

    @Test
    void anEventualReadWaitsForTheWritesThisNodeAcknowledged() throws Exception {
        barrier.acknowledged(LOG, 5);
        CompletableFuture<Void> read = CompletableFuture.runAsync(() -> barrier.awaitAcknowledged(LOG));
        Thread.sleep(50);
        assertThat(read).isNotDone();

        processed.processed(LOG.topic(), LOG.partition(), 5);
        read.get(1, TimeUnit.SECONDS);
    }

    @Test
    void anEventualReadOfAPartitionThisNodeNeverWroteDoesNotWaitNorAskTheBroker() {
        barrier.awaitAcknowledged(LOG);

        assertThat(endOffsetLookups).hasValue(0);
    }
}
