package dev.dynalog.streams.processor;

import dev.dynalog.core.encoding.ItemCodec;
import dev.dynalog.core.error.CancellationReason;
import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.size.ItemSize;
import dev.dynalog.schemas.command.BeginTransaction;
import dev.dynalog.schemas.command.Command;
import dev.dynalog.schemas.command.CompleteTransaction;
import dev.dynalog.schemas.command.DecideTransaction;
import dev.dynalog.schemas.command.ResolveTransaction;
import dev.dynalog.schemas.command.TokenClaim;
import dev.dynalog.schemas.command.TransactAction;
import dev.dynalog.schemas.command.TransactWrite;
import dev.dynalog.schemas.command.TransactionOutcome;
import dev.dynalog.schemas.transaction.CoordinatorRecord;
import dev.dynalog.schemas.transaction.PreparedShare;
import dev.dynalog.schemas.transaction.PreparedWrite;
import dev.dynalog.schemas.transaction.TokenRecord;
import dev.dynalog.streams.index.TableIndexes;
import dev.dynalog.streams.processor.TransactionEvent.RecordsExpired;
import dev.dynalog.streams.processor.TransactionEvent.ShareReleased;
import dev.dynalog.streams.processor.TransactionEvent.SharePrepared;
import dev.dynalog.streams.processor.TransactionEvent.ShareUpdated;
import dev.dynalog.streams.processor.TransactionEvent.TokenRecorded;
import dev.dynalog.streams.processor.TransactionEvent.TransactionDecided;
import dev.dynalog.streams.processor.TransactionResult.ActionResult;
import dev.dynalog.streams.processor.TransactionResult.Verdict;
import dev.dynalog.streams.state.ItemState;
import dev.dynalog.streams.state.ItemStoreKeys;
import dev.dynalog.streams.transaction.StateRecords;
import dev.dynalog.streams.transaction.TransactionState;
import dev.dynalog.streams.transaction.TransactionStoreKeys;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.utils.Bytes;

/**
 * Decides the steps of the transaction protocol in one partition of the command log, as a pure
 * function of the step, the partition's state and the step's log time (see DESIGN.md,
 * "Transactions"):
 *
 * <ul>
 *   <li>{@link TransactWrite} without a coordinator: a transaction whose items all lie in this
 *   partition, decided and applied in one step (or refused whole);</li>
 *   <li>{@link TransactWrite} with a coordinator: this partition's share of a transaction across
 *   partitions; if every action holds, its items are locked and the share is kept until a
 *   {@link CompleteTransaction} commits or aborts it;</li>
 *   <li>{@link BeginTransaction}, {@link DecideTransaction}, {@link ResolveTransaction} in the
 *   transaction's coordinator partition: the token's claim, and the one decision per
 *   transaction, the first in this log;</li>
 *   <li>the timeouts: a share held for longer than {@link #TIMEOUT_MILLIS} of log time asks its
 *   coordinator to resolve it; a coordinator asked, or a token claimed that long ago without a
 *   decision, aborts the transaction.</li>
 * </ul>
 *
 * <p>Nothing is read but the two states and the step; items are never changed here: the writes to
 * apply are returned for the processor to turn into item events one after another.
 */
public final class TransactionDecider {
    /** How long, in log time, a transaction may hold its items before it is resolved (aborted if undecided). */
    public static final long TIMEOUT_MILLIS = 5_000;
    /** A ClientRequestToken is remembered this long after its transaction completed, as DynamoDB does. */
    public static final long IDEMPOTENCY_WINDOW_MILLIS = 10 * 60_000;
    private static final int EXPIRIES_PER_STEP = 32;

    private final int partition;

    public TransactionDecider(int partition) {
        this.partition = partition;
    }

    /**
     * A decided step.
     *
     * @param transactionId the transaction (32 hex digits) the step is of, null for a tick
     * @param events  changes of the transaction state, in order
     * @param commit  writes of a committed transaction to apply now, in order (the processor
     *                applies them between its version bumps, see TransactionActivity)
     * @param steps   commands for other partitions of the log
     * @param result  what the front door is told
     */
    public record Step(String transactionId, List<TransactionEvent> events, List<PreparedWrite> commit,
                       List<PartitionCommand> steps, TransactionResult result) {
    }

    /** A command the processor appends to another partition of the command log. */
    public record PartitionCommand(int partition, Command command) {
    }

    /** Resolves the table's indexes by table id (16 bytes), or null. */
    public interface IndexLookup extends Function<byte[], TableIndexes> {
    }

    // ---- a transaction's writes in this partition: the fast path and the prepare ----

    public Step transactWrite(String transactionId, TransactWrite write, ItemState items, TransactionState txns,
                              IndexLookup indexes, long now) {
        byte[] id = TransactionStoreKeys.transactionIdBytes(transactionId);
        List<TransactionEvent> events = new ArrayList<>();
        TokenClaim claim = write.getToken();
        TokenRecord previousClaim = claim == null ? null : txns.token(claim.getToken());
        if (claim != null) {
            Verdict verdict = claimVerdict(previousClaim, claim, txns, now, events);
            if (verdict != Verdict.NEW) {
                return new Step(transactionId, events, List.of(), List.of(), tokenResult(verdict, previousClaim));
            }
        }
        List<ActionResult> results = new ArrayList<>();
        List<PreparedWrite> writes = new ArrayList<>();
        boolean allHold = true;
        for (TransactAction action : write.getActions()) {
            Decided decided = decide(id, action, items, txns, indexes);
            results.add(decided.result());
            writes.add(decided.write());
            allHold &= decided.result().reason().isNone();
        }
        if (write.getCoordinator() == null) {
            Verdict verdict = allHold ? Verdict.COMMITTED : Verdict.CANCELED;
            if (claim != null) {
                events.add(tokenCompleted(claim.getToken(), new TokenRecord(transactionId, claim.getDigest(), now,
                        -1L, null), TransactionOutcomes.of(allHold, reasonsOf(results)), now,
                        previousClaim == null ? -1 : tokenExpiry(previousClaim)));
            }
            events.addAll(expiries(txns, now));
            return new Step(transactionId, events, allHold ? writes : List.of(), List.of(),
                    new TransactionResult(verdict, results, null));
        }
        if (!allHold) {
            return new Step(transactionId, events, List.of(), List.of(), new TransactionResult(Verdict.REFUSED, results, null));
        }
        PreparedShare share = new PreparedShare(write.getCoordinator().getPartition(),
                write.getCoordinator().getParticipants(), now, -1L, writes);
        List<Bytes> locks = new ArrayList<>();
        for (PreparedWrite w : writes) {
            locks.add(lockKey(w));
        }
        events.add(new SharePrepared(id, StateRecords.encode(share), locks));
        return new Step(transactionId, events, List.of(), List.of(), new TransactionResult(Verdict.PREPARED, results, null));
    }

    private record Decided(ActionResult result, PreparedWrite write) {
    }

    /** One action against its item as it is now: whether it holds, and what it would write. */
    private static Decided decide(byte[] transactionId, TransactAction action, ItemState items, TransactionState txns,
                                  IndexLookup indexes) {
        byte[] tableId = ItemStoreKeys.tableIdBytes(action.getTableId());
        byte[] key = CommandExpressions.bytes(action.getKey());
        byte[] holder = txns.lockHolder(tableId, key);
        if (holder != null && !Arrays.equals(holder, transactionId)) {
            return refused(action, CancellationReason.transactionConflict());
        }
        byte[] oldItem = items.item(tableId, key);
        Map<String, AttributeValue> old = oldItem == null ? null : ItemCodec.decode(oldItem);
        long oldSize = old == null ? 0 : ItemSize.of(old);
        if (!CommandExpressions.conditionHolds(action.getCondition(), old == null ? Map.of() : old)) {
            return refused(action, CancellationReason.conditionalCheckFailed(
                    action.getReturnOldOnConditionFailure() ? old : null));
        }
        TableIndexes tableIndexes = indexes.apply(tableId);
        Map<String, AttributeValue> newItem;
        byte[] newItemBytes = null;
        switch (action.getKind()) {
            case CONDITION_CHECK -> {
                return held(action, false, null, oldSize, -1);
            }
            case DELETE -> {
                if (old == null) {
                    return held(action, false, null, 0, -1);
                }
                newItem = null;
            }
            case PUT -> {
                newItemBytes = CommandExpressions.bytes(action.getItem());
                newItem = ItemCodec.decode(newItemBytes);
            }
            case UPDATE -> {
                UpdatedItem updated = UpdatedItem.of(action.getUpdate(), old,
                        CommandExpressions.bytes(action.getKeyItem()), tableIndexes, false);
                if (updated.invalidMessage() != null) {
                    return refused(action, CancellationReason.validationError(updated.invalidMessage()));
                }
                newItem = updated.item();
            }
            default -> throw new IllegalArgumentException("unknown action kind " + action.getKind());
        }
        long newSize = newItem == null ? 0 : ItemSize.of(newItem);
        IndexChanges changes = IndexChanges.of(tableId, tableIndexes, items, old, newItem, newSize - oldSize);
        if (changes.collectionTooLarge()) {
            return refused(action, CancellationReason.itemCollectionSizeLimitExceeded());
        }
        if (newItem != null && newItemBytes == null) {
            newItemBytes = ItemCodec.encode(newItem);
        }
        return held(action, true, newItemBytes, Math.max(oldSize, newSize),
                changes.collectionSizeBytes());
    }

    private static Decided refused(TransactAction action, CancellationReason reason) {
        return new Decided(new ActionResult(action.getIndex(), reason, 0, -1), null);
    }

    private static Decided held(TransactAction action, boolean writes, byte[] newItem, long capacityBytes,
                                long collectionSize) {
        PreparedWrite write = new PreparedWrite(action.getIndex(), action.getTableId(), action.getKey(), writes,
                newItem == null ? null : ByteBuffer.wrap(newItem), action.getStream());
        return new Decided(new ActionResult(action.getIndex(), CancellationReason.none(), capacityBytes, collectionSize),
                write);
    }

    // ---- completion of a prepared share ----

    public Step complete(CompleteTransaction complete, TransactionState txns) {
        String transactionId = complete.getTransactionId();
        byte[] id = TransactionStoreKeys.transactionIdBytes(transactionId);
        PreparedShare share = txns.prepared(id);
        if (share == null) {
            return new Step(transactionId, List.of(), List.of(), List.of(), TransactionResult.of(Verdict.IGNORED));
        }
        return completed(id, share, complete.getCommit(), txns, new ArrayList<>(), List.of());
    }

    /** The share's writes (on commit) and the release of its locks; {@code steps} go out with them. */
    private static Step completed(byte[] id, PreparedShare share, boolean commit, TransactionState txns,
                                  List<TransactionEvent> events, List<PartitionCommand> steps) {
        List<Bytes> held = new ArrayList<>();
        List<PreparedWrite> writes = new ArrayList<>();
        for (PreparedWrite w : share.getWrites()) {
            // A lock that is gone was dropped with its table, deleted while the transaction ran.
            if (Arrays.equals(txns.lockHolder(ItemStoreKeys.tableIdBytes(w.getTableId()),
                    CommandExpressions.bytes(w.getKey())), id)) {
                held.add(lockKey(w));
                if (commit && w.getWrites()) {
                    writes.add(w);
                }
            }
        }
        events.add(new ShareReleased(id, held));
        return new Step(HexFormat.of().formatHex(id), events, writes, steps, TransactionResult.of(commit ? Verdict.COMMITTED : Verdict.ABORTED));
    }

    // ---- the coordinator's steps ----

    public Step begin(BeginTransaction begin, TransactionState txns, long now) {
        List<TransactionEvent> events = new ArrayList<>();
        TokenRecord previous = txns.token(begin.getClaim().getToken());
        Verdict verdict = claimVerdict(previous, begin.getClaim(), txns, now, events);
        if (verdict == Verdict.NEW) {
            events.add(tokenClaimed(begin.getTransactionId(), begin.getClaim(), previous, now));
        }
        events.addAll(expiries(txns, now));
        return new Step(begin.getTransactionId(), events, List.of(), List.of(), tokenResult(verdict, previous));
    }

    /**
     * Whether a token may be claimed, is a repeat, in progress or a mismatch. A claim whose
     * transaction never reached a decision within the timeout is taken over: that transaction is
     * aborted here first (the events say so), so that it can never commit after all.
     */
    private static Verdict claimVerdict(TokenRecord previous, TokenClaim claim, TransactionState txns, long now,
                                        List<TransactionEvent> events) {
        if (previous == null) {
            return Verdict.NEW;
        }
        boolean sameParameters = previous.getDigest().equals(claim.getDigest());
        if (previous.getCompletedAt() >= 0) {
            if (previous.getCompletedAt() + IDEMPOTENCY_WINDOW_MILLIS < now) {
                return Verdict.NEW;
            }
            return sameParameters ? Verdict.REPEAT : Verdict.MISMATCH;
        }
        if (!sameParameters) {
            return Verdict.MISMATCH;
        }
        byte[] earlier = TransactionStoreKeys.transactionIdBytes(previous.getTransactionId());
        CoordinatorRecord decision = txns.decision(earlier);
        if (decision != null && decision.getByTimeout()) {
            return Verdict.NEW;
        }
        if (decision == null && previous.getClaimedAt() + TIMEOUT_MILLIS < now) {
            events.add(decided(earlier, new CoordinatorRecord(false, now, true)));
            return Verdict.NEW;
        }
        return Verdict.IN_PROGRESS;
    }

    private static TransactionResult tokenResult(Verdict verdict, TokenRecord previous) {
        return new TransactionResult(verdict, List.of(), verdict == Verdict.REPEAT ? previous.getOutcome() : null);
    }

    /**
     * The front door's decision. The first decision for a transaction in this log stands: a
     * later one, or one that comes after the coordinator aborted the transaction itself, is
     * answered with the decision that stands.
     */
    public Step decideTransaction(DecideTransaction decide, TransactionState txns, long now) {
        byte[] id = TransactionStoreKeys.transactionIdBytes(decide.getTransactionId());
        List<TransactionEvent> events = new ArrayList<>();
        CoordinatorRecord existing = txns.decision(id);
        boolean commit;
        if (existing != null) {
            commit = existing.getCommitted();
        } else {
            commit = decide.getCommit();
            // An abort the client was given no outcome for leaves the token free for a retry.
            events.add(decided(id, new CoordinatorRecord(commit, now, !commit && decide.getOutcome() == null)));
            if (decide.getToken() != null && decide.getOutcome() != null) {
                TokenRecord claim = txns.token(decide.getToken());
                if (claim != null && claim.getTransactionId().equals(decide.getTransactionId())) {
                    events.add(tokenCompleted(decide.getToken(), claim, decide.getOutcome(), now, tokenExpiry(claim)));
                }
            }
        }
        events.addAll(expiries(txns, now));
        PreparedShare own = txns.prepared(id);
        if (own != null) {
            return completed(id, own, commit, txns, events, List.of());
        }
        return new Step(decide.getTransactionId(), events, List.of(), List.of(), TransactionResult.of(commit ? Verdict.COMMITTED : Verdict.ABORTED));
    }

    /** A participant asks for the decision: it gets the one that stands, else the transaction is aborted. */
    public Step resolve(ResolveTransaction resolve, TransactionState txns, long now) {
        byte[] id = TransactionStoreKeys.transactionIdBytes(resolve.getTransactionId());
        return resolved(id, resolve.getTransactionId(), resolve.getParticipants(), txns, now, new ArrayList<>());
    }

    private Step resolved(byte[] id, String transactionId, List<Integer> participants, TransactionState txns, long now,
                          List<TransactionEvent> events) {
        CoordinatorRecord existing = txns.decision(id);
        boolean commit = existing != null && existing.getCommitted();
        if (existing == null) {
            events.add(decided(id, new CoordinatorRecord(false, now, true)));
        }
        List<PartitionCommand> steps = new ArrayList<>();
        for (int p : participants) {
            if (p != partition) {
                steps.add(new PartitionCommand(p, TransactionCommands.complete(transactionId, commit)));
            }
        }
        PreparedShare own = txns.prepared(id);
        if (own != null) {
            return completed(id, own, commit, txns, events, steps);
        }
        return new Step(transactionId, events, List.of(), steps, TransactionResult.of(commit ? Verdict.COMMITTED : Verdict.ABORTED));
    }

    // ---- timeouts ----

    /**
     * The shares of this partition held for longer than the timeout at {@code now}: each asks its
     * coordinator to resolve it (again, a timeout after it last asked), or, where this partition
     * is the coordinator, is resolved at once.
     */
    public List<Step> timeouts(TransactionState txns, long now) {
        List<Step> steps = new ArrayList<>();
        List<byte[]> overdue = new ArrayList<>();
        List<PreparedShare> shares = new ArrayList<>();
        txns.forEachPrepared((id, share) -> {
            if (deadline(share) <= now) {
                overdue.add(id);
                shares.add(share);
            }
        });
        for (int i = 0; i < overdue.size(); i++) {
            byte[] id = overdue.get(i);
            PreparedShare share = shares.get(i);
            String transactionId = HexFormat.of().formatHex(id);
            if (share.getCoordinator() == partition) {
                steps.add(resolved(id, transactionId, share.getParticipants(), txns, now, new ArrayList<>()));
            } else {
                share.setResolveAskedAt(now);
                steps.add(new Step(transactionId, List.of(new ShareUpdated(id, StateRecords.encode(share))), List.of(),
                        List.of(new PartitionCommand(share.getCoordinator(),
                                TransactionCommands.resolve(transactionId, share.getParticipants()))),
                        TransactionResult.of(Verdict.IGNORED)));
            }
        }
        return steps;
    }

    /** When a share is next overdue: a timeout after it was prepared, or after it last asked to be resolved. */
    public static long deadline(PreparedShare share) {
        return Math.max(share.getPreparedAt(), share.getResolveAskedAt()) + TIMEOUT_MILLIS;
    }

    // ---- records kept for a while ----

    private static TransactionEvent decided(byte[] id, CoordinatorRecord record) {
        return new TransactionDecided(id, StateRecords.encode(record), record.getDecidedAt() + IDEMPOTENCY_WINDOW_MILLIS);
    }

    private static TransactionEvent tokenClaimed(String transactionId, TokenClaim claim, TokenRecord previous, long now) {
        TokenRecord record = new TokenRecord(transactionId, claim.getDigest(), now, -1L, null);
        return new TokenRecorded(claim.getToken(), StateRecords.encode(record), tokenExpiry(record),
                previous == null ? -1 : tokenExpiry(previous));
    }

    /** {@code previousExpiry}: when the record that this one replaces would have expired, or -1. */
    private static TransactionEvent tokenCompleted(String token, TokenRecord claim, TransactionOutcome outcome,
                                                   long now, long previousExpiry) {
        TokenRecord record = new TokenRecord(claim.getTransactionId(), claim.getDigest(), claim.getClaimedAt(), now,
                outcome);
        return new TokenRecorded(token, StateRecords.encode(record), tokenExpiry(record), previousExpiry);
    }

    /** A claim is kept for the window after its transaction completed, or after it was made if it never did. */
    private static long tokenExpiry(TokenRecord record) {
        return record.getCompletedAt() >= 0 ? record.getCompletedAt() + IDEMPOTENCY_WINDOW_MILLIS
                : record.getClaimedAt() + IDEMPOTENCY_WINDOW_MILLIS + TIMEOUT_MILLIS;
    }

    private static List<TransactionEvent> expiries(TransactionState txns, long now) {
        List<Bytes> expired = txns.expiriesUpTo(now, EXPIRIES_PER_STEP);
        return expired.isEmpty() ? List.of() : List.of(new RecordsExpired(expired));
    }

    /** Old records due at {@code now}, for a step that decides nothing else (a tick). */
    public Step expire(TransactionState txns, long now) {
        return new Step(null, expiries(txns, now), List.of(), List.of(), TransactionResult.of(Verdict.IGNORED));
    }

    private static List<CancellationReason> reasonsOf(List<ActionResult> results) {
        List<CancellationReason> reasons = new ArrayList<>(results.size());
        results.forEach(r -> reasons.add(r.reason()));
        return reasons;
    }

    private static Bytes lockKey(PreparedWrite w) {
        return TransactionStoreKeys.lock(ItemStoreKeys.tableIdBytes(w.getTableId()), CommandExpressions.bytes(w.getKey()));
    }
}
