package dev.dynalog.streams.processor;

import dev.dynalog.schemas.change.ChangeRecord;
import dev.dynalog.schemas.command.Command;
import dev.dynalog.schemas.command.CommandCodec;
import dev.dynalog.schemas.digest.TableDigest;
import dev.dynalog.schemas.index.IndexUpdate;
import dev.dynalog.streams.changes.ChangeKey;
import dev.dynalog.streams.read.ProcessedOffsets;
import dev.dynalog.streams.reply.ResultSink;
import dev.dynalog.streams.state.StatisticsMove;
import dev.dynalog.streams.state.StoreItemState;
import dev.dynalog.streams.transaction.StoreTransactionState;
import dev.dynalog.streams.transaction.TransactionActivity;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one task's commands in log order through the partition's {@link PartitionStateMachine},
 * forwards what they send to other topics, then hands the result to the waiting client.
 *
 * <p>Change records are forwarded to the change-topic sink, so Kafka Streams writes them in the
 * same exactly-once transaction as the state change: a consumer reading committed records sees
 * each change once, and only changes whose state was committed. A command emits change records
 * exactly when it carries a stream stamp (see {@code StreamStamps}); each event that changes an
 * item visibly gives one record, numbered from the command's offset, timed by its log timestamp
 * and sent to the partition the command came from. Digests go to the digests topic the same way.
 *
 * <p>The result is handed over before Kafka Streams commits the transaction that holds the state
 * change. That is safe because the command was durable before it was read (a consumer never sees
 * records above the high watermark) and deciding is deterministic: if the transaction aborts, the
 * restored task reprocesses the same commands against the same state and reaches the same
 * results.
 */
public final class CommandProcessor implements Processor<byte[], byte[], Object, Object> {
    public static final String ITEMS_STORE = "items";
    /** The counters of the partition's tables and local indexes (see ItemStoreKeys), cached until each commit. */
    public static final String STATISTICS_STORE = "statistics";
    /** Locks, prepared shares, decisions and tokens of the partition's transactions (see TransactionStoreKeys). */
    public static final String TRANSACTIONS_STORE = "transactions";
    /** The child that appends transaction steps to other partitions of the command log. */
    public static final String TRANSACTION_STEPS_SINK = "transaction-steps";
    /** The child that writes change records to the tables' change topics. */
    public static final String CHANGES_SINK = "changes";
    /** The child that writes global index updates to the index log. */
    public static final String INDEX_SINK = "index-updates";
    /** The child that writes the partition's digests to the digests topic. */
    public static final String DIGESTS_SINK = "digests";
    private static final Logger log = LoggerFactory.getLogger(CommandProcessor.class);

    private final ResultSink results;
    private final ProcessedOffsets offsets;
    private final TransactionActivity activity;
    private final String commandLog;
    private ProcessorContext<Object, Object> context;
    private PartitionStateMachine machine;
    private KeyValueStore<Bytes, byte[]> items;
    private KeyValueStore<Bytes, byte[]> statistics;
    private boolean countersMoved;
    private final PartitionStateMachine.Outputs forwarding = new PartitionStateMachine.Outputs() {
        @Override
        public void change(ChangeKey key, ChangeRecord record, long logTime) {
            context.forward(new Record<>(key, record, logTime), CHANGES_SINK);
        }

        @Override
        public void indexUpdate(IndexUpdate update, long logTime) {
            context.forward(new Record<>(CommandExpressions.bytes(update.getPartitionKey()), update, logTime),
                    INDEX_SINK);
        }

        @Override
        public void transactionStep(TransactionDecider.PartitionCommand step, long logTime) {
            context.forward(new Record<>(step.command().getRequestId().getBytes(StandardCharsets.UTF_8), step, logTime),
                    TRANSACTION_STEPS_SINK);
        }

        @Override
        public void digest(TableDigest digest, long logTime) {
            context.forward(new Record<>(digest.getTableId().getBytes(StandardCharsets.UTF_8), digest, logTime),
                    DIGESTS_SINK);
        }
    };

    public CommandProcessor(ResultSink results, ProcessedOffsets offsets, TransactionActivity activity,
                            String commandLog) {
        this.results = results;
        this.offsets = offsets;
        this.activity = activity;
        this.commandLog = commandLog;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.items = context.getStateStore(ITEMS_STORE);
        this.statistics = context.getStateStore(STATISTICS_STORE);
        KeyValueStore<Bytes, byte[]> transactions = context.getStateStore(TRANSACTIONS_STORE);
        int partition = context.taskId().partition();
        offsets.resetPartition(commandLog, partition);
        this.machine = new PartitionStateMachine(partition, StoreItemState.writable(items, statistics),
                StoreTransactionState.writable(transactions), activity);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata where = context.recordMetadata().orElseThrow();
        if (!countersMoved) {
            // In the first record's processing, not in init: store writes are logged under a record's context.
            if (StatisticsMove.moveOnce(items, statistics, StatisticsMove.ITEM_COUNTERS)) {
                log.info("moved the counters of task {} from the items store to the statistics store", context.taskId());
            }
            countersMoved = true;
        }
        Command command;
        try {
            command = CommandCodec.decode(record.value());
        } catch (RuntimeException e) {
            // A record we cannot read decides nothing; skipping it is the same on every replay.
            log.warn("skipping undecodable command at {}-{}@{}", where.topic(), where.partition(), where.offset(), e);
            offsets.processed(where.topic(), where.partition(), where.offset());
            return;
        }
        long offset = where.offset();
        machine.applyRecord(command, offset, record.timestamp(), forwarding,
                (decided, result) -> results.complete(decided.getOrigin(), decided.getRequestId(), result.atOffset(offset)));
        offsets.processed(where.topic(), where.partition(), offset);
    }

    /** The task is closed (moved away, or to be restored): writers wait for it no longer. */
    @Override
    public void close() {
        offsets.resetPartition(commandLog, context.taskId().partition());
        activity.unknown(context.taskId().partition());
    }
}
