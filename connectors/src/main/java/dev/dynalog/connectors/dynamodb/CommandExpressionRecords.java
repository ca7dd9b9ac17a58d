package dev.dynalog.connectors.dynamodb;

import dev.dynalog.core.encoding.ItemCodec;
import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.schemas.command.Expression;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * An expression as a command carries it: the text the client sent and the request's placeholder
 * maps. The front door has parsed and resolved it already; the processor does so again against
 * the item, so the log holds DynamoDB's grammar rather than a tree of this version's classes.
 */
public final class CommandExpressionRecords {
    private CommandExpressionRecords() {
    }

    /**
     * The expression, or null when the request has none. Empty maps are written as absent ones:
     * the processor reads placeholder maps as a request's, which may not be empty.
     */
    public static Expression of(String text, Map<String, String> names, Map<String, AttributeValue> values) {
        if (text == null) {
            return null;
        }
        return Expression.newBuilder()
                .setText(text)
                .setNames(names == null ? Map.of() : names)
                .setValues(ByteBuffer.wrap(values == null || values.isEmpty() ? new byte[0] : ItemCodec.encode(values)))
                .build();
    }
}
