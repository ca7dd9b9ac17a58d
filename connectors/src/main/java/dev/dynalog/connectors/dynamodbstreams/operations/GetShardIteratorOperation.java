package dev.dynalog.connectors.dynamodbstreams.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynalog.connectors.dynamodb.JsonWritable;
import dev.dynalog.connectors.dynamodb.Operation;
import dev.dynalog.connectors.dynamodbstreams.ShardIterators;
import dev.dynalog.connectors.dynamodbstreams.ShardReader;
import dev.dynalog.connectors.dynamodbstreams.Shards;
import dev.dynalog.connectors.dynamodbstreams.StreamArns;
import dev.dynalog.connectors.dynamodbstreams.StreamExtents;
import dev.dynalog.connectors.dynamodbstreams.StreamsErrors;
import dev.dynalog.streams.TopicNames;
import dev.dynalog.streams.catalog.TableCatalog;
import java.math.BigInteger;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * GetShardIterator: TRIM_HORIZON starts at the stream's oldest record the partition holds, LATEST
 * after the newest committed one (for a disabled stream, at its shard's end), AT_SEQUENCE_NUMBER and AFTER_SEQUENCE_NUMBER at the first record with that
 * sequence number or a later one. A sequence number older than the oldest record still held is
 * TrimmedDataAccessException, as DynamoDB Streams documents.
 */
public final class GetShardIteratorOperation implements Operation {
    private static final List<String> TYPES = List.of("TRIM_HORIZON", "LATEST", "AT_SEQUENCE_NUMBER",
            "AFTER_SEQUENCE_NUMBER");

    private final TableCatalog catalog;
    private final ShardReader reader;
    private final StreamExtents extents;
    private final TopicNames topics;
    private final Clock clock;

    public GetShardIteratorOperation(TableCatalog catalog, ShardReader reader, StreamExtents extents,
                                     TopicNames topics, Clock clock) {
        this.catalog = catalog;
        this.reader = reader;
        this.extents = extents;
        this.topics = topics;
        this.clock = clock;
    }

    @Override
    public CompletableFuture<JsonWritable> execute(JsonNode request) {
        String type = request.path("ShardIteratorType").asText(null);
        if (type == null || !TYPES.contains(type)) {
            throw StreamsErrors.validation("1 validation error detected: Value '" + type
                    + "' at 'shardIteratorType' failed to satisfy constraint: Member must satisfy enum value set: " + TYPES);
        }
        String sequenceNumber = request.path("SequenceNumber").asText(null);
        boolean bySequence = type.endsWith("_SEQUENCE_NUMBER");
        if (bySequence && sequenceNumber == null) {
            throw StreamsErrors.validation("Must specify a sequence number for iterator type " + type);
        }
        if (!bySequence && sequenceNumber != null) {
            throw StreamsErrors.validation("Sequence number must not be specified for iterator type " + type);
        }
        if (bySequence && !sequenceNumber.matches("\\d{21,40}")) {
            throw StreamsErrors.validation("Invalid SequenceNumber: " + sequenceNumber);
        }
        String arn = request.path("StreamArn").asText(null);
        StreamArns.NamedStream stream = StreamArns.resolve(catalog, arn, clock.millis());
        String shardId = request.path("ShardId").asText(null);
        int partition = Shards.partition(shardId, stream.table().tableId(), stream.table().partitions());
        if (partition < 0) {
            throw StreamsErrors.resourceNotFound("Requested resource not found: Shard does not exist");
        }
        TopicPartition tp = new TopicPartition(topics.changes(stream.table().name()), partition);
        long start = Math.max(reader.beginning(tp), extents.start(tp, stream.label()));
        long offset = switch (type) {
            case "TRIM_HORIZON" -> start;
            case "LATEST" -> extents.end(tp, stream);
            default -> {
                ShardReader.Entry oldest = reader.first(tp, start);
                if (oldest != null && new BigInteger(sequenceNumber)
                        .compareTo(new BigInteger(oldest.record().getSequenceNumber())) < 0) {
                    throw StreamsErrors.trimmedDataAccess("The requested sequence number " + sequenceNumber
                            + " is beyond the trim horizon of shard " + shardId);
                }
                long at = reader.offsetOf(tp, sequenceNumber, type.equals("AFTER_SEQUENCE_NUMBER"));
                yield Math.min(Math.max(at, start), extents.end(tp, stream));
            }
        };
        String iterator = ShardIterators.encode(new ShardIterators.Position(arn, partition, offset, clock.millis()));
        return CompletableFuture.completedFuture(json -> {
            json.writeStartObject();
            json.writeStringField("ShardIterator", iterator);
            json.writeEndObject();
        });
    }
}
