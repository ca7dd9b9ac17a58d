package dev.dynalog.connectors.dynamodb.transactions;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * SHA-256 of a request member as canonical JSON (object members sorted by name), so that a
 * ClientRequestToken reused with other parameters is told apart from a retry of the same request,
 * whatever order a client writes the members in.
 */
public final class RequestDigest {
    private RequestDigest() {
    }

    public static byte[] of(JsonNode member) {
        StringBuilder canonical = new StringBuilder();
        write(member, canonical);
        try {
            return MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(JsonNode node, StringBuilder out) {
        if (node == null) {
            out.append("null");
        } else if (node.isObject()) {
            List<String> names = new ArrayList<>();
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                names.add(it.next());
            }
            Collections.sort(names);
            out.append('{');
            for (String name : names) {
                out.append(com.fasterxml.jackson.databind.node.TextNode.valueOf(name)).append(':');
                write(node.get(name), out);
                out.append(',');
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (JsonNode element : node) {
                write(element, out);
                out.append(',');
            }
            out.append(']');
        } else {
            out.append(node);
        }
    }
}
