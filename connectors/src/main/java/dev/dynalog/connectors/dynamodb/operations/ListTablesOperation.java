package dev.dynalog.connectors.dynamodb.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynalog.connectors.dynamodb.JsonWritable;
import dev.dynalog.connectors.dynamodb.Operation;
import dev.dynalog.connectors.dynamodb.RequestFields;
import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.streams.catalog.TableCatalog;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** ListTables in name order, paged by ExclusiveStartTableName and Limit (at most 100). */
public final class ListTablesOperation implements Operation {
    private final TableCatalog catalog;

    public ListTablesOperation(TableCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public CompletableFuture<JsonWritable> execute(JsonNode request) {
        RequestFields f = new RequestFields(request);
        Integer limitField = f.integer("Limit", 1);
        if (limitField != null && limitField > 100) {
            f.violation("Value '" + limitField + "' at 'limit' failed to satisfy constraint: "
                    + "Member must have value less than or equal to 100");
        }
        String start = f.has("ExclusiveStartTableName") ? f.tableName("ExclusiveStartTableName") : null;
        f.check();
        int limit = limitField == null ? 100 : limitField;
        List<String> names = catalog.all().stream().map(TableDefinition::name)
                .filter(n -> start == null || n.compareTo(start) > 0)
                .toList();
        List<String> page = names.subList(0, Math.min(limit, names.size()));
        boolean more = names.size() > page.size();
        return CompletableFuture.completedFuture(json -> {
            json.writeStartObject();
            json.writeArrayFieldStart("TableNames");
            for (String n : page) {
                json.writeString(n);
            }
            json.writeEndArray();
            if (more) {
                json.writeStringField("LastEvaluatedTableName", page.get(page.size() - 1));
            }
            json.writeEndObject();
        });
    }
}
