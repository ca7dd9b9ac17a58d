package dev.dynalog.connectors.registry;

import dev.dynalog.schemas.registry.CompatibilityLevel;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * Decides whether a new schema may follow earlier versions of a subject, with Avro's own schema
 * resolution rules ({@link SchemaCompatibility}): "backward" means a reader using the new schema
 * can read what was written with an earlier one, "forward" the reverse.
 */
public final class CompatibilityChecker {
    private CompatibilityChecker() {
    }

    /**
     * What makes {@code candidate} incompatible with {@code earlier} under {@code level}; empty if
     * it is compatible. Plain levels compare with the last of {@code earlier} only, transitive
     * ones with all of them.
     *
     * @param earlier the subject's earlier schemas, oldest first
     */
    public static List<String> incompatibilities(Schema candidate, List<Schema> earlier, CompatibilityLevel level) {
        List<String> problems = new ArrayList<>();
        if (level == CompatibilityLevel.NONE || earlier.isEmpty()) {
            return problems;
        }
        List<Schema> compared = level.transitive() ? earlier : List.of(earlier.get(earlier.size() - 1));
        for (Schema previous : compared) {
            if (level.backward()) {
                describe(SchemaCompatibility.checkReaderWriterCompatibility(candidate, previous), "the new schema cannot read data written with an earlier one", problems);
            }
            if (level.forward()) {
                describe(SchemaCompatibility.checkReaderWriterCompatibility(previous, candidate), "an earlier schema cannot read data written with the new one", problems);
            }
        }
        return problems;
    }

    private static void describe(SchemaPairCompatibility result, String direction, List<String> problems) {
        if (result.getType() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            return;
        }
        for (Incompatibility i : result.getResult().getIncompatibilities()) {
            problems.add(direction + ": " + i.getType() + " at " + i.getLocation() + ": " + i.getMessage());
        }
    }
}
