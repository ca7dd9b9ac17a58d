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
}
