package dev.dynalog.connectors.export;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dynalog.core.index.ProjectionType;
import dev.dynalog.core.index.SecondaryIndex;
import dev.dynalog.core.model.BillingMode;
import dev.dynalog.core.model.KeyAttribute;
import dev.dynalog.core.model.KeySchema;
import dev.dynalog.core.model.TableDefinition;

/**
 * A table's definition as the members of a CreateTable request (dynalog-table.json beside an
 * export), so that an import creates the same table.
 */
public final class CreateTableMembers {
    private CreateTableMembers() {
    }

    public static ObjectNode of(TableDefinition t) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("TableName", t.name());
        keySchema(o.putArray("KeySchema"), t.keySchema());
        ArrayNode defs = o.putArray("AttributeDefinitions");
        for (KeyAttribute a : t.attributeDefinitions()) {
            defs.addObject().put("AttributeName", a.name()).put("AttributeType", a.type().name());
        }
        o.put("BillingMode", t.billingMode().name());
        if (t.billingMode() == BillingMode.PROVISIONED) {
            o.putObject("ProvisionedThroughput").put("ReadCapacityUnits", t.readCapacityUnits())
                    .put("WriteCapacityUnits", t.writeCapacityUnits());
        }
        if (!t.indexes().locals().isEmpty()) {
            ArrayNode locals = o.putArray("LocalSecondaryIndexes");
            t.indexes().locals().forEach(i -> index(locals.addObject(), i, BillingMode.PAY_PER_REQUEST));
        }
        if (!t.indexes().globals().isEmpty()) {
            ArrayNode globals = o.putArray("GlobalSecondaryIndexes");
            t.indexes().globals().forEach(i -> index(globals.addObject(), i, t.billingMode()));
        }
        return o;
    }

    private static void index(ObjectNode o, SecondaryIndex index, BillingMode billing) {
        o.put("IndexName", index.name());
        keySchema(o.putArray("KeySchema"), index.keySchema());
        ObjectNode projection = o.putObject("Projection");
        projection.put("ProjectionType", index.projection().type().name());
        if (index.projection().type() == ProjectionType.INCLUDE) {
            ArrayNode names = projection.putArray("NonKeyAttributes");
            index.projection().nonKeyAttributes().forEach(names::add);
        }
        if (billing == BillingMode.PROVISIONED) {
            o.putObject("ProvisionedThroughput").put("ReadCapacityUnits", index.readCapacityUnits())
                    .put("WriteCapacityUnits", index.writeCapacityUnits());
        }
    }

    private static void keySchema(ArrayNode keys, KeySchema schema) {
        keys.addObject().put("AttributeName", schema.partitionKey().name()).put("KeyType", "HASH");
        schema.sortKey().ifPresent(k -> keys.addObject().put("AttributeName", k.name()).put("KeyType", "RANGE"));
    }
}
