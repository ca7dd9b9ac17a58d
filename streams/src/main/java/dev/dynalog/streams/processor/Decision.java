package dev.dynalog.streams.processor;

import dev.dynalog.schemas.index.IndexUpdate;
import java.util.List;

/**
 * A decider's verdict on a command: the events to apply to the items and to the transaction
 * state, the global index updates to send to the index log, and the result to report.
 */
public record Decision(List<ItemEvent> events, List<IndexUpdate> indexUpdates, List<TransactionEvent> transactionEvents,
                       CommandResult result) {

    public Decision(List<ItemEvent> events, List<IndexUpdate> indexUpdates, CommandResult result) {
        this(events, indexUpdates, List.of(), result);
    }

    public Decision(List<ItemEvent> events, CommandResult result) {
        this(events, List.of(), List.of(), result);
    }
}
