package dev.dynalog.connectors.dynamodbstreams.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynalog.connectors.dynamodb.JsonWritable;
import dev.dynalog.connectors.dynamodb.Operation;
import dev.dynalog.connectors.dynamodbstreams.ShardReader;
import dev.dynalog.connectors.dynamodbstreams.Shards;
import dev.dynalog.connectors.dynamodbstreams.StreamArns;
import dev.dynalog.core.model.KeyAttribute;
import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.streams.TopicNames;
import dev.dynalog.streams.catalog.TableCatalog;
import dev.dynalog.streams.changes.SequenceNumbers;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * DescribeStream: one shard per change-topic partition, each open (no ending sequence number)
 * while the stream is enabled. A shard's starting sequence number is that of the oldest record
 * its partition still holds, or zero while it holds none: every record of the shard is at or
 * after it.
 */
public final class DescribeStreamOperation implements Operation {
    private final TableCatalog catalog;
    private final ShardReader reader;
    private final TopicNames topics;

    public DescribeStreamOperation(TableCatalog catalog, ShardReader reader, TopicNames topics) {
        this.catalog = catalog;
        this.reader = reader;
        this.topics = topics;
    }

    @Override
    public CompletableFuture<JsonWritable> execute(JsonNode request) {
        String arn = request.path("StreamArn").asText(null);
        StreamArns.NamedStream stream = StreamArns.resolve(catalog, arn);
        TableDefinition table = stream.table();
        String topic = topics.changes(table.name());
        List<String[]> shards = new ArrayList<>();
        for (int p = 0; p < table.partitions(); p++) {
            TopicPartition tp = new TopicPartition(topic, p);
            ShardReader.Entry oldest = reader.first(tp, reader.beginning(tp));
            shards.add(new String[] {Shards.id(p, table.tableId()),
                    oldest == null ? SequenceNumbers.of(0, 0) : oldest.record().getSequenceNumber()});
        }
        long created = LocalDateTime.parse(stream.label()).toInstant(ZoneOffset.UTC).getEpochSecond();
        return CompletableFuture.completedFuture(json -> {
            json.writeStartObject();
            json.writeObjectFieldStart("StreamDescription");
            json.writeStringField("StreamArn", arn);
            json.writeStringField("StreamLabel", stream.label());
            json.writeStringField("StreamStatus", table.stream().enabled() ? "ENABLED" : "DISABLED");
            if (table.stream().enabled()) {
                json.writeStringField("StreamViewType", table.stream().viewType().name());
            }
            json.writeNumberField("CreationRequestDateTime", created);
            json.writeStringField("TableName", table.name());
            json.writeArrayFieldStart("KeySchema");
            writeKey(json, table.keySchema().partitionKey(), "HASH");
            if (table.keySchema().sortKey().isPresent()) {
                writeKey(json, table.keySchema().sortKey().get(), "RANGE");
            }
            json.writeEndArray();
            json.writeArrayFieldStart("Shards");
            for (String[] s : shards) {
                json.writeStartObject();
                json.writeStringField("ShardId", s[0]);
                json.writeObjectFieldStart("SequenceNumberRange");
                json.writeStringField("StartingSequenceNumber", s[1]);
                json.writeEndObject();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndObject();
        });
    }

    private static void writeKey(com.fasterxml.jackson.core.JsonGenerator json, KeyAttribute a, String type)
            throws java.io.IOException {
        json.writeStartObject();
        json.writeStringField("AttributeName", a.name());
        json.writeStringField("KeyType", type);
        json.writeEndObject();
    }
}
