package dev.dynalog.streams.processor;

import dev.dynalog.core.error.CancellationReason;
import dev.dynalog.schemas.command.TransactionOutcome;
import java.util.List;

/**
 * What a transaction's command decided, for the front door that drives the transaction.
 *
 * @param verdict the decision
 * @param actions the outcome of each of the command's actions (fast path and prepare), in the
 *                command's order; empty for the other steps
 * @param repeated the outcome recorded for the token's first transaction ({@link Verdict#REPEAT})
 */
public record TransactionResult(Verdict verdict, List<ActionResult> actions, TransactionOutcome repeated) {

    public enum Verdict {
        /** The transaction's writes were applied: a fast-path transaction, or a decision to commit. */
        COMMITTED,
        /** A fast-path transaction was refused: nothing changed; see the actions' reasons. */
        CANCELED,
        /** Every action of the share holds: its items are locked until the transaction completes. */
        PREPARED,
        /** Some action of the share does not hold: nothing was locked. */
        REFUSED,
        /** The coordinator decided, or had decided, to abort. */
        ABORTED,
        /** The token was claimed for this transaction. */
        NEW,
        /** The token's transaction completed within the idempotency window with these parameters. */
        REPEAT,
        /** The token's transaction is still in progress. */
        IN_PROGRESS,
        /** The token was used within the window with other parameters. */
        MISMATCH,
        /** The step found nothing of the transaction to act on. */
        IGNORED
    }

    /**
     * @param index               the action's position in the request
     * @param reason              why it cannot be carried out, or {@link CancellationReason#none()}
     * @param capacityBytes       the item size DynamoDB's write-capacity rules charge for
     * @param collectionSizeBytes the item collection's size after the write (tables with local
     *                            indexes), else -1
     */
    public record ActionResult(int index, CancellationReason reason, long capacityBytes, long collectionSizeBytes) {
    }

    public static TransactionResult of(Verdict verdict) {
        return new TransactionResult(verdict, List.of(), null);
    }
}
