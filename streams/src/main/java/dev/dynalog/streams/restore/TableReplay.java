package dev.dynalog.streams.restore;

import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.schemas.command.Command;
import dev.dynalog.schemas.command.CompleteTransaction;
import dev.dynalog.schemas.digest.TableDigest;
import dev.dynalog.schemas.transaction.CoordinatorRecord;
import dev.dynalog.schemas.transaction.PreparedShare;
import dev.dynalog.streams.TopicNames;
import dev.dynalog.streams.processor.PartitionStateMachine;
import dev.dynalog.streams.processor.TransactionCommands;
import dev.dynalog.streams.state.ItemState;
import dev.dynalog.streams.state.ItemStoreKeys;
import dev.dynalog.streams.state.StoreItemState;
import dev.dynalog.streams.transaction.MutableTransactionState;
import dev.dynalog.streams.transaction.StoreTransactionState;
import dev.dynalog.streams.transaction.TransactionActivity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The state of every partition of the command log at a cut, re-derived by replaying the log into
 * scratch stores: the restore's source of truth for what a table held at that moment.
 *
 * <p>Every command of a partition is replayed, whatever its table: a transaction's conditions may
 * read another table's items, so the other tables' state is needed to decide it the same way.
 *
 * <p>A transaction spanning partitions is restored whole or not at all: its commit point is the
 * coordinator's decision. A share still prepared at the cut belongs to the cut when its decision
 * does (or when another partition's log inside the cut already completed it with a commit); then
 * the replay completes it as its CompleteTransaction would have. Any other share is left out,
 * which leaves its items as they were before the transaction.
 */
public final class TableReplay implements AutoCloseable {
    /** Where a replay reads and keeps things. */
    public record Settings(String bootstrapServers, TopicNames topics, Path scratchDirectory, int threads) {
        /** The same, with scratch stores in a directory of their own under this one. */
        public Settings withScratch(String name) {
            return new Settings(bootstrapServers, topics, scratchDirectory.resolve(name), threads);
        }
    }

    private final List<ScratchStore> stores = new ArrayList<>();
    private final Map<Integer, ItemState> items = new LinkedHashMap<>();
    private final Map<Integer, ScratchStore> itemStores = new LinkedHashMap<>();
    private final Map<Integer, ScratchStore> transactionStores = new LinkedHashMap<>();
    private final Map<Integer, PartitionReplay.Outcome> outcomes = new LinkedHashMap<>();
    private Path scratchDirectory;

    private TableReplay() {
    }

    /** Replays the cut; the caller closes the result, which deletes the scratch stores. */
    public static TableReplay run(Settings settings, TableDefinition source, LogCut cut, RecoveryProgress progress)
            throws InterruptedException {
        return run(settings, source, cut, progress, true);
    }

    /**
     * Replays the cut and leaves the state as the processors had it there, prepared shares and
     * all (what a snapshot holds: a replay goes on from it), instead of the cut's view of it.
     */
    static TableReplay raw(Settings settings, LogCut cut, RecoveryProgress progress) throws InterruptedException {
        return run(settings, null, cut, progress, false);
    }

    private static TableReplay run(Settings settings, TableDefinition source, LogCut cut, RecoveryProgress progress,
                                   boolean atCut) throws InterruptedException {
        TableReplay replay = new TableReplay();
        try {
            replay.replay(settings, source, cut, progress, atCut);
            return replay;
        } catch (RuntimeException | InterruptedException | Error e) {
            replay.close();
            throw e;
        }
    }

    private void replay(Settings settings, TableDefinition source, LogCut cut, RecoveryProgress progress,
                        boolean atCut) throws InterruptedException {
        Snapshot base = null;
        SnapshotLog snapshots = new SnapshotLog(settings.bootstrapServers(), settings.topics().snapshots(),
                cut.partitions().size());
        if (cut.baseSnapshot() != null) {
            base = snapshots.list().stream().filter(s -> s.id().equals(cut.baseSnapshot())).findFirst()
                    .orElseThrow(() -> new IllegalStateException("snapshot " + cut.baseSnapshot()
                            + " is no longer in the snapshots topic"));
        }
        String tableId = source == null ? null : source.tableId();
        scratchDirectory = settings.scratchDirectory();
        progress.replaying(cut.commands(), cut.partitions().size());
        Properties consumer = CommandLogCuts.consumerProperties(settings.bootstrapServers());
        Set<String> committedElsewhere = ConcurrentHashMap.newKeySet();
        Map<Integer, PartitionStateMachine> machines = new LinkedHashMap<>();
        Map<Integer, MutableTransactionState> transactions = new LinkedHashMap<>();
        for (PartitionCut p : cut.partitions()) {
            ScratchStore itemStore = open(settings.scratchDirectory(), "items-" + p.partition());
            ScratchStore transactionStore = open(settings.scratchDirectory(), "transactions-" + p.partition());
            itemStores.put(p.partition(), itemStore);
            transactionStores.put(p.partition(), transactionStore);
            if (base != null) {
                snapshots.load(base, p.partition(), itemStore, transactionStore);
            }
            MutableTransactionState txns = StoreTransactionState.writable(transactionStore);
            var state = StoreItemState.writable(itemStore);
            items.put(p.partition(), state);
            transactions.put(p.partition(), txns);
            // A throwaway activity: the live front door's gate must not hear of the replay's shares.
            machines.put(p.partition(), new PartitionStateMachine(p.partition(), state, txns, new TransactionActivity()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, settings.threads()), r -> {
            Thread t = new Thread(r, "dynalog-replay");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<PartitionReplay.Outcome>> running = new ArrayList<>();
            for (PartitionCut p : cut.partitions()) {
                running.add(pool.submit(() -> {
                    NavigableMap<Long, TableDigest> recorded = tableId == null ? new java.util.TreeMap<>()
                            : DigestLog.read(settings.bootstrapServers(), settings.topics().digests(), p.partition(),
                                    tableId, cut.digestRequests().get(p.partition())).headMap(p.endOffset(), false);
                    return PartitionReplay.run(consumer, settings.topics().commandLog(), p, machines.get(p.partition()),
                            tableId, recorded, committedElsewhere, progress);
                }));
            }
            for (Future<PartitionReplay.Outcome> f : running) {
                PartitionReplay.Outcome outcome = f.get();
                outcomes.put(outcome.partition(), outcome);
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("the replay failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        if (atCut) {
            completeDecidedShares(cut, machines, transactions, committedElsewhere);
        }
    }

    private ScratchStore open(Path directory, String name) {
        ScratchStore store = ScratchStore.create(directory, name);
        stores.add(store);
        return store;
    }

    /** Completes the shares still prepared at the cut whose transactions committed inside it. */
    private void completeDecidedShares(LogCut cut, Map<Integer, PartitionStateMachine> machines,
                                       Map<Integer, MutableTransactionState> transactions, Set<String> committedElsewhere) {
        for (PartitionCut p : cut.partitions()) {
            List<String> committed = new ArrayList<>();
            transactions.get(p.partition()).forEachPrepared((id, share) -> {
                if (decidedCommit(id, share, transactions, committedElsewhere)) {
                    committed.add(HexFormat.of().formatHex(id));
                }
            });
            long logTime = outcomes.get(p.partition()).newestLogTime();
            for (String transactionId : committed) {
                Command complete = Command.newBuilder().setRequestId("restore").setOrigin("")
                        .setTableId(TransactionCommands.NO_TABLE).setStream(null)
                        .setBody(new CompleteTransaction(transactionId, true)).build();
                machines.get(p.partition()).apply(complete, p.endOffset(), logTime, PartitionStateMachine.Outputs.NONE);
            }
        }
    }

    private static boolean decidedCommit(byte[] id, PreparedShare share, Map<Integer, MutableTransactionState> transactions,
                                         Set<String> committedElsewhere) {
        if (committedElsewhere.contains(HexFormat.of().formatHex(id))) {
            return true;
        }
        MutableTransactionState coordinator = transactions.get(share.getCoordinator());
        CoordinatorRecord decision = coordinator == null ? null : coordinator.decision(id);
        return decision != null && decision.getCommitted();
    }

    /** A partition's raw stores, for a snapshot. */
    ScratchStore itemStore(int partition) {
        return itemStores.get(partition);
    }

    ScratchStore transactionStore(int partition) {
        return transactionStores.get(partition);
    }

    /** A partition's state at the cut (every table's). */
    public ItemState items(int partition) {
        return items.get(partition);
    }

    /** The table's figures in a partition at the cut. */
    public Figures figures(TableDefinition source, int partition) {
        return Figures.of(items.get(partition).stats(ItemStoreKeys.tableIdBytes(source.tableId())));
    }

    public PartitionReplay.Outcome outcome(int partition) {
        return outcomes.get(partition);
    }

    /** The newest log time among the replayed commands, or -1 when the cut holds none. */
    public long newestLogTime() {
        return outcomes.values().stream().mapToLong(PartitionReplay.Outcome::newestLogTime).max().orElse(-1);
    }

    @Override
    public void close() {
        for (ScratchStore store : stores) {
            try {
                store.close();
            } catch (RuntimeException e) {
                // Closing the others matters more; the directory is under the node's scratch directory anyway.
            }
        }
        stores.clear();
        if (scratchDirectory != null) {
            try {
                // Empty once the stores are gone; the parent of every replay's is the node's to keep.
                java.nio.file.Files.deleteIfExists(scratchDirectory);
            } catch (java.io.IOException e) {
                // Left for the next start; it holds nothing.
            }
        }
    }
}
