package dev.dynalog.streams.reply;

import dev.dynalog.streams.processor.CommandResult;
import java.net.URI;

/** Carries results to the node whose client waits for them, when that is another node. */
public interface RemoteResults {

    /**
     * Hands the result over without blocking (it is called on a stream thread); delivery is best
     * effort, since a node that cannot be reached has no client waiting any more, or will time out.
     */
    void deliver(URI node, String origin, String requestId, CommandResult result);
}
