package dev.dynalog.streams.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ProcessedOffsetsTest {
    private static final TopicPartition LOG = new TopicPartition("dynalog.commands", 1);
    private static final TopicPartition OTHER = new TopicPartition("dynalog.commands", 2);

    private final ProcessedOffsets offsets = new ProcessedOffsets();

    @Test
    void aWaitForAnOffsetAlreadyAppliedIsOverAtOnce() {
        offsets.processed(LOG.topic(), LOG.partition(), 10);

        assertThat(offsets.whenProcessed(LOG, 10)).isDone();
        assertThat(offsets.whenProcessed(LOG, -5)).isDone();
    }

    @Test
    void aWaitForAPartitionNoProcessorHereAppliesIsOverAtOnce() {
        assertThat(offsets.whenProcessed(LOG, 10)).isDone();

        offsets.processed(LOG.topic(), LOG.partition(), 3);
        offsets.resetPartition(LOG.topic(), LOG.partition());

        assertThat(offsets.whenProcessed(LOG, 10)).isDone();
    }

    @Test
    void aWaitEndsWhenTheProcessorReachesItsOffsetAndNotBefore() {
        offsets.processed(LOG.topic(), LOG.partition(), 3);
        CompletableFuture<Void> upTo7 = offsets.whenProcessed(LOG, 7);
        CompletableFuture<Void> upTo5 = offsets.whenProcessed(LOG, 5);

        offsets.processed(LOG.topic(), LOG.partition(), 4);
        assertThat(upTo5).isNotDone();
        assertThat(upTo7).isNotDone();

        offsets.processed(LOG.topic(), LOG.partition(), 6);
        assertThat(upTo5).isDone();
        assertThat(upTo7).isNotDone();

        offsets.processed(LOG.topic(), LOG.partition(), 7);
        assertThat(upTo7).isDone();
    }

    @Test
    void anotherPartitionsProgressEndsNoWait() {
        offsets.processed(LOG.topic(), LOG.partition(), 0);
        CompletableFuture<Void> wait = offsets.whenProcessed(LOG, 2);

        offsets.processed(OTHER.topic(), OTHER.partition(), 100);

        assertThat(wait).isNotDone();
    }

    @Test
    void aRestartOrARevocationOfThePartitionsTaskEndsTheWaits() {
        offsets.processed(LOG.topic(), LOG.partition(), 5);
        CompletableFuture<Void> wait = offsets.whenProcessed(LOG, 8);

        offsets.resetPartition(LOG.topic(), LOG.partition());

        assertThat(wait).isDone();
        assertThat(offsets.processed(LOG)).isEqualTo(-1);
    }

    @Test
    void blockedReadersAndPendingWaitsAreBothWoken() throws Exception {
        offsets.processed(LOG.topic(), LOG.partition(), 0);
        CompletableFuture<Void> wait = offsets.whenProcessed(LOG, 4);
        CompletableFuture<Boolean> reader = CompletableFuture.supplyAsync(() -> {
            try {
                return offsets.await(LOG, 4, 5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(50);

        offsets.processed(LOG.topic(), LOG.partition(), 4);

        assertThat(reader.get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(wait).isDone();
    }
}
