package dev.dynalog.app;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.dynalog.connectors.dynamodbstreams.StreamRecordJson;
import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.schemas.change.ChangeRecord;
import dev.dynalog.schemas.registry.ConfluentAvroDeserializer;
import dev.dynalog.schemas.registry.SchemaRegistryClient;
import dev.dynalog.streams.TopicNames;
import dev.dynalog.streams.catalog.TableCatalog;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dynalog tail --table T}: prints a table's change stream as DynamoDB Streams records, one
 * JSON object per line (the shape GetRecords and Lambda use), from now on or from the oldest
 * record kept, for humans and shell pipelines ({@code | jq}). It reads the change topic with a
 * read_committed consumer, so it prints each committed change once.
 */
@Command(name = "tail", mixinStandardHelpOptions = true,
        description = "Prints a table's change stream as DynamoDB Streams JSON lines.")
public final class TailCommand implements Callable<Integer> {
    @Option(names = "--table", required = true, description = "The table.")
    String table;
    @Option(names = "--from-beginning", description = "Start at the oldest record kept instead of now.")
    boolean fromBeginning;
    @Option(names = "--bootstrap-servers", defaultValue = "localhost:9092",
            description = "The Kafka cluster (default: ${DEFAULT-VALUE}, dynalog serve's embedded broker).")
    String bootstrapServers;
    @Option(names = "--schema-registry-url", defaultValue = "http://localhost:8081",
            description = "The schema registry (default: ${DEFAULT-VALUE}, dynalog serve's embedded one).")
    String schemaRegistryUrl;
    @Option(names = "--application-id", defaultValue = "dynalog",
            description = "dynalog's application id, the prefix of its topics (default: ${DEFAULT-VALUE}).")
    String applicationId;
    @Option(names = "--max-records", defaultValue = "0",
            description = "Stop after this many records (default: ${DEFAULT-VALUE}, never).")
    long maxRecords;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        String topic = new TopicNames(applicationId).changes(table);
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        ConfluentAvroDeserializer<ChangeRecord> deserializer = ConfluentAvroDeserializer.specific(
                new SchemaRegistryClient(URI.create(schemaRegistryUrl)), ChangeRecord.class);
        JsonFactory json = new JsonFactory();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            Map<String, List<PartitionInfo>> topics = consumer.listTopics(Duration.ofSeconds(30));
            if (!topics.containsKey(topic)) {
                spec.commandLine().getErr().println("Table " + table + " has no change stream: there is no topic " + topic
                        + " (enable the stream with UpdateTable StreamSpecification)");
                return 1;
            }
            List<TopicPartition> partitions = new ArrayList<>();
            topics.get(topic).forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            consumer.assign(partitions);
            if (fromBeginning) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
            }
            String tableId = currentTableId();
            long printed = 0;
            while (maxRecords == 0 || printed < maxRecords) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    ChangeRecord change = deserializer.deserialize(r.value());
                    if (tableId != null && !tableId.equals(change.getTableId())) {
                        continue; // a change of an earlier table of that name, which shares the topic
                    }
                    StringWriter line = new StringWriter();
                    try (JsonGenerator g = json.createGenerator(line)) {
                        StreamRecordJson.write(g, change, "us-east-1");
                    }
                    out.println(line);
                    out.flush();
                    if (++printed == maxRecords) {
                        break;
                    }
                }
            }
        }
        return 0;
    }

    /**
     * The id of the table that has the name now, from the catalog; null if there is none (a
     * deleted table's changes are then all printed).
     */
    private String currentTableId() {
        try (TableCatalog catalog = new TableCatalog(bootstrapServers, new TopicNames(applicationId).catalog())) {
            catalog.start(Duration.ofSeconds(30));
            return catalog.get(table).map(TableDefinition::tableId).orElse(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the catalog", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("could not read the catalog: " + e.getMessage(), e);
        }
    }
}
