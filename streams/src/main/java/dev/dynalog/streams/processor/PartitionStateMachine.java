package dev.dynalog.streams.processor;

import dev.dynalog.schemas.change.ChangeRecord;
import dev.dynalog.schemas.change.UserIdentity;
import dev.dynalog.schemas.command.Command;
import dev.dynalog.schemas.command.CommandCodec;
import dev.dynalog.schemas.command.ExpireItem;
import dev.dynalog.schemas.command.LoadItems;
import dev.dynalog.schemas.command.LoadedItem;
import dev.dynalog.schemas.command.RecordDigest;
import dev.dynalog.schemas.command.StreamStamp;
import dev.dynalog.schemas.command.WriteBatch;
import dev.dynalog.schemas.digest.TableDigest;
import dev.dynalog.schemas.index.IndexUpdate;
import dev.dynalog.schemas.transaction.PreparedWrite;
import dev.dynalog.streams.changes.ChangeKey;
import dev.dynalog.streams.changes.ChangeRecordFactory;
import dev.dynalog.streams.digest.PartitionDigests;
import dev.dynalog.streams.index.TableIndexes;
import dev.dynalog.streams.state.ItemStoreKeys;
import dev.dynalog.streams.state.MutableItemState;
import dev.dynalog.streams.transaction.LockView;
import dev.dynalog.streams.transaction.MutableTransactionState;
import dev.dynalog.streams.transaction.TransactionActivity;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.utils.Bytes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One partition of the command log as a state machine: each command, in log order, is decided
 * against the state its predecessors left and its events applied. The live processor drives it
 * from Kafka Streams; a restore drives the same code from a consumer into scratch stores, which is
 * why a replay of the log re-derives exactly the state (and the digests) the processor had.
 *
 * <p>What a command sends elsewhere (change records, global index updates, transaction steps for
 * other partitions, digests) goes to {@link Outputs}; the machine itself reads no clock and no
 * other partition.
 */
public final class PartitionStateMachine {
    private static final Logger log = LoggerFactory.getLogger(PartitionStateMachine.class);

    /** Where a command's records for other topics go; each goes nowhere unless overridden. */
    public interface Outputs {
        default void change(ChangeKey key, ChangeRecord record, long logTime) {
        }

        default void indexUpdate(IndexUpdate update, long logTime) {
        }

        default void transactionStep(TransactionDecider.PartitionCommand step, long logTime) {
        }

        default void digest(TableDigest digest, long logTime) {
        }

        /** Outputs that go nowhere: a replay only wants the state. */
        Outputs NONE = new Outputs() {
        };
    }

    private final CommandDecider decider = new CommandDecider();
    private final ItemEventApplier applier = new ItemEventApplier();
    private final TransactionEventApplier transactionApplier = new TransactionEventApplier();
    private final int partition;
    private final MutableItemState state;
    private final MutableTransactionState transactions;
    private final TransactionDecider transactionDecider;
    private final TransactionActivity activity;
    /**
     * When each prepared share of this partition is next overdue, by transaction id: a mirror of
     * the transaction store (rebuilt from it when the machine starts), so that the store is scanned
     * for overdue shares only when one is.
     */
    private final Map<Bytes, Long> shareDeadlines = new HashMap<>();
    /**
     * Index definitions read from the store, by table id; only a cache of the state, updated with
     * each definition this machine applies.
     */
    private final Map<Bytes, Optional<TableIndexes>> indexes = new HashMap<>();

    /** @param activity told about prepared shares and committing steps; the front door's gate reads it */
    public PartitionStateMachine(int partition, MutableItemState state, MutableTransactionState transactions,
                                 TransactionActivity activity) {
        this.partition = partition;
        this.state = state;
        this.transactions = transactions;
        this.transactionDecider = new TransactionDecider(partition);
        this.activity = activity;
        transactions.forEachPrepared((id, share) -> shareDeadlines.put(Bytes.wrap(id), TransactionDecider.deadline(share)));
        activity.preparedShares(partition, shareDeadlines.size());
    }

    public int partition() {
        return partition;
    }

    /** Where the result of each command a record holds goes. */
    @FunctionalInterface
    public interface Results {
        void decided(Command command, CommandResult result);

        /** Results nobody waits for: a replay only wants the state. */
        Results NONE = (command, result) -> {
        };
    }

    /**
     * Decides and applies the command in the record at {@code offset}, or, for a batch of writes,
     * each of its commands in order, each against the state its predecessors left; each result
     * goes to {@code results}. The commands of a batch share its offset and log time and number
     * their change records on from each other, as one command's events do.
     */
    public void applyRecord(Command command, long offset, long logTime, Outputs out, Results results) {
        if (!(command.getBody() instanceof WriteBatch batch)) {
            results.decided(command, apply(command, offset, logTime, new int[] {0}, out));
            return;
        }
        int[] changeIndex = {0};
        for (ByteBuffer encoded : batch.getCommands()) {
            Command write;
            try {
                write = CommandCodec.decode(bytesOf(encoded));
            } catch (RuntimeException e) {
                // As for a record of its own: what cannot be read decides nothing, on every replay alike.
                log.warn("skipping an undecodable write of the batch at offset {} of partition {}", offset, partition, e);
                continue;
            }
            results.decided(write, apply(write, offset, logTime, changeIndex, out));
        }
    }

    private static byte[] bytesOf(ByteBuffer buffer) {
        ByteBuffer b = buffer.duplicate();
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return bytes;
    }

    /** Decides and applies one command (not a batch) at {@code offset}, sending its records to {@code out}. */
    public CommandResult apply(Command command, long offset, long logTime, Outputs out) {
        return apply(command, offset, logTime, new int[] {0}, out);
    }

    /**
     * @param changeIndex the next change record's position among the record's changes (advanced past its own)
     */
    private CommandResult apply(Command command, long offset, long logTime, int[] changeIndex, Outputs out) {
        CommandResult result;
        Object body = command.getBody();
        if (TransactionSteps.isTransactionStep(command)) {
            result = CommandResult.transaction(applyStep(
                    TransactionSteps.decide(transactionDecider, command, state, transactions, this::indexesOf, logTime),
                    offset, logTime, changeIndex, out));
        } else if (body instanceof RecordDigest record) {
            for (String tableId : record.getTableIds()) {
                out.digest(PartitionDigests.of(state, indexesOf(ItemStoreKeys.tableIdBytes(tableId)), tableId, partition,
                        offset, logTime), logTime);
            }
            result = CommandResult.applied(null, 0);
        } else if (body instanceof LoadItems load) {
            byte[] tableId = ItemStoreKeys.tableIdBytes(command.getTableId());
            for (LoadedItem item : load.getItems()) {
                applyWrite(tableId, CommandExpressions.bytes(item.getKey()), CommandExpressions.bytes(item.getItem()),
                        null, command.getTableId(), null, offset, logTime, changeIndex, out);
            }
            result = CommandResult.applied(null, 0);
        } else {
            Bytes tableId = Bytes.wrap(ItemStoreKeys.tableIdBytes(command.getTableId()));
            // Locks belong to prepared shares: without a share the store need not be asked.
            Decision decision = decider.decide(command, state, indexesOf(tableId.get()),
                    shareDeadlines.isEmpty() ? LockView.NONE : transactions);
            for (ItemEvent event : decision.events()) {
                applier.apply(event, state);
                if (event instanceof ItemEvent.IndexesDefined || event instanceof ItemEvent.TablePurged) {
                    indexes.remove(tableId);
                }
            }
            decision.transactionEvents().forEach(e -> transactionApplier.apply(e, transactions));
            if (command.getStream() != null) {
                // DynamoDB Streams tells a Time to Live deletion from a client's by its userIdentity.
                UserIdentity identity = body instanceof ExpireItem ? ChangeRecordFactory.timeToLiveIdentity() : null;
                forwardChanges(command.getStream(), command.getTableId(), null, identity, decision.events(), offset,
                        logTime, changeIndex, out);
            }
            forwardIndexUpdates(decision.indexUpdates(), logTime, out);
            result = decision.result();
        }
        resolveOverdueShares(offset, logTime, changeIndex, out);
        return result;
    }

    /**
     * Applies a decided transaction step: its transaction events, the writes it commits (between
     * the version bumps that tell transactional readers a transaction completed under them), the
     * commands it sends to other partitions.
     *
     * @param changeIndex the next change record's position among the command's records
     */
    private TransactionResult applyStep(TransactionDecider.Step step, long offset, long logTime, int[] changeIndex,
                                        Outputs out) {
        for (TransactionEvent event : step.events()) {
            transactionApplier.apply(event, transactions);
            trackShares(event, logTime);
        }
        if (!step.commit().isEmpty()) {
            activity.applying(partition);
            try {
                for (PreparedWrite write : step.commit()) {
                    applyWrite(ItemStoreKeys.tableIdBytes(write.getTableId()), CommandExpressions.bytes(write.getKey()),
                            write.getNewItem() == null ? null : CommandExpressions.bytes(write.getNewItem()),
                            write.getStream(), write.getTableId(), step.transactionId(), offset, logTime, changeIndex,
                            out);
                }
            } finally {
                activity.applied(partition);
            }
        }
        for (TransactionDecider.PartitionCommand next : step.steps()) {
            out.transactionStep(next, logTime);
        }
        return step.result();
    }

    /** A write decided elsewhere (a committed transaction's, a loaded item): applied over the item as it is now. */
    private void applyWrite(byte[] tableId, byte[] key, byte[] newItem, StreamStamp stream, String tableIdHex,
                            String transactionId, long offset, long logTime, int[] changeIndex, Outputs out) {
        Decision decision = CommandDecider.committedWrite(tableId, key, newItem, state, indexesOf(tableId));
        decision.events().forEach(e -> applier.apply(e, state));
        if (stream != null) {
            forwardChanges(stream, tableIdHex, transactionId, null, decision.events(), offset, logTime, changeIndex, out);
        }
        forwardIndexUpdates(decision.indexUpdates(), logTime, out);
    }

    /** Keeps {@link #shareDeadlines} equal to the store's prepared shares. */
    private void trackShares(TransactionEvent event, long logTime) {
        if (event instanceof TransactionEvent.SharePrepared p) {
            shareDeadlines.put(Bytes.wrap(p.transactionId()), logTime + TransactionDecider.TIMEOUT_MILLIS);
        } else if (event instanceof TransactionEvent.ShareUpdated u) {
            shareDeadlines.put(Bytes.wrap(u.transactionId()), logTime + TransactionDecider.TIMEOUT_MILLIS);
        } else if (event instanceof TransactionEvent.ShareReleased r) {
            shareDeadlines.remove(Bytes.wrap(r.transactionId()));
        } else {
            return;
        }
        activity.preparedShares(partition, shareDeadlines.size());
    }

    /** Shares held past the timeout at this log time ask their coordinator to resolve them. */
    private void resolveOverdueShares(long offset, long logTime, int[] changeIndex, Outputs out) {
        if (shareDeadlines.isEmpty() || shareDeadlines.values().stream().allMatch(d -> d > logTime)) {
            return;
        }
        for (TransactionDecider.Step step : transactionDecider.timeouts(transactions, logTime)) {
            applyStep(step, offset, logTime, changeIndex, out);
        }
    }

    private void forwardIndexUpdates(List<IndexUpdate> updates, long logTime, Outputs out) {
        for (IndexUpdate update : updates) {
            out.indexUpdate(update, logTime);
        }
    }

    private TableIndexes indexesOf(byte[] tableIdBytes) {
        return indexes.computeIfAbsent(Bytes.wrap(tableIdBytes), id -> {
            byte[] stored = state.get(ItemStoreKeys.indexDefinitions(id.get()));
            return stored == null ? Optional.empty() : Optional.of(TableIndexes.decode(stored));
        }).orElse(null);
    }

    /**
     * Sends the change records of {@code events}, numbered from {@code changeIndex[0]} among the
     * command's records (advanced past them), marked with {@code transactionId} and
     * {@code identity} when not null.
     */
    private void forwardChanges(StreamStamp stamp, String tableId, String transactionId, UserIdentity identity,
                                List<ItemEvent> events, long offset, long logTime, int[] changeIndex, Outputs out) {
        for (ItemEvent event : events) {
            Optional<ChangeRecord> change = ChangeRecordFactory.of(stamp, tableId, event, offset, changeIndex[0], logTime);
            if (change.isPresent()) {
                change.get().setTransactionId(transactionId);
                change.get().setUserIdentity(identity);
                out.change(new ChangeKey(partition, ChangeRecordFactory.recordKey(stamp, change.get())), change.get(),
                        logTime);
                changeIndex[0]++;
            }
        }
    }
}
