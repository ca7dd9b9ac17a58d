package dev.dynalog.streams.write;

import dev.dynalog.core.error.Errors;
import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.schemas.command.Command;
import dev.dynalog.streams.TopicNames;
import dev.dynalog.streams.changes.StreamStamps;
import dev.dynalog.streams.processor.CommandResult;
import dev.dynalog.streams.processor.TransactionCommands;
import dev.dynalog.streams.read.ProcessedOffsets;
import dev.dynalog.streams.read.ReadBarrier;
import dev.dynalog.streams.reply.PendingResults;
import dev.dynalog.streams.transaction.TransactionActivity;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The front door's half of the write path: appends a command to its table's log partition with an
 * idempotent, acks=all producer (writes that arrive together for a partition in one record, see
 * {@link GroupCommit}), and completes when the partition's processor reports the result, or, for a
 * command whose result is known in advance, when the command is durable.
 */
public final class CommandWriter implements AutoCloseable {
    /**
     * How many acknowledged commands a partition's processor may have left to apply before an
     * acknowledgement waits for it. Commands answered once durable are not held back by the
     * processor, so without a bound writers outrun it under sustained load and everything that
     * follows the processor (strong reads, global indexes, the change stream) falls behind
     * without limit. On a saturated node the bound is the lag: at 16 writers with a global index
     * (bench gsi-lag) 64 gave a GSI lag p50 of 310 ms, 16 gave 173 ms, 8 gave 116 ms, with write
     * rates inside the run-to-run spread of any one bound; 4 began to cost puts (bench/NOTES.md).
     */
    public static final int MAX_UNAPPLIED_PER_PARTITION = 8;
    /**
     * The largest command record: a transaction's items may together be 4 MB (DynamoDB's limit),
     * and a transaction in one partition is one record. Kafka's default of 1 MB would refuse it;
     * the command log and the transaction store's changelog are created to take this much.
     */
    public static final int MAX_COMMAND_BYTES = 8 * 1024 * 1024;

    private final KafkaProducer<byte[], byte[]> producer;
    private final PendingResults pending;
    private final ReadBarrier barrier;
    private final ProcessedOffsets processed;
    private final TransactionActivity transactions;
    private final TopicNames topics;
    private final Duration timeout;
    private final BooleanSupplier alone;

    private final ConcurrentHashMap<Integer, AtomicLong> appends = new ConcurrentHashMap<>();
    private final GroupCommit appender;

    public CommandWriter(String bootstrapServers, PendingResults pending, ReadBarrier barrier,
                         ProcessedOffsets processed, TransactionActivity transactions, TopicNames topics,
                         Duration timeout) {
        this(bootstrapServers, pending, barrier, processed, transactions, topics, timeout, () -> true);
    }

    /**
     * @param alone whether this node is the only one appending to the log: only then does its
     *              front door see every transaction that holds or is about to hold a partition's
     *              items (see {@link #submitUnconditional})
     */
    public CommandWriter(String bootstrapServers, PendingResults pending, ReadBarrier barrier,
                         ProcessedOffsets processed, TransactionActivity transactions, TopicNames topics,
                         Duration timeout, BooleanSupplier alone) {
        this.alone = alone;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // Writes that arrive together already go out together, one round at a time (GroupCommit),
        // and a write on an idle node waits for nothing; lingering here would only add the linger
        // to every round.
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_COMMAND_BYTES);
        // The node id's random part: its address has characters client ids should not carry.
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "dynalog-commands-" + pending.nodeId().split("@", 2)[0]);
        // Writes are appended from the HTTP event loops, which must not wait long: fetch the log's
        // metadata now rather than in the first send, and fail a send that cannot be buffered
        // (broker unreachable for a while) within seconds, not the default minute.
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        this.pending = pending;
        this.barrier = barrier;
        this.processed = processed;
        this.transactions = transactions;
        this.topics = topics;
        this.timeout = timeout;
        this.appender = new GroupCommit((partition, key, value, done) ->
                producer.send(new ProducerRecord<>(topics.commandLog(), partition, key, value), done));
        producer.partitionsFor(topics.commandLog());
    }

    /**
     * A new command addressed from this node, for {@link #submit}, stamped with the table's stream
     * if it has one enabled: the stamp, not the catalog at processing time, decides its change
     * records.
     */
    public Command.Builder newCommand(TableDefinition table) {
        return Command.newBuilder()
                .setRequestId(pending.newRequestId())
                .setOrigin(pending.nodeId())
                .setTableId(table.tableId())
                .setStream(StreamStamps.of(table));
    }

    /**
     * Appends the command to partition {@code partition} of the table's log, keyed by the encoded
     * partition key, and completes with its result once the partition's processor has decided it.
     */
    public CompletableFuture<CommandResult> submit(TableDefinition table, int partition, byte[] partitionKey,
                                                   Command command) {
        CompletableFuture<CommandResult> result = pending.register(command.getRequestId());
        send(partition, partitionKey, command, (metadata, error) -> {
            if (error != null) {
                result.completeExceptionally(appendFailed(error));
            }
        });
        return acknowledging(logPartition(partition), result);
    }

    /**
     * Appends a command whose outcome cannot depend on the partition's state (a put or delete
     * without a condition that returns nothing) and completes as soon as the command is durable:
     * acks=all means it is in the log of every in-sync replica, and the processor will apply it,
     * exactly once, whatever fails. Waiting for the processor would only add its fetch and
     * processing time to the answer. A strongly consistent read still sees the write: the read
     * barrier waits for the processor to reach the acknowledged offset. The answer waits only
     * when the processor is more than {@value #MAX_UNAPPLIED_PER_PARTITION} commands behind.
     *
     * <p>Only while no transaction holds or is about to hold items of the partition (see
     * {@link TransactionActivity}): the write might meet a locked item, and the processor would
     * refuse it with a conflict after it was reported done. Otherwise it waits for its decision;
     * also whenever other nodes append to the log too, since their transactions' prepares are not
     * seen by this node's gate.
     */
    public CompletableFuture<CommandResult> submitUnconditional(TableDefinition table, int partition,
                                                                byte[] partitionKey, Command command) {
        synchronized (transactions.gate(partition)) {
            if (!transactions.isQuiet(partition) || !alone.getAsBoolean()) {
                return submit(table, partition, partitionKey, command);
            }
            return appendDurable(partition, partitionKey, command);
        }
    }

    /**
     * Appends a command and completes with an applied result at its offset once it is durable (and
     * the partition's processor at most {@value #MAX_UNAPPLIED_PER_PARTITION} commands behind);
     * strong reads of the partition then wait for the processor to have applied it.
     */
    public CompletableFuture<CommandResult> appendDurable(int partition, byte[] partitionKey, Command command) {
        TopicPartition tp = logPartition(partition);
        return acknowledging(tp, durable(tp, partitionKey, command));
    }

    /**
     * {@link #appendDurable} for a command that no read can observe (the purge of a deleted
     * table's state, whose id no request can name any more): no read waits for the processor to
     * apply it, as a read of a table created just after would otherwise wait for the old one's purge.
     */
    public CompletableFuture<CommandResult> appendUnobserved(int partition, byte[] partitionKey, Command command) {
        return durable(logPartition(partition), partitionKey, command).orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private CompletableFuture<CommandResult> durable(TopicPartition tp, byte[] partitionKey, Command command) {
        int partition = tp.partition();
        CompletableFuture<CommandResult> result = new CompletableFuture<>();
        send(partition, partitionKey, command, (metadata, error) -> {
            if (error != null) {
                result.completeExceptionally(appendFailed(error));
            } else {
                CommandResult applied = CommandResult.applied(null, 0).atOffset(metadata.offset());
                processed.whenProcessed(tp, metadata.offset() - MAX_UNAPPLIED_PER_PARTITION)
                        .thenRun(() -> result.complete(applied));
            }
        });
        return result;
    }

    /**
     * Appends the prepare of a transaction's share and completes with the partition's vote. From
     * before the append until the processor has passed it, the partition counts a prepare in
     * flight, so that no write is answered before its decision meanwhile.
     */
    public CompletableFuture<CommandResult> submitPrepare(int partition, byte[] partitionKey, Command command) {
        CompletableFuture<CommandResult> result = pending.register(command.getRequestId());
        synchronized (transactions.gate(partition)) {
            transactions.prepareAppending(partition);
            send(partition, partitionKey, command, (metadata, error) -> {
                if (error != null) {
                    result.completeExceptionally(appendFailed(error));
                }
            });
        }
        // The vote comes once the processor has counted the share it prepared (if any), so the
        // prepare stops counting exactly when its share starts to. (A prepare that got no vote
        // within the write timeout stops counting then: a partition that far behind is reported
        // as failing writes anyway.)
        result.whenComplete((vote, error) -> transactions.preparePassed(partition));
        return acknowledging(logPartition(partition), result);
    }

    /** A command for a partition, addressed from this node, that belongs to no table (a transaction step). */
    public Command.Builder newStep() {
        return Command.newBuilder()
                .setRequestId(pending.newRequestId())
                .setOrigin(pending.nodeId())
                .setTableId(TransactionCommands.NO_TABLE)
                .setStream(null);
    }

    /** Appends a command and completes with its result once the partition's processor has decided it. */
    public CompletableFuture<CommandResult> submit(int partition, byte[] partitionKey, Command command) {
        return submit(null, partition, partitionKey, command);
    }

    /**
     * {@link #submit} when the client needs what the processor decides (a condition's outcome,
     * an old item, the capacity consumed), else {@link #submitUnconditional}. A write to a table
     * with local indexes always waits: its item collection may have reached its size limit, which
     * only the processor knows.
     */
    public CompletableFuture<CommandResult> submit(TableDefinition table, int partition, byte[] partitionKey,
                                                   Command command, boolean awaitDecision) {
        return awaitDecision || !table.indexes().locals().isEmpty() ? submit(table, partition, partitionKey, command)
                : submitUnconditional(table, partition, partitionKey, command);
    }

    /** How many commands this writer has appended to the partition since it started. */
    public long appended(int partition) {
        AtomicLong count = appends.get(partition);
        return count == null ? 0 : count.get();
    }

    /** How many commands this writer has appended, over every partition. */
    public long commandsAppended() {
        return appends.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** How many log records those commands took: fewer, by the writes that shared a record (GroupCommit). */
    public long recordsAppended() {
        return appender.records();
    }

    private void send(int partition, byte[] partitionKey, Command command, Callback callback) {
        appends.computeIfAbsent(partition, p -> new AtomicLong()).incrementAndGet();
        appender.append(partition, partitionKey, command, callback);
    }

    /** Times the result out, and makes strong reads of the partition wait for what was acknowledged. */
    private CompletableFuture<CommandResult> acknowledging(TopicPartition tp, CompletableFuture<CommandResult> result) {
        return result
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((r, e) -> {
                    if (r != null) {
                        barrier.acknowledged(tp, r.logOffset());
                    }
                });
    }

    private TopicPartition logPartition(int partition) {
        return new TopicPartition(topics.commandLog(), partition);
    }

    private static RuntimeException appendFailed(Exception error) {
        return Errors.internal("Could not append the write to the log: " + error.getMessage());
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
