package dev.dynalog.connectors.dynamodb.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynalog.connectors.dynamodb.JsonWritable;
import dev.dynalog.connectors.dynamodb.Operation;
import dev.dynalog.connectors.dynamodb.RequestFields;
import dev.dynalog.connectors.dynamodb.ResourceArns;
import dev.dynalog.connectors.dynamodb.TableResolver;
import dev.dynalog.core.error.Errors;
import dev.dynalog.core.model.TableStatus;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * ListTagsOfResource: a table's tags, ordered by key. Every tag comes in the one response, with
 * no NextToken: a table has at most 50, and DynamoDB's own answer pages no further. The request's
 * NextToken "must be copied from the output of a previous call", so, as none is ever given out,
 * one in a request is refused.
 */
public final class ListTagsOfResourceOperation implements Operation {
    private final ResourceArns arns;
    private final TableResolver tables;

    public ListTagsOfResourceOperation(ResourceArns arns, TableResolver tables) {
        this.arns = arns;
        this.tables = tables;
    }

    @Override
    public CompletableFuture<JsonWritable> execute(JsonNode request) {
        RequestFields f = new RequestFields(request);
        String arn = ResourceArns.read(f);
        String nextToken = f.string("NextToken");
        f.check();
        String name = arns.tableName(arn);
        if (nextToken != null) {
            throw Errors.validation("Invalid NextToken: " + nextToken);
        }
        Map<String, String> tags = tables.find(name).filter(t -> t.status() != TableStatus.DELETING)
                .orElseThrow(() -> ResourceArns.notFound(arn)).settings().tags();
        return CompletableFuture.completedFuture(json -> {
            json.writeStartObject();
            json.writeArrayFieldStart("Tags");
            for (Map.Entry<String, String> tag : tags.entrySet()) {
                json.writeStartObject();
                json.writeStringField("Key", tag.getKey());
                json.writeStringField("Value", tag.getValue());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }
}
