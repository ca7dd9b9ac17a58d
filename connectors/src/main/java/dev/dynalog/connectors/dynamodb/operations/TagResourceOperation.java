package dev.dynalog.connectors.dynamodb.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynalog.connectors.dynamodb.JsonWritable;
import dev.dynalog.connectors.dynamodb.Operation;
import dev.dynalog.connectors.dynamodb.RequestFields;
import dev.dynalog.connectors.dynamodb.ResourceArns;
import dev.dynalog.connectors.dynamodb.TagLists;
import dev.dynalog.streams.catalog.TableLifecycle;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * TagResource: adds tags to a table; a key the table has already gets the new value. DynamoDB
 * applies tags eventually ("ListTagsOfResource will only reflect the changes after a few
 * seconds"); dynalog's are in the catalog when it answers, which a client of DynamoDB cannot tell
 * from a quick propagation.
 */
public final class TagResourceOperation implements Operation {
    private final ResourceArns arns;
    private final TableLifecycle lifecycle;

    public TagResourceOperation(ResourceArns arns, TableLifecycle lifecycle) {
        this.arns = arns;
        this.lifecycle = lifecycle;
    }

    @Override
    public CompletableFuture<JsonWritable> execute(JsonNode request) {
        RequestFields f = new RequestFields(request);
        String arn = ResourceArns.read(f);
        TagLists.requireNonEmpty(f, "Tags");
        List<TagLists.Tag> tags = TagLists.read(f, "Tags");
        f.check();
        String name = arns.tableName(arn);
        Map<String, String> added = TagLists.byKey(tags);
        lifecycle.changeSettings(name, s -> s.withTags(TagLists.merged(s.tags(), added)),
                () -> ResourceArns.notFound(arn));
        return CompletableFuture.completedFuture(JsonWritable.EMPTY_OBJECT);
    }
}
