package dev.dynalog.connectors.registry;

import dev.dynalog.schemas.registry.SchemaRegistryException;
import dev.dynalog.streams.log.CompactedTopicLog;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's log in Kafka: the compacted, single-partition {@code _schemas} topic (see
 * {@link RegistryRecordCodec} for its records). A background consumer reads it from the beginning
 * and applies every record to a {@link RegistryState}; {@link #append} produces a record and
 * returns once that consumer has applied it, as the table catalog does with {@code _catalog}.
 *
 * <p>One partition gives every instance the same order of records, hence the same state. Ids and
 * versions are chosen by the writer from the state it has read, after {@link #catchUp} has read
 * the topic to its end; so writes through different instances agree as long as they do not
 * overlap in time. That is the assumption for now: one writing instance at a time. Two instances
 * registering different schemas at the same moment could both choose the same new id; a leader
 * election among instances (Confluent's registry forwards writes to a leader), or a conditional
 * append that fails when the log has moved past what the writer read, would remove that.
 */
public final class KafkaSchemaLog implements SchemaLog, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KafkaSchemaLog.class);
    private static final Duration APPLY_TIMEOUT = Duration.ofSeconds(30);

    private final RegistryState state;
    private final CompactedTopicLog topicLog;

    public KafkaSchemaLog(String bootstrapServers, String topic, RegistryState state) {
        this.state = state;
        this.topicLog = new CompactedTopicLog(bootstrapServers, topic, "dynalog-schemas-reader", this::apply);
    }

    /**
     * The topic as the registry needs it: one partition, so all instances read one order, and
     * compacted, so it keeps the last value per subject/version and config key forever.
     */
    public static NewTopic topic(String name, int replicationFactor, int minInSync) {
        return new NewTopic(name, 1, (short) replicationFactor).configs(Map.of(
                "cleanup.policy", "compact",
                "min.insync.replicas", String.valueOf(minInSync)));
    }

    /** Starts reading and returns once every record written so far is applied. */
    public void start(Duration timeout) throws InterruptedException, TimeoutException {
        topicLog.start(timeout);
    }

    private void apply(ConsumerRecord<byte[], byte[]> r) {
        RegistryRecord record;
        try {
            record = RegistryRecordCodec.decode(r.key(), r.value());
        } catch (RuntimeException e) {
            // A record a newer registry wrote, or garbage: skipping it keeps this instance serving
            // what it understands.
            log.warn("skipping unreadable record at offset {} of {}: {}", r.offset(), topicLog.topic(), e.getMessage());
            return;
        }
        state.apply(record);
    }

    @Override
    public void catchUp() {
        try {
            topicLog.catchUp(APPLY_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SchemaRegistryException.storeError("interrupted while reading " + topicLog.topic(), e);
        } catch (ExecutionException | TimeoutException | IllegalStateException e) {
            throw SchemaRegistryException.storeError("could not read " + topicLog.topic() + " to its end: " + e.getMessage(), e);
        }
    }

    @Override
    public void append(RegistryRecord record) {
        try {
            topicLog.append(RegistryRecordCodec.key(record), RegistryRecordCodec.value(record), APPLY_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SchemaRegistryException.storeError("interrupted while writing " + topicLog.topic(), e);
        } catch (ExecutionException | TimeoutException | IllegalStateException e) {
            throw SchemaRegistryException.storeError("could not write " + topicLog.topic() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        topicLog.close();
    }
}
