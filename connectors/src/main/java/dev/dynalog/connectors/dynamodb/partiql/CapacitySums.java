package dev.dynalog.connectors.dynamodb.partiql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds up the ConsumedCapacity of the item operations a PartiQL request ran (the pages of a read,
 * the statements of a batch): member by member, so the table's units, the read and write units
 * and each index's units are each a sum, whatever ReturnConsumedCapacity asked for.
 */
public final class CapacitySums {
    private CapacitySums() {
    }

    /** {@code sum} plus {@code capacity} (either may be null). */
    public static JsonNode add(JsonNode sum, JsonNode capacity) {
        if (sum == null) {
            return capacity == null ? null : capacity.deepCopy();
        }
        if (capacity == null) {
            return sum;
        }
        if (sum.isNumber() && capacity.isNumber()) {
            return JsonNodeFactory.instance.numberNode(sum.asDouble() + capacity.asDouble());
        }
        if (sum instanceof ObjectNode s && capacity.isObject()) {
            capacity.fields().forEachRemaining(e -> s.set(e.getKey(), add(s.get(e.getKey()), e.getValue())));
            return s;
        }
        return sum;
    }

    /** One sum per table, in the order the tables first appear. */
    public static ArrayNode byTable(List<JsonNode> capacities) {
        Map<String, JsonNode> sums = new LinkedHashMap<>();
        for (JsonNode c : capacities) {
            if (c != null) {
                sums.merge(c.path("TableName").asText(), c.deepCopy(), CapacitySums::add);
            }
        }
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        sums.values().forEach(out::add);
        return out;
    }
}
