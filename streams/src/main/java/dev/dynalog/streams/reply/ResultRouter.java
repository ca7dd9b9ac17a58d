package dev.dynalog.streams.reply;

import dev.dynalog.streams.processor.CommandResult;
import java.net.URI;

/**
 * The processors' result sink on a node of a cluster: results of this node's requests complete
 * them here, results of other nodes' requests go to the node their origin names.
 */
public final class ResultRouter implements ResultSink {
    private final PendingResults local;
    private final RemoteResults remote;

    public ResultRouter(PendingResults local, RemoteResults remote) {
        this.local = local;
        this.remote = remote;
    }

    @Override
    public void complete(String origin, String requestId, CommandResult result) {
        if (local.nodeId().equals(origin)) {
            local.complete(origin, requestId, result);
            return;
        }
        URI node = NodeId.urlOf(origin);
        if (node != null) {
            remote.deliver(node, origin, requestId, result);
        }
    }
}
