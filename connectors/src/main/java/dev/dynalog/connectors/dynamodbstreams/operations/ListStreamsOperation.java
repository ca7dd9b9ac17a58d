package dev.dynalog.connectors.dynamodbstreams.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynalog.connectors.dynamodb.JsonWritable;
import dev.dynalog.connectors.dynamodb.Operation;
import dev.dynalog.connectors.dynamodb.StreamSpecifications;
import dev.dynalog.connectors.dynamodb.TableDescriptionWriter;
import dev.dynalog.connectors.dynamodbstreams.StreamsErrors;
import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.streams.catalog.TableCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * ListStreams: the latest stream of every table that has had one (or of TableName), ordered by
 * stream ARN, paged by Limit (1 to 100, default 100) and ExclusiveStartStreamArn.
 */
public final class ListStreamsOperation implements Operation {
    private final TableCatalog catalog;
    private final TableDescriptionWriter descriptions;

    public ListStreamsOperation(TableCatalog catalog, TableDescriptionWriter descriptions) {
        this.catalog = catalog;
        this.descriptions = descriptions;
    }

    @Override
    public CompletableFuture<JsonWritable> execute(JsonNode request) {
        String tableName = request.path("TableName").asText(null);
        int limit = request.path("Limit").asInt(100);
        if (limit < 1 || limit > 100) {
            throw StreamsErrors.validation("1 validation error detected: Value '" + limit
                    + "' at 'limit' failed to satisfy constraint: Member must have value "
                    + (limit < 1 ? "greater than or equal to 1" : "less than or equal to 100"));
        }
        String start = request.path("ExclusiveStartStreamArn").asText(null);
        List<String[]> streams = new ArrayList<>();
        for (TableDefinition t : catalog.all()) {
            if (t.stream().latestLabel() != null && (tableName == null || tableName.equals(t.name()))) {
                String arn = StreamSpecifications.streamArn(descriptions.tableArn(t.name()), t.stream().latestLabel());
                if (start == null || arn.compareTo(start) > 0) {
                    streams.add(new String[] {arn, t.name(), t.stream().latestLabel()});
                }
            }
        }
        streams.sort((a, b) -> a[0].compareTo(b[0]));
        List<String[]> page = streams.subList(0, Math.min(limit, streams.size()));
        boolean more = streams.size() > limit;
        return CompletableFuture.completedFuture(json -> {
            json.writeStartObject();
            json.writeArrayFieldStart("Streams");
            for (String[] s : page) {
                json.writeStartObject();
                json.writeStringField("StreamArn", s[0]);
                json.writeStringField("TableName", s[1]);
                json.writeStringField("StreamLabel", s[2]);
                json.writeEndObject();
            }
            json.writeEndArray();
            if (more) {
                json.writeStringField("LastEvaluatedStreamArn", page.get(page.size() - 1)[0]);
            }
            json.writeEndObject();
        });
    }
}
