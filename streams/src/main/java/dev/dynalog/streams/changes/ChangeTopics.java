package dev.dynalog.streams.changes;

import dev.dynalog.schemas.change.ChangeRecord;
import dev.dynalog.schemas.registry.SchemaRegistrar;
import dev.dynalog.schemas.registry.SubjectNames;
import dev.dynalog.streams.TopicNames;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Makes a table's change topic ready before any command asks for a change record: the topic
 * exists with one partition per command-log partition, and the change record schema is
 * registered under its value subject. Idempotent: enabling a stream again, re-creating a table
 * under the same name and a node resuming an unfinished transition all find them ready.
 *
 * <p>Retention is by time only ({@link #DEFAULT_RETENTION}, 7 days, unless configured): longer
 * than DynamoDB's 24 hours, so a consumer that was down over a weekend still catches up, and a
 * table can be rebuilt from its stream within that window. It is Kafka's own default retention,
 * which operators already size their disks for.
 */
public final class ChangeTopics {
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);

    private final Admin admin;
    private final TopicNames topics;
    private final SchemaRegistrar registry;
    private final int partitions;
    private final short replicationFactor;
    private final int minInSync;
    private final Duration retention;

    public ChangeTopics(Admin admin, TopicNames topics, SchemaRegistrar registry, int partitions,
                        short replicationFactor, int minInSync, Duration retention) {
        this.minInSync = minInSync;
        this.admin = admin;
        this.topics = topics;
        this.registry = registry;
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
        this.retention = retention;
    }

    /** Creates the table's change topic unless it exists and registers the schema; returns the topic. */
    public String ensure(String tableName) {
        String topic = topics.changes(tableName);
        NewTopic newTopic = new NewTopic(topic, partitions, replicationFactor).configs(Map.of(
                TopicConfig.RETENTION_MS_CONFIG, String.valueOf(retention.toMillis()),
                TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(minInSync)));
        try {
            admin.createTopics(List.of(newTopic)).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create the change topic " + topic, e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the change topic " + topic, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out creating the change topic " + topic, e);
        }
        registry.register(SubjectNames.value(topic), ChangeRecord.getClassSchema());
        return topic;
    }
}
