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
    void aReadOfATaskThatProcessedNothingYetIsServedByCommittedState() {
        ReadBarrier restarted = new ReadBarrier(processed, tp -> 10, tp -> 10, Duration.ofMillis(300));

        restarted.await(LOG);
    }

    @Test
    void aWaitingReadIsWokenWhenTheProcessorAppliesItsWrite() throws Exception {
        AtomicInteger commitLookups = new AtomicInteger();
        ReadBarrier woken = new ReadBarrier(processed, tp -> 10, tp -> {
            commitLookups.incrementAndGet();
            return -1;
        }, Duration.ofSeconds(5));
        woken.acknowledged(LOG, 7);
        processed.processed(LOG.topic(), LOG.partition(), 3);
        CompletableFuture<Void> read = CompletableFuture.runAsync(() -> woken.await(LOG));
        Thread.sleep(20);

        processed.processed(LOG.topic(), LOG.partition(), 7);

        read.get(1, TimeUnit.SECONDS);
        // Woken by the processor, not by polling: the committed offset (checked every 100 ms) was never asked.
        assertThat(commitLookups).hasValue(0);
    }

    @Test
    void aTaskReinitialisedForgetsWhatItsEarlierIncarnationApplied() {
        processed.processed(LOG.topic(), LOG.partition(), 9);
        processed.resetPartition(LOG.topic(), LOG.partition());

        assertThat(processed.processed(LOG)).isEqualTo(-1);
    }

    @Test
    void anEventualReadOfAPartitionThisNodeNeverWroteDoesNotWaitNorAskTheBroker() {
        barrier.awaitAcknowledged(LOG);

        assertThat(endOffsetLookups).hasValue(0);
    }
}
