package dev.dynalog.streams.reply;

import dev.dynalog.streams.processor.CommandResult;

/** Where the processor hands a command's result for the client that waits for it. */
public interface ResultSink {

    /**
     * Delivers the result of request {@code requestId} to node {@code origin}. Results of
     * requests nobody waits for any more (e.g. when the log is reprocessed after a crash) are
     * dropped.
     */
    void complete(String origin, String requestId, CommandResult result);
}
