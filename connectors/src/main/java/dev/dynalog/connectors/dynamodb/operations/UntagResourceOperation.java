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
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/** UntagResource: removes tags from a table by key; a key the table does not have is no error. */
public final class UntagResourceOperation implements Operation {
    private final ResourceArns arns;
    private final TableLifecycle lifecycle;

    public UntagResourceOperation(ResourceArns arns, TableLifecycle lifecycle) {
        this.arns = arns;
        this.lifecycle = lifecycle;
    }

    @Override
    public CompletableFuture<JsonWritable> execute(JsonNode request) {
        RequestFields f = new RequestFields(request);
        String arn = ResourceArns.read(f);
        TagLists.requireNonEmpty(f, "TagKeys");
        List<String> keys = TagLists.readKeys(f, "TagKeys");
        f.check();
        String name = arns.tableName(arn);
        TagLists.refuseReserved(keys);
        lifecycle.changeSettings(name, s -> {
            Map<String, String> left = new TreeMap<>(s.tags());
            keys.forEach(left::remove);
            return s.withTags(left);
        }, () -> ResourceArns.notFound(arn));
        return CompletableFuture.completedFuture(JsonWritable.EMPTY_OBJECT);
    }
}
