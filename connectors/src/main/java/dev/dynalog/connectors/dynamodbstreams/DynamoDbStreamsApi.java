package dev.dynalog.connectors.dynamodbstreams;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynalog.connectors.dynamodb.JsonWritable;
import dev.dynalog.connectors.dynamodb.Operation;
import dev.dynalog.connectors.dynamodb.TableDescriptionWriter;
import dev.dynalog.connectors.dynamodbstreams.operations.DescribeStreamOperation;
import dev.dynalog.connectors.dynamodbstreams.operations.GetRecordsOperation;
import dev.dynalog.connectors.dynamodbstreams.operations.GetShardIteratorOperation;
import dev.dynalog.connectors.dynamodbstreams.operations.ListStreamsOperation;
import dev.dynalog.connectors.http.Access;
import dev.dynalog.connectors.http.JsonApi;
import dev.dynalog.core.error.Errors;
import dev.dynalog.streams.TopicNames;
import dev.dynalog.streams.catalog.TableCatalog;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The DynamoDB Streams API (version 2012-08-10) over the change topics: a stream is a table's
 * latest stream or one disabled within the last day, a shard is a partition of its change topic, a sequence number is the one in the
 * change record, and a shard iterator holds a topic offset.
 */
public final class DynamoDbStreamsApi implements JsonApi {
    public static final String TARGET_PREFIX = "DynamoDBStreams_20120810.";

    private final Map<String, Operation> operations;

    public DynamoDbStreamsApi(TableCatalog catalog, ShardReader reader, TopicNames topics,
                              TableDescriptionWriter descriptions, String region, Clock clock) {
        StreamExtents extents = new StreamExtents(reader);
        this.operations = Map.of(
                "ListStreams", new ListStreamsOperation(catalog, descriptions, clock),
                "DescribeStream", new DescribeStreamOperation(catalog, reader, extents, topics, clock),
                "GetShardIterator", new GetShardIteratorOperation(catalog, reader, extents, topics, clock),
                "GetRecords", new GetRecordsOperation(catalog, reader, extents, topics, region, clock));
    }

    @Override
    public String targetPrefix() {
        return TARGET_PREFIX;
    }

    @Override
    public boolean supports(String operation) {
        return operations.containsKey(operation);
    }

    @Override
    public CompletableFuture<JsonWritable> execute(String operation, JsonNode request) {
        Operation op = operations.get(operation);
        if (op == null) {
            throw Errors.unknownOperation();
        }
        return op.execute(request);
    }

    /** Each call's own action on the stream it names (GetRecords: the stream of its iterator). */
    @Override
    public List<Access> accesses(String operation, JsonNode request) {
        String resource = switch (operation) {
            case "DescribeStream", "GetShardIterator" -> request.path("StreamArn").asText(Access.ANY_RESOURCE);
            case "GetRecords" -> ShardIterators.streamArnOf(request.path("ShardIterator").asText(""), Access.ANY_RESOURCE);
            default -> Access.ANY_RESOURCE;
        };
        return List.of(new Access("dynamodb:" + operation, resource));
    }
}
