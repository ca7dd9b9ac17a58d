package dev.dynalog.app.broker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.AbortTransactionSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds and aborts hanging transactions: a partition that holds an open transaction of a
 * producer whose transaction coordinator no longer has that transaction ongoing on it, so no
 * marker will ever close it. A read_committed consumer cannot read past it, and Kafka Streams'
 * restore of a changelog with one never ends. Seen after the embedded broker was SIGKILLed
 * together with the node's producers (about one restart in thirteen in TransactionBankCrashIT).
 *
 * <p>A partition's open transaction counts as hanging only when it was seen open at the same
 * start offset by the previous {@link #abortHanging} call too: a live transaction's start offset
 * moves on with each commit (every commit interval), a hanging one's never does. The abort is
 * what Kafka's own {@code kafka-transactions.sh abort} does; an abort of a transaction that has
 * completed meanwhile is refused by the broker for its stale epoch, so it changes nothing.
 *
 * <p>In the cases seen the coordinator reported the transaction CompleteCommit while these
 * partitions never got its marker. Aborting it there is still consistent for Kafka Streams when,
 * as seen, the partitions without a marker are all the transaction wrote (its changelogs and its
 * offset commit): the task then reprocesses the same commands from the last committed offset and,
 * the processor being deterministic, rebuilds the same state. Had the marker reached some output
 * partition (a change topic), the reprocessing would write those records a second time; the
 * warning says so, since no client API can write the missing commit marker instead.
 */
public final class HangingTransactions {
    private static final Logger log = LoggerFactory.getLogger(HangingTransactions.class);

    private final Admin admin;
    private final Predicate<String> topics;
    /** Open transactions by partition and producer, from the previous look: their start offsets. */
    private Map<TopicPartition, Map<Long, Long>> seenOpen = Map.of();

    /** @param topics which topics to watch (the node's own, and the group's offsets) */
    public HangingTransactions(Admin admin, Predicate<String> topics) {
        this.admin = admin;
        this.topics = topics;
    }

    /** Looks once; aborts what was open and unchanged since the last look and is not ongoing. Returns how many. */
    public int abortHanging() throws InterruptedException, ExecutionException {
        Set<String> names = new HashSet<>();
        for (String name : admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get()) {
            if (topics.test(name)) {
                names.add(name);
            }
        }
        List<TopicPartition> partitions = new ArrayList<>();
        for (TopicDescription d : admin.describeTopics(names).allTopicNames().get().values()) {
            for (TopicPartitionInfo p : d.partitions()) {
                partitions.add(new TopicPartition(d.name(), p.partition()));
            }
        }
        Map<TopicPartition, Map<Long, Long>> open = new HashMap<>();
        Map<TopicPartition, List<ProducerState>> candidates = new HashMap<>();
        admin.describeProducers(partitions).all().get().forEach((tp, state) -> {
            for (ProducerState p : state.activeProducers()) {
                OptionalLong start = p.currentTransactionStartOffset();
                if (start.isEmpty()) {
                    continue;
                }
                open.computeIfAbsent(tp, k -> new HashMap<>()).put(p.producerId(), start.getAsLong());
                Long before = seenOpen.getOrDefault(tp, Map.of()).get(p.producerId());
                if (before != null && before == start.getAsLong()) {
                    candidates.computeIfAbsent(tp, k -> new ArrayList<>()).add(p);
                }
            }
        });
        seenOpen = open;
        if (candidates.isEmpty()) {
            return 0;
        }
        Set<Long> producerIds = new HashSet<>();
        candidates.values().forEach(list -> list.forEach(p -> producerIds.add(p.producerId())));
        Map<Long, TransactionDescription> ongoing = new HashMap<>();
        List<String> ids = new ArrayList<>();
        for (TransactionListing l : admin.listTransactions(new ListTransactionsOptions().filterProducerIds(producerIds))
                .all().get()) {
            ids.add(l.transactionalId());
        }
        if (!ids.isEmpty()) {
            for (TransactionDescription d : admin.describeTransactions(ids).all().get().values()) {
                ongoing.put(d.producerId(), d);
            }
        }
        int aborted = 0;
        for (Map.Entry<TopicPartition, List<ProducerState>> e : candidates.entrySet()) {
            for (ProducerState p : e.getValue()) {
                TransactionDescription d = ongoing.get(p.producerId());
                boolean live = d != null && d.producerEpoch() == p.producerEpoch()
                        && d.topicPartitions().contains(e.getKey()) && isOpen(d);
                if (live) {
                    continue;
                }
                OptionalInt coordinatorEpoch = p.coordinatorEpoch();
                log.warn("aborting a hanging transaction on {}: producer {} epoch {} open since offset {} ({}); if it "
                                + "was committed elsewhere, its records there are written again when its task reprocesses",
                        e.getKey(), p.producerId(), p.producerEpoch(), p.currentTransactionStartOffset().getAsLong(),
                        d == null ? "its coordinator has no transaction for it" : "its coordinator's is " + d.state());
                try {
                    admin.abortTransaction(new AbortTransactionSpec(e.getKey(), p.producerId(),
                            (short) p.producerEpoch(), coordinatorEpoch.orElse(0))).all().get();
                    aborted++;
                } catch (ExecutionException refused) {
                    log.warn("could not abort the transaction on {}: {}", e.getKey(), refused.getCause().toString());
                }
            }
        }
        return aborted;
    }

    private static boolean isOpen(TransactionDescription d) {
        return switch (d.state()) {
            case ONGOING, PREPARE_COMMIT, PREPARE_ABORT, PREPARE_EPOCH_FENCE -> true;
            default -> false;
        };
    }
}
