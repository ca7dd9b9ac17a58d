package dev.dynalog.streams.processor;

import dev.dynalog.schemas.change.ChangeRecord;
import dev.dynalog.schemas.command.Command;
import dev.dynalog.schemas.command.CommandCodec;
import dev.dynalog.schemas.command.StreamStamp;
import dev.dynalog.streams.changes.ChangeKey;
import dev.dynalog.streams.changes.ChangeRecordFactory;
import dev.dynalog.streams.read.ProcessedOffsets;
import dev.dynalog.streams.reply.ResultSink;
import dev.dynalog.streams.state.MutableItemState;
import dev.dynalog.streams.state.StoreItemState;
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
public final class CommandProcessor implements Processor<byte[], byte[], ChangeKey, ChangeRecord> {
    public static final String ITEMS_STORE = "items";
    private static final Logger log = LoggerFactory.getLogger(CommandProcessor.class);

    private final CommandDecider decider = new CommandDecider();
    private final ItemEventApplier applier = new ItemEventApplier();
    private final ResultSink results;
    private final ProcessedOffsets offsets;
    private ProcessorContext<ChangeKey, ChangeRecord> context;
    private MutableItemState state;

    public CommandProcessor(ResultSink results, ProcessedOffsets offsets) {
        this.results = results;
        this.offsets = offsets;
    }

    @Override
    public void init(ProcessorContext<ChangeKey, ChangeRecord> context) {
        this.context = context;
        KeyValueStore<Bytes, byte[]> store = context.getStateStore(ITEMS_STORE);
        this.state = StoreItemState.writable(store);
        offsets.resetPartition(context.taskId().partition());
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
        Decision decision = decider.decide(command, state);
        for (ItemEvent event : decision.events()) {
            applier.apply(event, state);
        }
        if (command.getStream() != null) {
            forwardChanges(command, decision, where, record.timestamp());
        }
        offsets.processed(where.topic(), where.partition(), where.offset());
        results.complete(command.getOrigin(), command.getRequestId(), decision.result().atOffset(where.offset()));
    }

    private void forwardChanges(Command command, Decision decision, RecordMetadata where, long logTime) {
        StreamStamp stamp = command.getStream();
        int index = 0;
        for (ItemEvent event : decision.events()) {
            Optional<ChangeRecord> change = ChangeRecordFactory.of(stamp, command.getTableId(), event, where.offset(),
                    index, logTime);
            if (change.isPresent()) {
                ChangeKey key = new ChangeKey(where.partition(), ChangeRecordFactory.recordKey(stamp, change.get()));
                context.forward(new Record<>(key, change.get(), logTime));
                index++;
            }
        }
    }
}
