package dev.dynalog.streams.restore;

import dev.dynalog.schemas.command.Command;
import dev.dynalog.schemas.command.CommandCodec;
import dev.dynalog.schemas.command.CompleteTransaction;
import dev.dynalog.schemas.digest.TableDigest;
import dev.dynalog.streams.processor.PartitionStateMachine;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays one partition's cut of the command log through a state machine: the same commands in
 * the same order as the processor applied them, read as the processor reads them (committed
 * records only), so the machine ends in the state the processor had after the cut's last command.
 * At each RecordDigest command on the way it compares its state with the digest the processor
 * recorded there.
 */
final class PartitionReplay {
    private static final Logger log = LoggerFactory.getLogger(PartitionReplay.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration STALL_TIMEOUT = Duration.ofMinutes(2);

    /**
     * @param newestLogTime the newest log time among the replayed commands, or -1 for none
     * @param lastDigest    the last digest point of the table in the cut, or null
     * @param firstMismatch the first digest point where the replay differed, or null
     */
    record Outcome(int partition, long commands, long newestLogTime, DigestPoint lastDigest, DigestPoint firstMismatch) {
    }

    private PartitionReplay() {
    }

    /**
     * @param recorded           the table's digests the processor recorded in this partition, by offset
     * @param committedElsewhere collects the ids of transactions that this partition's log completed with a commit
     */
    static Outcome run(Properties consumerProperties, String commandLog, PartitionCut cut, PartitionStateMachine machine,
                       String tableId, NavigableMap<Long, TableDigest> recorded, Set<String> committedElsewhere,
                       RecoveryProgress progress) {
        TopicPartition tp = new TopicPartition(commandLog, cut.partition());
        DigestCollector digests = new DigestCollector(tableId, recorded);
        long commands = 0;
        long newest = -1;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties)) {
            consumer.assign(List.of(tp));
            consumer.seek(tp, cut.startOffset());
            long lastProgress = System.nanoTime();
            while (consumer.position(tp) < cut.endOffset()) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new IllegalStateException("the replay of partition " + cut.partition() + " was stopped");
                }
                List<ConsumerRecord<byte[], byte[]>> records = consumer.poll(POLL).records(tp);
                if (records.isEmpty()) {
                    if (System.nanoTime() - lastProgress > STALL_TIMEOUT.toNanos()) {
                        throw new IllegalStateException("could not read " + tp + " past offset " + consumer.position(tp));
                    }
                    continue;
                }
                lastProgress = System.nanoTime();
                long batch = 0;
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    if (record.offset() >= cut.endOffset()) {
                        break;
                    }
                    Command command;
                    try {
                        command = CommandCodec.decode(record.value());
                    } catch (RuntimeException e) {
                        // The processor skipped it too: it decides nothing.
                        log.debug("skipping undecodable command at {}@{}", tp, record.offset());
                        continue;
                    }
                    if (command.getBody() instanceof CompleteTransaction complete && complete.getCommit()) {
                        committedElsewhere.add(complete.getTransactionId());
                    }
                    machine.applyRecord(command, record.offset(), record.timestamp(), digests,
                            PartitionStateMachine.Results.NONE);
                    newest = Math.max(newest, record.timestamp());
                    batch++;
                }
                commands += batch;
                progress.replayed(batch);
            }
        }
        progress.partitionReplayed();
        return new Outcome(cut.partition(), commands, newest, digests.last, digests.firstMismatch);
    }

    /** Takes the machine's digests of the table and compares each with the recorded one at its offset. */
    private static final class DigestCollector implements PartitionStateMachine.Outputs {
        private final String tableId;
        private final Map<Long, TableDigest> recorded;
        private DigestPoint last;
        private DigestPoint firstMismatch;

        DigestCollector(String tableId, Map<Long, TableDigest> recorded) {
            this.tableId = tableId;
            this.recorded = recorded;
        }

        @Override
        public void digest(TableDigest digest, long logTime) {
            if (tableId == null || !digest.getTableId().equals(tableId)) {
                return;
            }
            DigestPoint point = new DigestPoint(digest.getOffset(), logTime, recorded.get(digest.getOffset()), digest);
            last = point;
            if (firstMismatch == null && point.recorded() != null && !point.matches()) {
                firstMismatch = point;
            }
        }
    }
}
