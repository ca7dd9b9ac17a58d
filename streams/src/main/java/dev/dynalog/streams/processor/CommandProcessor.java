package dev.dynalog.streams.processor;

import dev.dynalog.schemas.change.ChangeRecord;
import dev.dynalog.schemas.command.Command;
import dev.dynalog.schemas.command.CommandCodec;
import dev.dynalog.schemas.command.StreamStamp;
import dev.dynalog.schemas.index.IndexUpdate;
import dev.dynalog.streams.changes.ChangeKey;
import dev.dynalog.streams.changes.ChangeRecordFactory;
import dev.dynalog.streams.index.TableIndexes;
import dev.dynalog.streams.read.ProcessedOffsets;
import dev.dynalog.streams.reply.ResultSink;
import dev.dynalog.streams.state.ItemStoreKeys;
import dev.dynalog.streams.state.MutableItemState;
import dev.dynalog.streams.state.StoreItemState;
import dev.dynalog.schemas.transaction.PreparedWrite;
import dev.dynalog.streams.transaction.LockView;
import dev.dynalog.streams.transaction.MutableTransactionState;
import dev.dynalog.streams.transaction.StoreTransactionState;
import dev.dynalog.streams.transaction.TransactionActivity;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one task's commands in log order: decode, decide against the current state, apply the
 * events, forward their change records, then hand the result to the waiting client.
 *
 * <p>Change records are forwarded to the change-topic sink, so Kafka Streams writes them in the
 * same exactly-once transaction as the state change: a consumer reading committed records sees
 * each change once, and only changes whose state was committed. A command emits change records
 * exactly when it carries a stream stamp (see {@code StreamStamps}); each event that changes an
 * item visibly gives one record, numbered from the command's offset, timed by its log timestamp
 * and sent to the partition the command came from.
 *
 * <p>The result is handed over before Kafka Streams commits the transaction that holds the state
 * change. That is safe because the command was durable before it was read (a consumer never sees
 * records above the high watermark) and deciding is deterministic: if the transaction aborts, the
 * restored task reprocesses the same commands against the same state and reaches the same
 * results.
 */
public final class CommandProcessor implements Processor<byte[], byte[], Object, Object> {
    public static final String ITEMS_STORE = "items";
    /** Locks, prepared shares, decisions and tokens of the partition's transactions (see TransactionStoreKeys). */
    public static final String TRANSACTIONS_STORE = "transactions";
    /** The child that appends transaction steps to other partitions of the command log. */
    public static final String TRANSACTION_STEPS_SINK = "transaction-steps";
    /** The child that writes change records to the tables' change topics. */
    public static final String CHANGES_SINK = "changes";
    /** The child that writes global index updates to the index log. */
    public static final String INDEX_SINK = "index-updates";
    private static final Logger log = LoggerFactory.getLogger(CommandProcessor.class);

    private final CommandDecider decider = new CommandDecider();
    private final ItemEventApplier applier = new ItemEventApplier();
    private final TransactionEventApplier transactionApplier = new TransactionEventApplier();
    private final ResultSink results;
    private final ProcessedOffsets offsets;
    private final TransactionActivity activity;
    private ProcessorContext<Object, Object> context;
    private MutableItemState state;
    private MutableTransactionState transactions;
    private TransactionDecider transactionDecider;
    private int partition;
    /**
     * When each prepared share of this partition is next overdue, by transaction id: a mirror of
     * the transaction store (rebuilt from it when the task starts), so that the store is scanned
     * for overdue shares only when one is.
     */
    private final Map<Bytes, Long> shareDeadlines = new HashMap<>();
    /**
     * Index definitions read from the store, by table id; only a cache of the state (cleared when
     * the task is initialised again, e.g. after its state was restored), updated with each
     * definition this processor applies.
     */
    private final Map<Bytes, Optional<TableIndexes>> indexes = new HashMap<>();

    private final String commandLog;

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
        indexes.clear();
        KeyValueStore<Bytes, byte[]> store = context.getStateStore(ITEMS_STORE);
        this.state = StoreItemState.writable(store);
        this.transactions = StoreTransactionState.writable(context.getStateStore(TRANSACTIONS_STORE));
        this.partition = context.taskId().partition();
        this.transactionDecider = new TransactionDecider(partition);
        offsets.resetPartition(commandLog, partition);
        shareDeadlines.clear();
        transactions.forEachPrepared((id, share) -> shareDeadlines.put(Bytes.wrap(id), TransactionDecider.deadline(share)));
        activity.preparedShares(partition, shareDeadlines.size());
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata where = context.recordMetadata().orElseThrow();
        Command command;
        try {
            command = CommandCodec.decode(record.value());
        } catch (RuntimeException e) {
            // A record we cannot read decides nothing; skipping it is the same on every replay.
            log.warn("skipping undecodable command at {}-{}@{}", where.topic(), where.partition(), where.offset(), e);
            offsets.processed(where.topic(), where.partition(), where.offset());
            return;
        }
        long logTime = record.timestamp();
        int[] changeIndex = {0};
        CommandResult result;
        if (TransactionSteps.isTransactionStep(command)) {
            result = CommandResult.transaction(applyStep(
                    TransactionSteps.decide(transactionDecider, command, state, transactions, this::indexesOf, logTime),
                    where, logTime, changeIndex));
        } else {
            Bytes tableId = Bytes.wrap(ItemStoreKeys.tableIdBytes(command.getTableId()));
            // Locks belong to prepared shares: without a share the store need not be asked.
            Decision decision = decider.decide(command, state, indexesOf(tableId.get()),
                    shareDeadlines.isEmpty() ? LockView.NONE : transactions);
            for (ItemEvent event : decision.events()) {
                applier.apply(event, state);
                if (event instanceof ItemEvent.IndexesDefined || event instanceof ItemEvent.TablePurged) {
                    indexes.remove(tableId);
                }
            }
            decision.transactionEvents().forEach(e -> transactionApplier.apply(e, transactions));
            if (command.getStream() != null) {
                forwardChanges(command.getStream(), command.getTableId(), null, decision.events(), where, logTime,
                        changeIndex);
            }
            forwardIndexUpdates(decision.indexUpdates(), logTime);
            result = decision.result();
        }
        resolveOverdueShares(where, logTime, changeIndex);
        offsets.processed(where.topic(), where.partition(), where.offset());
        results.complete(command.getOrigin(), command.getRequestId(), result.atOffset(where.offset()));
    }

    /**
     * Applies a decided transaction step: its transaction events, the writes it commits (between
     * the version bumps that tell transactional readers a transaction completed under them), the
     * commands it sends to other partitions.
     *
     * @param changeIndex the next change record's position among the command's records
     */
    private TransactionResult applyStep(TransactionDecider.Step step, RecordMetadata where, long logTime,
                                        int[] changeIndex) {
        for (TransactionEvent event : step.events()) {
            transactionApplier.apply(event, transactions);
            trackShares(event, logTime);
        }
        if (!step.commit().isEmpty()) {
            activity.applying(partition);
            try {
                String transactionId = step.transactionId();
                for (PreparedWrite write : step.commit()) {
                    byte[] tableId = ItemStoreKeys.tableIdBytes(write.getTableId());
                    Decision decision = CommandDecider.committedWrite(tableId, CommandExpressions.bytes(write.getKey()),
                            write.getNewItem() == null ? null : CommandExpressions.bytes(write.getNewItem()), state,
                            indexesOf(tableId));
                    decision.events().forEach(e -> applier.apply(e, state));
                    if (write.getStream() != null) {
                        forwardChanges(write.getStream(), write.getTableId(), transactionId, decision.events(), where,
                                logTime, changeIndex);
                    }
                    forwardIndexUpdates(decision.indexUpdates(), logTime);
                }
            } finally {
                activity.applied(partition);
            }
        }
        for (TransactionDecider.PartitionCommand next : step.steps()) {
            context.forward(new Record<>(next.command().getRequestId().getBytes(StandardCharsets.UTF_8), next,
                    logTime), TRANSACTION_STEPS_SINK);
        }
        return step.result();
    }

    /** Keeps {@link #shareDeadlines} equal to the store's prepared shares. */
    private void trackShares(TransactionEvent event, long logTime) {
        if (event instanceof TransactionEvent.SharePrepared p) {
            shareDeadlines.put(Bytes.wrap(p.transactionId()), logTime + TransactionDecider.TIMEOUT_MILLIS);
        } else if (event instanceof TransactionEvent.ShareUpdated u) {
            shareDeadlines.put(Bytes.wrap(u.transactionId()), logTime + TransactionDecider.TIMEOUT_MILLIS);
        } else if (event instanceof TransactionEvent.ShareReleased r) {
            shareDeadlines.remove(Bytes.wrap(r.transactionId()));
        } else {
            return;
        }
        activity.preparedShares(partition, shareDeadlines.size());
    }

    /** Shares held past the timeout at this log time ask their coordinator to resolve them. */
    private void resolveOverdueShares(RecordMetadata where, long logTime, int[] changeIndex) {
        if (shareDeadlines.isEmpty() || shareDeadlines.values().stream().allMatch(d -> d > logTime)) {
            return;
        }
        for (TransactionDecider.Step step : transactionDecider.timeouts(transactions, logTime)) {
            applyStep(step, where, logTime, changeIndex);
        }
    }

    private void forwardIndexUpdates(List<IndexUpdate> updates, long logTime) {
        for (IndexUpdate update : updates) {
            context.forward(new Record<>(CommandExpressions.bytes(update.getPartitionKey()), update, logTime),
                    INDEX_SINK);
        }
    }

    /** The task is closed (moved away, or to be restored): writers wait for it no longer. */
    @Override
    public void close() {
        offsets.resetPartition(commandLog, context.taskId().partition());
        activity.unknown(context.taskId().partition());
    }

    private TableIndexes indexesOf(byte[] tableIdBytes) {
        return indexes.computeIfAbsent(Bytes.wrap(tableIdBytes), id -> {
            byte[] stored = state.get(ItemStoreKeys.indexDefinitions(id.get()));
            return stored == null ? Optional.empty() : Optional.of(TableIndexes.decode(stored));
        }).orElse(null);
    }

    /**
     * Forwards the change records of {@code events}, numbered from {@code changeIndex[0]} among the
     * command's records (advanced past them), marked with {@code transactionId} when not null.
     */
    private void forwardChanges(StreamStamp stamp, String tableId, String transactionId, List<ItemEvent> events,
                                RecordMetadata where, long logTime, int[] changeIndex) {
        for (ItemEvent event : events) {
            Optional<ChangeRecord> change = ChangeRecordFactory.of(stamp, tableId, event, where.offset(),
                    changeIndex[0], logTime);
            if (change.isPresent()) {
                change.get().setTransactionId(transactionId);
                ChangeKey key = new ChangeKey(where.partition(), ChangeRecordFactory.recordKey(stamp, change.get()));
                context.forward(new Record<>(key, change.get(), logTime), CHANGES_SINK);
                changeIndex[0]++;
            }
        }
    }
}
