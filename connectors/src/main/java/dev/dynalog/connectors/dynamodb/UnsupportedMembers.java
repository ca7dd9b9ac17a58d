package dev.dynalog.connectors.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynalog.core.error.Errors;

/**
 * Rejects request members dynalog does not implement yet, instead of silently ignoring them: a
 * condition or filter that is dropped would change what the client's code means.
 */
public final class UnsupportedMembers {
    private UnsupportedMembers() {
    }

    public static void reject(JsonNode request, String... members) {
        for (String m : members) {
            JsonNode n = request.get(m);
            if (n != null && !n.isNull()) {
                throw Errors.validation(m + " is not supported by this version of dynalog");
            }
        }
    }

    /**
     * Rejects members whose only supported value is NONE (capacity and item-collection reports,
     * until dynalog computes them), so a client asking for a report is told rather than given
     * none.
     */
    public static void rejectUnlessNone(JsonNode request, String... members) {
        for (String m : members) {
            JsonNode n = request.get(m);
            if (n != null && !n.isNull() && !"NONE".equals(n.asText())) {
                throw Errors.validation(m + " " + n.asText() + " is not supported by this version of dynalog");
            }
        }
    }
}
