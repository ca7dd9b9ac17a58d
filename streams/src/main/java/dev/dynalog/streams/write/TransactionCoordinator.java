package dev.dynalog.streams.write;

import dev.dynalog.core.error.CancellationReason;
import dev.dynalog.core.error.Errors;
import dev.dynalog.core.error.TransactionCanceledException;
import dev.dynalog.core.partition.Partitioner;
import dev.dynalog.schemas.command.BeginTransaction;
import dev.dynalog.schemas.command.CompleteTransaction;
import dev.dynalog.schemas.command.CoordinatorRef;
import dev.dynalog.schemas.command.DecideTransaction;
import dev.dynalog.schemas.command.TokenClaim;
import dev.dynalog.schemas.command.TransactAction;
import dev.dynalog.schemas.command.TransactWrite;
import dev.dynalog.schemas.command.TransactionOutcome;
import dev.dynalog.streams.processor.CommandResult;
import dev.dynalog.streams.processor.TransactionOutcomes;
import dev.dynalog.streams.processor.TransactionResult;
import dev.dynalog.streams.processor.TransactionResult.ActionResult;
import dev.dynalog.streams.processor.TransactionResult.Verdict;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The front door's half of TransactWriteItems: it drives a validated transaction through the
 * protocol on the command log and reports the outcome. It decides nothing that the log does not
 * record: votes come from the participants' processors, the decision from the coordinator
 * partition's processor (the first decision in its log stands), so a crash of this node at any
 * point leaves a state that the processors resolve by themselves (see TransactionDecider).
 *
 * <ol>
 *   <li>With a ClientRequestToken, the token is claimed in the partition it hashes to, which is
 *   then the transaction's coordinator, while the shares are prepared; a repeat gets the first
 *   outcome, and its shares are aborted.</li>
 *   <li>All items in one partition: one command, decided and applied at once (claiming the token
 *   there too; a token that hashes elsewhere is claimed there first).</li>
 *   <li>Otherwise each participant partition gets its share as a prepare and votes; the decision
 *   goes to the coordinator (which completes its own share in the same step), then a completion
 *   to every other participant. A write is answered once every completion is durable, and strong
 *   reads of those partitions wait for it to be applied.</li>
 * </ol>
 */
public final class TransactionCoordinator {
    private final CommandWriter writer;
    private final int partitions;

    public TransactionCoordinator(CommandWriter writer, int partitions) {
        this.writer = writer;
        this.partitions = partitions;
    }

    /** A validated action and where its item lives. */
    public record PlannedAction(int partition, byte[] partitionKey, TransactAction action) {
    }

    /**
     * A committed transaction's per-action results, in request order (capacity, collection sizes).
     */
    public record Committed(List<ActionResult> actions) {
    }

    /**
     * Runs the transaction. Completes with its results once committed; fails with DynamoDB's
     * TransactionCanceledException (one reason per action, in request order),
     * TransactionInProgressException or IdempotentParameterMismatchException.
     *
     * @param token  the ClientRequestToken, or null
     * @param digest SHA-256 of the request's parameters, for the token
     */
    public CompletableFuture<Committed> execute(List<PlannedAction> actions, String token, byte[] digest) {
        String transactionId = HexFormat.of().formatHex(uuidBytes());
        TreeMap<Integer, List<PlannedAction>> shares = new TreeMap<>();
        for (PlannedAction a : actions) {
            shares.computeIfAbsent(a.partition(), p -> new ArrayList<>()).add(a);
        }
        TokenClaim claim = token == null ? null : new TokenClaim(token, ByteBuffer.wrap(digest));
        int tokenPartition = token == null ? -1
                : Partitioner.partition(token.getBytes(StandardCharsets.UTF_8), partitions);
        if (shares.size() == 1 && (token == null || tokenPartition == shares.firstKey())) {
            return fastPath(transactionId, shares.firstEntry().getValue(), claim, actions.size());
        }
        if (shares.size() == 1) {
            return claimedThenFastPath(transactionId, shares.firstEntry().getValue(), tokenPartition, claim,
                    actions.size());
        }
        int coordinator = token == null ? shares.firstKey() : tokenPartition;
        return acrossPartitions(transactionId, shares, coordinator, claim, actions.size());
    }

    /**
     * A transaction in one partition whose token hashes to another: the token is claimed there
     * first, then the transaction runs as one command that claims the token in its own partition
     * too, and the outcome is recorded with the first claim afterwards, without waiting. The
     * second claim is what makes a retry safe whatever is lost in a crash: a retry that finds the
     * first claim unfinished takes it over after the timeout, and then meets the second claim,
     * with the first outcome, in the transaction's partition. The first claim is what finds a
     * reuse of the token with other items, wherever they are.
     */
    private CompletableFuture<Committed> claimedThenFastPath(String transactionId, List<PlannedAction> share,
                                                             int tokenPartition, TokenClaim claim, int actionCount) {
        return writer.submit(tokenPartition, transactionKey(transactionId),
                        writer.newStep().setBody(new BeginTransaction(transactionId, claim)).build())
                .thenCompose(begun -> {
                    if (begun.transaction().verdict() != Verdict.NEW) {
                        return CompletableFuture.completedFuture(answerToRepeat(begun.transaction()));
                    }
                    return fastPath(transactionId, share, claim, actionCount).whenComplete((done, error) -> {
                        List<CancellationReason> reasons = error == null ? List.of() : cancellation(error);
                        if (error == null || reasons != null) {
                            TransactionOutcome outcome = TransactionOutcomes.of(error == null, reasons);
                            writer.submit(tokenPartition, transactionKey(transactionId), writer.newStep()
                                    .setBody(new DecideTransaction(transactionId, error == null,
                                            List.of(share.get(0).partition()), claim.getToken(), outcome))
                                    .build());
                        }
                    });
                });
    }

    /** The reasons of a cancelled transaction, or null for any other failure. */
    private static List<CancellationReason> cancellation(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof TransactionCanceledException canceled ? canceled.reasons() : null;
    }

    private CompletableFuture<Committed> fastPath(String transactionId, List<PlannedAction> share, TokenClaim claim,
                                                  int actionCount) {
        TransactWrite write = new TransactWrite(transactionId, actionsOf(share), null, claim);
        PlannedAction first = share.get(0);
        return writer.submit(first.partition(), first.partitionKey(), writer.newStep().setBody(write).build())
                .thenApply(result -> {
                    TransactionResult decided = result.transaction();
                    return switch (decided.verdict()) {
                        case COMMITTED -> new Committed(sorted(decided.actions()));
                        case CANCELED -> throw Errors.transactionCanceled(reasons(decided.actions(), actionCount));
                        default -> answerToRepeat(decided);
                    };
                });
    }

    /**
     * Prepares every share, and claims the token (if any) at the same time: a repeat or a claim in
     * progress is found out one round later than it could be, and its shares are aborted then,
     * but every other transaction saves that round.
     */
    private CompletableFuture<Committed> acrossPartitions(String transactionId,
                                                          TreeMap<Integer, List<PlannedAction>> shares,
                                                          int coordinator, TokenClaim claim, int actionCount) {
        String token = claim == null ? null : claim.getToken();
        CompletableFuture<CommandResult> claimed = claim == null ? CompletableFuture.completedFuture(null)
                : writer.submit(coordinator, transactionKey(transactionId),
                        writer.newStep().setBody(new BeginTransaction(transactionId, claim)).build());
        List<Integer> participants = new ArrayList<>(shares.keySet());
        CoordinatorRef ref = new CoordinatorRef(coordinator, participants);
        List<CompletableFuture<CommandResult>> votes = new ArrayList<>();
        for (Map.Entry<Integer, List<PlannedAction>> e : shares.entrySet()) {
            TransactWrite prepare = new TransactWrite(transactionId, actionsOf(e.getValue()), ref, null);
            votes.add(writer.submitPrepare(e.getKey(), e.getValue().get(0).partitionKey(),
                    writer.newStep().setBody(prepare).build()));
        }
        List<CompletableFuture<CommandResult>> all = new ArrayList<>(votes);
        all.add(claimed);
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
                .handle((done, error) -> null)
                .thenCompose(ignored -> {
                    CommandResult claim0 = claimed.exceptionally(e -> null).join();
                    if (claim0 != null && claim0.transaction() != null
                            && claim0.transaction().verdict() != Verdict.NEW) {
                        // Another request holds the token: this one changes nothing.
                        return decide(transactionId, shares, coordinator, false, null, null)
                                .thenApply(aborted -> answerToRepeat(claim0.transaction()));
                    }
                    List<ActionResult> results = new ArrayList<>();
                    boolean allPrepared = claim == null || claim0 != null;
                    boolean answered = allPrepared;
                    for (CompletableFuture<CommandResult> vote : votes) {
                        CommandResult r = vote.exceptionally(e -> null).join();
                        if (r == null) {
                            answered = false;
                            allPrepared = false;
                            continue;
                        }
                        results.addAll(r.transaction().actions());
                        allPrepared &= r.transaction().verdict() == Verdict.PREPARED;
                    }
                    boolean commit = allPrepared;
                    boolean everyVote = answered;
                    // A refusal the client is told of is kept with the token; a transaction that got
                    // no answer from some participant is not, so that a retry may run it again.
                    TransactionOutcome outcome = token == null || (!commit && !everyVote) ? null
                            : TransactionOutcomes.of(commit, reasons(results, actionCount));
                    return decide(transactionId, shares, coordinator, commit, token, outcome)
                            .thenApply(committed -> {
                                if (committed) {
                                    return new Committed(sorted(results));
                                }
                                if (commit || !everyVote) {
                                    // Aborted by the coordinator (it ran past the timeout), or no vote.
                                    throw Errors.internal("The transaction could not be completed; retry it");
                                }
                                throw Errors.transactionCanceled(reasons(results, actionCount));
                            });
                });
    }

    /**
     * Records the decision where it is needed and completes every share. An abort of a transaction
     * without a token needs no record: no decision to commit can come from anywhere else, and the
     * coordinator aborts what it never heard of.
     *
     * @return whether the transaction committed
     */
    private CompletableFuture<Boolean> decide(String transactionId, TreeMap<Integer, List<PlannedAction>> shares,
                                              int coordinator, boolean commit, String token,
                                              TransactionOutcome outcome) {
        List<Integer> participants = new ArrayList<>(shares.keySet());
        CompletableFuture<Boolean> decided;
        boolean recorded = commit || token != null;
        if (recorded) {
            DecideTransaction decide = new DecideTransaction(transactionId, commit, participants, token, outcome);
            decided = writer.submit(coordinator, transactionKey(transactionId),
                            writer.newStep().setBody(decide).build())
                    .thenApply(r -> r.transaction().verdict() == Verdict.COMMITTED);
        } else {
            decided = CompletableFuture.completedFuture(false);
        }
        return decided.thenCompose(committed -> {
            List<CompletableFuture<CommandResult>> completions = new ArrayList<>();
            for (Map.Entry<Integer, List<PlannedAction>> e : shares.entrySet()) {
                if (recorded && e.getKey() == coordinator) {
                    continue; // completed by the decision itself
                }
                completions.add(writer.appendDurable(e.getKey(), e.getValue().get(0).partitionKey(),
                        writer.newStep().setBody(new CompleteTransaction(transactionId, committed)).build()));
            }
            return CompletableFuture.allOf(completions.toArray(CompletableFuture[]::new)).thenApply(done -> committed);
        });
    }

    private static Committed answerToRepeat(TransactionResult claimed) {
        return switch (claimed.verdict()) {
            case REPEAT -> {
                TransactionOutcome first = claimed.repeated();
                if (first.getCommitted()) {
                    yield new Committed(List.of());
                }
                throw Errors.transactionCanceled(TransactionOutcomes.reasons(first));
            }
            case IN_PROGRESS -> throw Errors.transactionInProgress();
            case MISMATCH -> throw Errors.idempotentParameterMismatch();
            default -> throw new CompletionException(new IllegalStateException("unexpected " + claimed.verdict()));
        };
    }

    /** One reason per action of the request, in request order: None where nothing was reported. */
    private static List<CancellationReason> reasons(List<ActionResult> results, int actionCount) {
        CancellationReason[] reasons = new CancellationReason[actionCount];
        Arrays.fill(reasons, CancellationReason.none());
        for (ActionResult r : results) {
            reasons[r.index()] = r.reason();
        }
        return List.of(reasons);
    }

    private static List<ActionResult> sorted(List<ActionResult> results) {
        List<ActionResult> out = new ArrayList<>(results);
        out.sort(Comparator.comparingInt(ActionResult::index));
        return out;
    }

    private static List<TransactAction> actionsOf(List<PlannedAction> share) {
        List<TransactAction> out = new ArrayList<>(share.size());
        share.forEach(a -> out.add(a.action()));
        return out;
    }

    /** The record key of steps addressed to a coordinator: the transaction id's bytes. */
    private static byte[] transactionKey(String transactionId) {
        return HexFormat.of().parseHex(transactionId);
    }

    private static byte[] uuidBytes() {
        UUID id = UUID.randomUUID();
        return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits())
                .array();
    }
}
