package dev.dynalog.connectors.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynalog.core.error.Errors;
import dev.dynalog.core.model.AttributeType;
import dev.dynalog.core.model.KeyAttribute;
import java.util.ArrayList;
import java.util.List;

/** The AttributeDefinitions member of CreateTable and UpdateTable, in request order. */
public final class AttributeDefinitions {
    private AttributeDefinitions() {
    }

    /** Each definition, its type checked against the model; null when the member is absent. */
    public static List<KeyAttribute> read(JsonNode definitions) {
        if (definitions == null) {
            return null;
        }
        List<KeyAttribute> out = new ArrayList<>();
        for (JsonNode d : definitions) {
            String attr = d.path("AttributeName").asText(null);
            String type = d.path("AttributeType").asText(null);
            if (attr == null || type == null || !List.of("S", "N", "B").contains(type)) {
                throw Errors.validation("1 validation error detected: Value '" + type
                        + "' at 'attributeDefinitions.1.member.attributeType' failed to satisfy constraint: "
                        + "Member must satisfy enum value set: [B, N, S]");
            }
            out.add(new KeyAttribute(attr, AttributeType.valueOf(type)));
        }
        return out;
    }
}
