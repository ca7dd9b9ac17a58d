package dev.dynalog.streams.write;

import dev.dynalog.core.error.Errors;
import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.schemas.command.Command;
import dev.dynalog.schemas.command.CommandCodec;
import dev.dynalog.streams.TopicNames;
import dev.dynalog.streams.processor.CommandResult;
import dev.dynalog.streams.read.ReadBarrier;
import dev.dynalog.streams.reply.PendingResults;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The front door's half of the write path: appends a command to its table's log partition with an
 * idempotent, acks=all producer and completes when the partition's processor reports the result.
 */
public final class CommandWriter implements AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;
    private final PendingResults pending;
    private final ReadBarrier barrier;
    private final TopicNames topics;
    private final Duration timeout;

    public CommandWriter(String bootstrapServers, PendingResults pending, ReadBarrier barrier, TopicNames topics,
                         Duration timeout) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // Concurrent writes share a produce request, and the processor then reads them in one fetch:
        // on a busy node each request costs the broker and the stream thread more than a put's own
        // work. Under 16 clients 2 ms saved about a tenth of the CPU per put against 1 ms, with no
        // loss of throughput (bench/NOTES.md); a lone write waits 1 ms longer. Kafka's default of
        // 5 ms makes writers wait more than the batching saves.
        p.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "dynalog-commands-" + pending.nodeId());
        this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        this.pending = pending;
        this.barrier = barrier;
        this.topics = topics;
        this.timeout = timeout;
    }

    /** A new command addressed from this node, for {@link #submit}. */
    public Command.Builder newCommand(TableDefinition table) {
        return Command.newBuilder()
                .setRequestId(pending.newRequestId())
                .setOrigin(pending.nodeId())
                .setTableId(table.tableId());
    }

    /**
     * Appends the command to partition {@code partition} of the table's log, keyed by the encoded
     * partition key, and returns its result.
     */
    public CompletableFuture<CommandResult> submit(TableDefinition table, int partition, byte[] partitionKey,
                                                   Command command) {
        String topic = topics.commandLog();
        CompletableFuture<CommandResult> result = pending.register(command.getRequestId());
        try {
            producer.send(new ProducerRecord<>(topic, partition, partitionKey, CommandCodec.encode(command)),
                    (metadata, error) -> {
                        if (error != null) {
                            result.completeExceptionally(appendFailed(error));
                        }
                    });
        } catch (RuntimeException e) {
            result.completeExceptionally(appendFailed(e));
        }
        TopicPartition tp = new TopicPartition(topic, partition);
        return result
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((r, e) -> {
                    if (r != null) {
                        barrier.acknowledged(tp, r.logOffset());
                    }
                });
    }

    private static RuntimeException appendFailed(Exception error) {
        return Errors.internal("Could not append the write to the log: " + error.getMessage());
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
