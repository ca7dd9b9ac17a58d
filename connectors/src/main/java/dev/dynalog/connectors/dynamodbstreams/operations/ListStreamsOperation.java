package dev.dynalog.connectors.dynamodbstreams.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynalog.connectors.dynamodb.JsonWritable;
import dev.dynalog.connectors.dynamodb.Operation;
import dev.dynalog.connectors.dynamodb.StreamSpecifications;
import dev.dynalog.connectors.dynamodb.TableDescriptionWriter;
import dev.dynalog.connectors.dynamodbstreams.IdPaging;
import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.streams.catalog.TableCatalog;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * ListStreams: every table's (or TableName's) enabled stream and the streams disabled in the
 * last 24 hours, also those of deleted tables, which are still readable, paged in
 * stream ARN order by Limit (1 to 100, default 100) and ExclusiveStartStreamArn, as
 * {@link IdPaging} pages.
 */
public final class ListStreamsOperation implements Operation {
    private final TableCatalog catalog;
    private final TableDescriptionWriter descriptions;
    private final Clock clock;

    public ListStreamsOperation(TableCatalog catalog, TableDescriptionWriter descriptions, Clock clock) {
        this.catalog = catalog;
        this.descriptions = descriptions;
        this.clock = clock;
    }

    private record Listed(String arn, String tableName, String label) {
    }

    @Override
    public CompletableFuture<JsonWritable> execute(JsonNode request) {
        int limit = IdPaging.limit(request, "One or more parameter values were invalid: "
                + "Limit cannot be greater than the maximum allowed size: " + IdPaging.MAX_LIMIT);
        String tableName = request.path("TableName").asText(null);
        String start = request.path("ExclusiveStartStreamArn").asText(null);
        List<Listed> streams = new ArrayList<>();
        long now = clock.millis();
        for (TableDefinition t : Stream.concat(catalog.all().stream(), catalog.retired().stream()).toList()) {
            if (tableName != null && !tableName.equals(t.name())) {
                continue;
            }
            Set<String> labels = new LinkedHashSet<>();
            t.stream().readableClosed(now).forEach(c -> labels.add(c.label()));
            if (t.stream().enabled()) {
                labels.add(t.stream().latestLabel());
            }
            for (String label : labels) {
                String arn = StreamSpecifications.streamArn(descriptions.tableArn(t.name()), label);
                streams.add(new Listed(arn, t.name(), label));
            }
        }
        IdPaging.Page<Listed> page = IdPaging.after(streams, Listed::arn, start, limit);
        return CompletableFuture.completedFuture(json -> {
            json.writeStartObject();
            json.writeArrayFieldStart("Streams");
            for (Listed s : page.entries()) {
                json.writeStartObject();
                json.writeStringField("StreamArn", s.arn());
                json.writeStringField("TableName", s.tableName());
                json.writeStringField("StreamLabel", s.label());
                json.writeEndObject();
            }
            json.writeEndArray();
            if (page.lastEvaluatedId() != null) {
                json.writeStringField("LastEvaluatedStreamArn", page.lastEvaluatedId());
            }
            json.writeEndObject();
        });
    }
}
