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
import java.util.HashMap;
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
    /** The child that writes change records to the tables' change topics. */
    public static final String CHANGES_SINK = "changes";
    /** The child that writes global index updates to the index log. */
    public static final String INDEX_SINK = "index-updates";
    private static final Logger log = LoggerFactory.getLogger(CommandProcessor.class);

    private final CommandDecider decider = new CommandDecider();
    private final ItemEventApplier applier = new ItemEventApplier();
    private final ResultSink results;
    private final ProcessedOffsets offsets;
    private ProcessorContext<Object, Object> context;
    private MutableItemState state;
    /**
     * Index definitions read from the store, by table id; only a cache of the state (cleared when
     * the task is initialised again, e.g. after its state was restored), updated with each
     * definition this processor applies.
     */
    private final Map<Bytes, Optional<TableIndexes>> indexes = new HashMap<>();

    private final String commandLog;

    public CommandProcessor(ResultSink results, ProcessedOffsets offsets, String commandLog) {
        this.results = results;
        this.offsets = offsets;
        this.commandLog = commandLog;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        indexes.clear();
        KeyValueStore<Bytes, byte[]> store = context.getStateStore(ITEMS_STORE);
        this.state = StoreItemState.writable(store);
        offsets.resetPartition(commandLog, context.taskId().partition());
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
        Bytes tableId = Bytes.wrap(ItemStoreKeys.tableIdBytes(command.getTableId()));
        Decision decision = decider.decide(command, state, indexesOf(tableId));
        for (ItemEvent event : decision.events()) {
            applier.apply(event, state);
            if (event instanceof ItemEvent.IndexesDefined || event instanceof ItemEvent.TablePurged) {
                indexes.remove(tableId);
            }
        }
        if (command.getStream() != null) {
            forwardChanges(command, decision, where, record.timestamp());
        }
        for (IndexUpdate update : decision.indexUpdates()) {
            context.forward(new Record<>(CommandExpressions.bytes(update.getPartitionKey()), update, record.timestamp()),
                    INDEX_SINK);
        }
        offsets.processed(where.topic(), where.partition(), where.offset());
        results.complete(command.getOrigin(), command.getRequestId(), decision.result().atOffset(where.offset()));
    }

    /** The task is closed (moved away, or to be restored): writers wait for it no longer. */
    @Override
    public void close() {
        offsets.resetPartition(commandLog, context.taskId().partition());
    }

    private TableIndexes indexesOf(Bytes tableId) {
        return indexes.computeIfAbsent(tableId, id -> {
            byte[] stored = state.get(ItemStoreKeys.indexDefinitions(id.get()));
            return stored == null ? Optional.empty() : Optional.of(TableIndexes.decode(stored));
        }).orElse(null);
    }

    private void forwardChanges(Command command, Decision decision, RecordMetadata where, long logTime) {
        StreamStamp stamp = command.getStream();
        int index = 0;
        for (ItemEvent event : decision.events()) {
            Optional<ChangeRecord> change = ChangeRecordFactory.of(stamp, command.getTableId(), event, where.offset(),
                    index, logTime);
            if (change.isPresent()) {
                ChangeKey key = new ChangeKey(where.partition(), ChangeRecordFactory.recordKey(stamp, change.get()));
                context.forward(new Record<>(key, change.get(), logTime), CHANGES_SINK);
                index++;
            }
        }
    }
}
