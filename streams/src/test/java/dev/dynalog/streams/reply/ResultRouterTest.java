package dev.dynalog.streams.reply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynalog.core.error.CancellationReason;
import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.streams.processor.CommandResult;
import dev.dynalog.streams.processor.TransactionResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ResultRouterTest {
    private static final URI HERE = URI.create("http://node-a:8000");
    private static final URI THERE = URI.create("http://node-b:8000");

    private record Sent(URI node, String origin, String requestId) {
    }

    private final List<Sent> sent = new ArrayList<>();
    private final RemoteResults remote = (node, origin, requestId, result) -> sent.add(new Sent(node, origin, requestId));

    @Test
    void aResultForThisNodeCompletesItsRequestAndGoesNowhereElse() {
        PendingResults pending = new PendingResults(NodeId.fresh(HERE).value());
        String id = pending.newRequestId();
        CompletableFuture<CommandResult> waiting = pending.register(id);
        new ResultRouter(pending, remote).complete(pending.nodeId(), id, CommandResult.applied(null, 10));
        assertThat(waiting).isCompleted();
        assertThat(sent).isEmpty();
    }

    @Test
    void aResultForAnotherNodeGoesToTheUrlItsOriginNames() {
        PendingResults pending = new PendingResults(NodeId.fresh(HERE).value());
        String origin = NodeId.fresh(THERE).value();
        new ResultRouter(pending, remote).complete(origin, origin + ":1", CommandResult.applied(null, 10));
        assertThat(sent).containsExactly(new Sent(THERE, origin, origin + ":1"));
    }

    @Test
    void aResultForAnEarlierRunOfThisNodeAtTheSameAddressCompletesNothing() {
        String earlier = NodeId.fresh(HERE).value();
        PendingResults restarted = new PendingResults(NodeId.fresh(HERE).value());
        String id = restarted.newRequestId();
        CompletableFuture<CommandResult> waiting = restarted.register(id);
        // Same counter value, the earlier run's id: delivered here by another node, and dropped.
        restarted.complete(earlier, earlier + id.substring(id.lastIndexOf(':')), CommandResult.applied(null, 1));
        restarted.complete(earlier, id, CommandResult.applied(null, 1));
        assertThat(waiting).isNotDone();
    }

    @Test
    void aSecondResultForTheSameRequestChangesNothing() {
        PendingResults pending = new PendingResults(NodeId.fresh(HERE).value());
        String id = pending.newRequestId();
        CompletableFuture<CommandResult> waiting = pending.register(id);
        pending.complete(pending.nodeId(), id, CommandResult.applied(null, 1).atOffset(5));
        pending.complete(pending.nodeId(), id, CommandResult.conditionFailed(null, 1).atOffset(9));
        assertThat(waiting.join().outcome()).isEqualTo(CommandResult.Outcome.APPLIED);
        assertThat(waiting.join().logOffset()).isEqualTo(5);
        assertThat(pending.size()).isZero();
    }

    @Test
    void aResultWithoutAnAddressIsDropped() {
        PendingResults pending = new PendingResults(NodeId.fresh(HERE).value());
        new ResultRouter(pending, remote).complete("", "x", CommandResult.applied(null, 1));
        new ResultRouter(pending, remote).complete(null, "x", CommandResult.applied(null, 1));
        assertThat(sent).isEmpty();
    }

    @Test
    void resultsCrossTheWireUnchanged() throws Exception {
        CommandResult failed = new CommandResult(CommandResult.Outcome.CONDITION_FAILED, new byte[] {1, 2, 3}, null, 120,
                42, 900, null, null);
        CommandResult transaction = CommandResult.transaction(new TransactionResult(TransactionResult.Verdict.REFUSED,
                List.of(new TransactionResult.ActionResult(0, CancellationReason.none(), 10, -1),
                        new TransactionResult.ActionResult(1, CancellationReason.conditionalCheckFailed(
                                Map.of("id", new AttributeValue.S("bob"))), 20, 300)), null)).atOffset(7);
        CommandResult invalid = CommandResult.invalid("An operand in the update expression has an incorrect data type");
        for (CommandResult r : List.of(failed, transaction, invalid, CommandResult.backfilled(new byte[] {9}))) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CommandResultCodec.write(new DataOutputStream(bytes), r);
            CommandResult back = CommandResultCodec.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
            assertThat(back).usingRecursiveComparison().isEqualTo(r);
        }
    }
}
