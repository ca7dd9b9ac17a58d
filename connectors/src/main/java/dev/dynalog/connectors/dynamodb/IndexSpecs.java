package dev.dynalog.connectors.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynalog.core.index.IndexSpec.KeyElement;
import dev.dynalog.core.index.IndexSpec.ProjectionSpec;
import dev.dynalog.core.index.IndexSpec.ThroughputSpec;
import dev.dynalog.core.index.IndexSpec;
import java.util.ArrayList;
import java.util.List;

/** Reads the index lists of CreateTable and UpdateTable from JSON, as sent, judged later by core. */
public final class IndexSpecs {
    private IndexSpecs() {
    }

    /** The elements of an index list member, or null when the request has no such member. */
    public static List<IndexSpec> read(JsonNode list, boolean global) {
        if (list == null || list.isNull()) {
            return null;
        }
        List<IndexSpec> specs = new ArrayList<>();
        for (JsonNode n : list) {
            specs.add(one(n, global));
        }
        return specs;
    }

    public static IndexSpec one(JsonNode n, boolean global) {
        List<KeyElement> key = null;
        if (n.hasNonNull("KeySchema")) {
            key = new ArrayList<>();
            for (JsonNode k : n.get("KeySchema")) {
                key.add(new KeyElement(text(k, "AttributeName"), text(k, "KeyType")));
            }
        }
        ProjectionSpec projection = null;
        JsonNode p = n.get("Projection");
        if (p != null && !p.isNull()) {
            List<String> nonKey = null;
            if (p.hasNonNull("NonKeyAttributes")) {
                nonKey = new ArrayList<>();
                for (JsonNode a : p.get("NonKeyAttributes")) {
                    nonKey.add(a.asText());
                }
            }
            projection = new ProjectionSpec(text(p, "ProjectionType"), nonKey);
        }
        ThroughputSpec throughput = null;
        JsonNode t = n.get("ProvisionedThroughput");
        if (global && t != null && !t.isNull()) {
            throughput = new ThroughputSpec(t.hasNonNull("ReadCapacityUnits") ? t.get("ReadCapacityUnits").asLong() : null,
                    t.hasNonNull("WriteCapacityUnits") ? t.get("WriteCapacityUnits").asLong() : null);
        }
        return new IndexSpec(text(n, "IndexName"), key, projection, throughput);
    }

    private static String text(JsonNode n, String member) {
        JsonNode v = n.get(member);
        return v == null || v.isNull() ? null : v.asText();
    }
}
