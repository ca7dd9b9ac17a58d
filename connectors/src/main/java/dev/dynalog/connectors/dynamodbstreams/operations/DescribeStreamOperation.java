package dev.dynalog.connectors.dynamodbstreams.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynalog.connectors.dynamodb.JsonWritable;
import dev.dynalog.connectors.dynamodb.Operation;
import dev.dynalog.connectors.dynamodbstreams.IdPaging;
import dev.dynalog.connectors.dynamodbstreams.ShardReader;
import dev.dynalog.connectors.dynamodbstreams.Shards;
import dev.dynalog.connectors.dynamodbstreams.StreamArns;
import dev.dynalog.connectors.dynamodbstreams.StreamExtents;
import dev.dynalog.connectors.dynamodbstreams.StreamsErrors;
import dev.dynalog.core.model.KeyAttribute;
import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.streams.TopicNames;
import dev.dynalog.streams.catalog.TableCatalog;
import dev.dynalog.streams.changes.SequenceNumbers;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.apache.kafka.common.TopicPartition;

/**
 * DescribeStream: one shard per change-topic partition, open (no ending sequence number) while
 * the stream is enabled, closed once it is disabled, with the sequence number of its last record
 * as EndingSequenceNumber. A shard's starting sequence number is that of the stream's oldest
 * record its partition still holds, or zero while it holds none: every record of the shard is at
 * or after it. Shards are paged in ShardId order (which is partition order, the ids being
 * zero-padded) by Limit (1 to 100, default 100) and ExclusiveStartShardId, as {@link IdPaging}
 * pages; only the page's shards are read for their starting sequence numbers.
 */
public final class DescribeStreamOperation implements Operation {
    private final TableCatalog catalog;
    private final ShardReader reader;
    private final StreamExtents extents;
    private final TopicNames topics;
    private final Clock clock;

    public DescribeStreamOperation(TableCatalog catalog, ShardReader reader, StreamExtents extents, TopicNames topics,
                                   Clock clock) {
        this.catalog = catalog;
        this.reader = reader;
        this.extents = extents;
        this.topics = topics;
        this.clock = clock;
    }

    /** A shard as described: its id and the sequence numbers of its range (ending null while open). */
    private record Shard(String id, String starting, String ending) {
    }

    @Override
    public CompletableFuture<JsonWritable> execute(JsonNode request) {
        int limit = IdPaging.limit(request,
                "One or more parameter values were invalid: Limit cannot be greater than the maximum: " + IdPaging.MAX_LIMIT);
        String start = exclusiveStartShardId(request);
        String arn = request.path("StreamArn").asText(null);
        StreamArns.NamedStream stream = StreamArns.resolve(catalog, arn, clock.millis());
        TableDefinition table = stream.table();
        List<Integer> partitions = IntStream.range(0, table.partitions()).boxed().toList();
        IdPaging.Page<Integer> page = IdPaging.after(partitions, p -> Shards.id(p, table.tableId()), start, limit);
        String topic = topics.changes(table.name());
        List<Shard> shards = new ArrayList<>();
        for (int p : page.entries()) {
            TopicPartition tp = new TopicPartition(topic, p);
            long from = Math.max(reader.beginning(tp), extents.start(tp, stream.label()));
            ShardReader.Entry oldest = reader.first(tp, from);
            boolean inStream = oldest != null && oldest.offset() < extents.end(tp, stream)
                    && oldest.record().getStreamLabel().equals(stream.label());
            String starting = inStream ? oldest.record().getSequenceNumber() : SequenceNumbers.of(0, 0);
            String ending = null;
            if (!stream.open()) {
                ShardReader.Entry last = extents.last(tp, stream);
                ending = last == null ? starting : last.record().getSequenceNumber();
            }
            shards.add(new Shard(Shards.id(p, table.tableId()), starting, ending));
        }
        long created = LocalDateTime.parse(stream.label()).toInstant(ZoneOffset.UTC).getEpochSecond();
        return CompletableFuture.completedFuture(json -> {
            json.writeStartObject();
            json.writeObjectFieldStart("StreamDescription");
            json.writeStringField("StreamArn", arn);
            json.writeStringField("StreamLabel", stream.label());
            json.writeStringField("StreamStatus", stream.open() ? "ENABLED" : "DISABLED");
            json.writeStringField("StreamViewType", stream.viewType().name());
            json.writeNumberField("CreationRequestDateTime", created);
            json.writeStringField("TableName", table.name());
            json.writeArrayFieldStart("KeySchema");
            writeKey(json, table.keySchema().partitionKey(), "HASH");
            if (table.keySchema().sortKey().isPresent()) {
                writeKey(json, table.keySchema().sortKey().get(), "RANGE");
            }
            json.writeEndArray();
            json.writeArrayFieldStart("Shards");
            for (Shard s : shards) {
                json.writeStartObject();
                json.writeStringField("ShardId", s.id());
                json.writeObjectFieldStart("SequenceNumberRange");
                json.writeStringField("StartingSequenceNumber", s.starting());
                if (s.ending() != null) {
                    json.writeStringField("EndingSequenceNumber", s.ending());
                }
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
