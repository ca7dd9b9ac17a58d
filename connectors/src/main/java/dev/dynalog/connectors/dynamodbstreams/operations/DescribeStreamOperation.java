package dev.dynalog.connectors.dynamodbstreams.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynalog.connectors.dynamodb.JsonWritable;
import dev.dynalog.connectors.dynamodb.Operation;
import dev.dynalog.connectors.dynamodbstreams.IdPaging;
import dev.dynalog.connectors.dynamodbstreams.ShardReader;
import dev.dynalog.connectors.dynamodbstreams.Shards;
import dev.dynalog.connectors.dynamodbstreams.StreamArns;
import dev.dynalog.connectors.dynamodbstreams.StreamsErrors;
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
import java.util.stream.IntStream;
import org.apache.kafka.common.TopicPartition;

/**
 * DescribeStream: one shard per change-topic partition, each open (no ending sequence number)
 * while the stream is enabled. A shard's starting sequence number is that of the oldest record
 * its partition still holds, or zero while it holds none: every record of the shard is at or
 * after it. Shards are paged in ShardId order (which is partition order, the ids being
 * zero-padded) by Limit (1 to 100, default 100) and ExclusiveStartShardId, as {@link IdPaging}
 * pages; only the page's shards are read for their starting sequence numbers.
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
        int limit = IdPaging.limit(request,
                "One or more parameter values were invalid: Limit cannot be greater than the maximum: " + IdPaging.MAX_LIMIT);
        String start = exclusiveStartShardId(request);
        String arn = request.path("StreamArn").asText(null);
        StreamArns.NamedStream stream = StreamArns.resolve(catalog, arn);
        TableDefinition table = stream.table();
        List<Integer> partitions = IntStream.range(0, table.partitions()).boxed().toList();
        IdPaging.Page<Integer> page = IdPaging.after(partitions, p -> Shards.id(p, table.tableId()), start, limit);
        String topic = topics.changes(table.name());
        List<String[]> shards = new ArrayList<>();
        for (int p : page.entries()) {
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
            if (page.lastEvaluatedId() != null) {
                json.writeStringField("LastEvaluatedShardId", page.lastEvaluatedId());
            }
            json.writeEndObject();
            json.writeEndObject();
        });
    }

    /** ExclusiveStartShardId, if given, checked against the ShardId shape's length (28 to 65). */
    private static String exclusiveStartShardId(JsonNode request) {
        JsonNode n = request.get("ExclusiveStartShardId");
        if (n == null || n.isNull()) {
            return null;
        }
        String id = n.asText();
        if (id.length() < 28 || id.length() > 65) {
            throw StreamsErrors.validation("1 validation error detected: Value '" + id
                    + "' at 'exclusiveStartShardId' failed to satisfy constraint: Member must have length "
                    + (id.length() < 28 ? "greater than or equal to 28" : "less than or equal to 65"));
        }
        return id;
    }

    private static void writeKey(com.fasterxml.jackson.core.JsonGenerator json, KeyAttribute a, String type)
            throws java.io.IOException {
        json.writeStartObject();
        json.writeStringField("AttributeName", a.name());
        json.writeStringField("KeyType", type);
        json.writeEndObject();
    }
}
