package dev.dynalog.connectors.dynamodb.transactions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dynalog.connectors.dynamodb.LegacyParameters;
import dev.dynalog.connectors.dynamodb.RequestFields;
import dev.dynalog.core.error.Errors;
import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.streams.ItemAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the readers of TransactWriteItems and TransactGetItems share. */
final class TransactionMembers {
    /**
     * Members of the single-item operations that the transaction actions do not have: DynamoDB
     * ignores them there, as it ignores any unknown member, so they must not count for the rules
     * on mixing legacy members and expressions.
     */
    private static final Set<String> NOT_IN_ACTIONS = Set.of(LegacyParameters.EXPECTED,
            LegacyParameters.CONDITIONAL_OPERATOR, LegacyParameters.ATTRIBUTE_UPDATES, LegacyParameters.ATTRIBUTES_TO_GET);

    private TransactionMembers() {
    }

    /**
     * The TransactItems list, its length checked against the model (1 to {@code max}); empty
     * when the member is missing. Over the maximum, the message is the one DynamoDB's regions
     * with the current validation give ("Value at 'TransactItems'"): the others echo the list in
     * their own Java rendering, which cannot be reproduced.
     */
    static List<JsonNode> list(RequestFields f, String member, int max) {
        JsonNode n = f.node(member);
        List<JsonNode> items = new ArrayList<>();
        if (n == null) {
            f.violation(notNull(f, member));
            return items;
        }
        if (!n.isArray()) {
            throw Errors.serialization("Unexpected value type in payload");
        }
        if (n.isEmpty()) {
            f.violation("Value '[]' at '" + f.path(member)
                    + "' failed to satisfy constraint: Member must have length greater than or equal to 1");
        } else if (n.size() > max) {
            f.violation("Value at '" + member
                    + "' failed to satisfy constraint: Member must have length less than or equal to " + max);
        }
        for (JsonNode item : n) {
            if (!item.isObject()) {
                throw Errors.serialization("Unexpected value type in payload");
            }
            items.add(item);
        }
        return items;
    }

    /** The path of one action's member, e.g. {@code transactItems.1.member.put}; {@code index} from 0. */
    static String actionPath(RequestFields f, String listMember, int index, String actionMember) {
        return f.path(listMember) + "." + (index + 1) + ".member." + f.path(actionMember);
    }

    static String notNull(RequestFields f, String member) {
        return "Value null at '" + f.path(member) + "' failed to satisfy constraint: Member must not be null";
    }

    /** The action's members without those of {@link #NOT_IN_ACTIONS}; values are shared, not copied. */
    static JsonNode withoutLegacyMembers(JsonNode action) {
        ObjectNode view = JsonNodeFactory.instance.objectNode();
        action.fields().forEachRemaining(e -> {
            if (!NOT_IN_ACTIONS.contains(e.getKey())) {
                view.set(e.getKey(), e.getValue());
            }
        });
        return view;
    }

    /** DynamoDB's rule that a transaction touches each item once. */
    static final class DistinctItems {
        private final Set<String> seen = new HashSet<>();

        /** Throws DynamoDB's ValidationException if an earlier action has the same table and primary key. */
        void add(TableDefinition table, Map<String, AttributeValue> keyOrItem) {
            String address = table.tableId() + "/" + HexFormat.of().formatHex(ItemAddress.of(table, keyOrItem).primaryKey());
            if (!seen.add(address)) {
                throw Errors.validation("Transaction request cannot include multiple operations on one item");
            }
        }
    }
}
