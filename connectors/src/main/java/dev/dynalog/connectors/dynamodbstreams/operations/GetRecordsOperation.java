package dev.dynalog.connectors.dynamodbstreams.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynalog.connectors.dynamodb.JsonWritable;
import dev.dynalog.connectors.dynamodb.Operation;
import dev.dynalog.connectors.dynamodbstreams.ShardIterators;
import dev.dynalog.connectors.dynamodbstreams.ShardReader;
import dev.dynalog.connectors.dynamodbstreams.StreamArns;
import dev.dynalog.connectors.dynamodbstreams.StreamExtents;
import dev.dynalog.connectors.dynamodbstreams.StreamRecordJson;
import dev.dynalog.connectors.dynamodbstreams.StreamsErrors;
import dev.dynalog.streams.TopicNames;
import dev.dynalog.streams.catalog.TableCatalog;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * GetRecords: up to Limit (1 to 1000, default 1000) committed records of the iterator's shard,
 * and the iterator to continue from. Records of earlier streams or table incarnations that share
 * the topic are skipped. A shard of a disabled stream is closed once read to its end: no next
 * iterator. An iterator whose position retention has removed is TrimmedDataAccessException; one
 * older than 15 minutes is ExpiredIteratorException.
 */
public final class GetRecordsOperation implements Operation {
    private final TableCatalog catalog;
    private final ShardReader reader;
    private final StreamExtents extents;
    private final TopicNames topics;
    private final String region;
    /** How long after a stream is closed its records may still arrive in the change topic. */
    static final long SETTLE_MILLIS = 10_000;

    private final Clock clock;

    public GetRecordsOperation(TableCatalog catalog, ShardReader reader, StreamExtents extents, TopicNames topics,
                               String region, Clock clock) {
        this.catalog = catalog;
        this.reader = reader;
        this.extents = extents;
        this.topics = topics;
        this.region = region;
        this.clock = clock;
    }

    @Override
    public CompletableFuture<JsonWritable> execute(JsonNode request) {
        int limit = request.path("Limit").asInt(1000);
        if (limit < 1 || limit > 1000) {
            throw StreamsErrors.validation("1 validation error detected: Value '" + limit
                    + "' at 'limit' failed to satisfy constraint: Member must have value "
                    + (limit < 1 ? "greater than or equal to 1" : "less than or equal to 1000"));
        }
        String iterator = request.path("ShardIterator").asText(null);
        if (iterator == null) {
            throw StreamsErrors.validation("1 validation error detected: Value null at 'shardIterator' failed to "
                    + "satisfy constraint: Member must not be null");
        }
        long now = clock.millis();
        ShardIterators.Position position = ShardIterators.decode(iterator, now);
        StreamArns.NamedStream stream = StreamArns.resolve(catalog, position.streamArn(), now);
        TopicPartition tp = new TopicPartition(topics.changes(stream.table().name()), position.partition());
        if (position.offset() < reader.beginning(tp)) {
            throw StreamsErrors.trimmedDataAccess("The shard iterator points before the trim horizon of the shard: "
                    + "its records were removed by retention");
        }
        long end = stream.open() ? Long.MAX_VALUE : extents.end(tp, stream);
        ShardReader.Page page = reader.read(tp, position.offset(), limit, end);
        List<ShardReader.Entry> records = page.entries().stream()
                .filter(e -> e.record().getStreamLabel().equals(stream.label())
                        && e.record().getTableId().equals(stream.table().tableId()))
                .toList();
        // Writes appended before the stream was disabled (or its table deleted) may still be on
        // their way to the change topic: a shard whose end only a later stream's record can fix
        // ends once that record is there, or once the stream has been closed for a while.
        boolean closed = !stream.open() && page.nextOffset() >= end
                && (extents.endIsSettled(tp, stream) || now - stream.closedAtMillis() >= SETTLE_MILLIS);
        String next = closed ? null : ShardIterators.encode(
                new ShardIterators.Position(position.streamArn(), position.partition(), page.nextOffset(), now));
        return CompletableFuture.completedFuture(json -> {
            json.writeStartObject();
            json.writeArrayFieldStart("Records");
            for (ShardReader.Entry e : records) {
                StreamRecordJson.write(json, e.record(), region);
            }
            json.writeEndArray();
            if (next != null) {
                json.writeStringField("NextShardIterator", next);
            }
            json.writeEndObject();
        });
    }
}
