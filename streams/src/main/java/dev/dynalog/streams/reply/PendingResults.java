package dev.dynalog.streams.reply;

import dev.dynalog.streams.processor.CommandResult;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This node's requests that wait for their command's result. Request ids are unique per node
 * run (node id + counter), and a node id is fresh on every start, so results of commands
 * reprocessed after a restart match nothing here, also when another node sends them. A request
 * is completed once: a second result for it (a command processed again after a failover) finds
 * nobody waiting.
 */
public final class PendingResults implements ResultSink {
    private final String nodeId;
    private final AtomicLong sequence = new AtomicLong();
    private final ConcurrentHashMap<String, CompletableFuture<CommandResult>> waiting = new ConcurrentHashMap<>();

    public PendingResults(String nodeId) {
        this.nodeId = nodeId;
    }

    public String nodeId() {
        return nodeId;
    }

    public String newRequestId() {
        return nodeId + ":" + sequence.incrementAndGet();
    }

    public CompletableFuture<CommandResult> register(String requestId) {
        CompletableFuture<CommandResult> future = new CompletableFuture<>();
        waiting.put(requestId, future);
        future.whenComplete((r, e) -> waiting.remove(requestId));
        return future;
    }

    @Override
    public void complete(String origin, String requestId, CommandResult result) {
        if (!nodeId.equals(origin)) {
            return; // for an earlier run of this node, or for another node (see ResultRouter)
        }
        CompletableFuture<CommandResult> future = waiting.get(requestId);
        if (future != null) {
            future.complete(result);
        }
    }

    public int size() {
        return waiting.size();
    }
}
