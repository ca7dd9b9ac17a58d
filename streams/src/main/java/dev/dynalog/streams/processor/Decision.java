package dev.dynalog.streams.processor;

import java.util.List;

/** A decider's verdict on a command: the events to apply and the result to report. */
public record Decision(List<ItemEvent> events, CommandResult result) {
}
