package dev.dynalog.streams.processor;

import dev.dynalog.schemas.index.IndexUpdate;
import java.util.List;

/**
 * A decider's verdict on a command: the events to apply, the global index updates to send to the
 * index log, and the result to report.
 */
public record Decision(List<ItemEvent> events, List<IndexUpdate> indexUpdates, CommandResult result) {

    public Decision(List<ItemEvent> events, CommandResult result) {
        this(events, List.of(), result);
    }
}
