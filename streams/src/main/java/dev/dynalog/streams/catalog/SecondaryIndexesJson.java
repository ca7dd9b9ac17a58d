package dev.dynalog.streams.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dynalog.core.index.IndexKind;
import dev.dynalog.core.index.IndexProjection;
import dev.dynalog.core.index.IndexStatus;
import dev.dynalog.core.index.ProjectionType;
import dev.dynalog.core.index.SecondaryIndex;
import dev.dynalog.core.index.SecondaryIndexes;
import dev.dynalog.core.model.AttributeType;
import dev.dynalog.core.model.KeyAttribute;
import dev.dynalog.core.model.KeySchema;
import java.util.ArrayList;
import java.util.List;

/**
 * A table's secondary indexes as a JSON array inside its catalog record, readable with any Kafka
 * tool; absent in records written before indexes existed, which then have none.
 */
final class SecondaryIndexesJson {
    private SecondaryIndexesJson() {
    }

    static ArrayNode write(ObjectMapper json, SecondaryIndexes indexes) {
        ArrayNode array = json.createArrayNode();
        for (SecondaryIndex i : indexes.all()) {
            ObjectNode o = array.addObject();
            o.put("name", i.name());
            o.put("indexId", i.indexId());
            o.put("kind", i.kind().name());
            o.set("partitionKey", keyAttribute(json, i.keySchema().partitionKey()));
            i.keySchema().sortKey().ifPresent(k -> o.set("sortKey", keyAttribute(json, k)));
            o.put("projectionType", i.projection().type().name());
            ArrayNode nonKey = o.putArray("nonKeyAttributes");
            i.projection().nonKeyAttributes().forEach(nonKey::add);
            o.put("status", i.status().name());
            o.put("backfilling", i.backfilling());
            o.put("readCapacityUnits", i.readCapacityUnits());
            o.put("writeCapacityUnits", i.writeCapacityUnits());
        }
        return array;
    }

    static SecondaryIndexes read(JsonNode array) {
        if (array == null || array.isNull()) {
            return SecondaryIndexes.NONE;
        }
        List<SecondaryIndex> indexes = new ArrayList<>();
        for (JsonNode o : array) {
            KeyAttribute pk = keyAttribute(o.get("partitionKey"));
            KeySchema key = o.hasNonNull("sortKey") ? KeySchema.of(pk, keyAttribute(o.get("sortKey"))) : KeySchema.of(pk);
            List<String> nonKey = new ArrayList<>();
            o.path("nonKeyAttributes").forEach(n -> nonKey.add(n.asText()));
            indexes.add(new SecondaryIndex(
                    o.get("name").asText(),
                    o.get("indexId").asText(),
                    IndexKind.valueOf(o.get("kind").asText()),
                    key,
                    new IndexProjection(ProjectionType.valueOf(o.get("projectionType").asText()), nonKey),
                    IndexStatus.valueOf(o.get("status").asText()),
                    o.path("backfilling").asBoolean(false),
                    o.path("readCapacityUnits").asLong(),
                    o.path("writeCapacityUnits").asLong()));
        }
        return new SecondaryIndexes(indexes);
    }

    private static ObjectNode keyAttribute(ObjectMapper json, KeyAttribute a) {
        ObjectNode n = json.createObjectNode();
        n.put("name", a.name());
        n.put("type", a.type().name());
        return n;
    }

    private static KeyAttribute keyAttribute(JsonNode n) {
        return new KeyAttribute(n.get("name").asText(), AttributeType.valueOf(n.get("type").asText()));
    }
}
