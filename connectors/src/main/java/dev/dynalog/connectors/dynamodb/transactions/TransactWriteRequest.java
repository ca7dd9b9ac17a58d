package dev.dynalog.connectors.dynamodb.transactions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynalog.connectors.dynamodb.CapacityReport;
import dev.dynalog.connectors.dynamodb.ItemCollectionMetrics;
import dev.dynalog.connectors.dynamodb.RequestFields;
import dev.dynalog.connectors.dynamodb.TableResolver;
import dev.dynalog.connectors.dynamodb.WriteExpressions;
import dev.dynalog.connectors.dynamodb.WriteReturnValues;
import dev.dynalog.connectors.dynamodb.transactions.TransactWriteAction.Kind;
import dev.dynalog.core.error.CancellationReason;
import dev.dynalog.core.error.DynamoDbException;
import dev.dynalog.core.error.Errors;
import dev.dynalog.core.index.IndexKeyValidator;
import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.core.size.ItemSize;
import dev.dynalog.core.validation.KeyValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A TransactWriteItems request, validated as a whole before anything is appended, in DynamoDB's
 * order:
 * <ol>
 *   <li>the model's constraints on every member, reported together in one "N validation errors
 *       detected" message, in the order of their paths (ClientRequestToken, ReturnConsumedCapacity,
 *       ReturnItemCollectionMetrics, TransactItems, then each action's members);</li>
 *   <li>each action in request order: exactly one of ConditionCheck, Put, Delete and Update, its
 *       item or key, its expressions (syntax, placeholders, placeholders left unused);</li>
 *   <li>the aggregate size of the items against 4 MB;</li>
 *   <li>each action in request order: its table (which must be active), its key against the key
 *       schema, no second action on the same item;</li>
 *   <li>what DynamoDB reports as a {@code ValidationError} cancellation reason rather than as a
 *       ValidationException: a key attribute of the wrong type (table or index key), an update of
 *       a key attribute. Those are decided once every action has passed the steps above, and
 *       cancel the transaction with one reason per action, {@code None} for the others.</li>
 * </ol>
 * What depends on the items (conditions, an update that does not fit the item, an item grown past
 * 400 KB by an update) is decided by the processor.
 *
 * @param actions            in request order
 * @param clientRequestToken null when the request has none
 */
public record TransactWriteRequest(List<TransactWriteAction> actions, String clientRequestToken,
                                   CapacityReport capacity, boolean collectionMetrics) {
    static final int MAX_ACTIONS = 100;
    static final long MAX_TOTAL_BYTES = 4L * 1024 * 1024;
    static final int MAX_TOKEN_LENGTH = 36;

    private static final String TOKEN = "ClientRequestToken";
    private static final String ITEMS = "TransactItems";
    /** The action members in the order of their paths, the order DynamoDB reports their violations in. */
    private static final List<Kind> PATH_ORDER = List.of(Kind.CONDITION_CHECK, Kind.DELETE, Kind.PUT, Kind.UPDATE);

    /** Reads and validates the request; throws DynamoDB's error for the first thing wrong with it. */
    public static TransactWriteRequest read(JsonNode request, TableResolver tables) {
        RequestFields f = new RequestFields(request);
        String token = f.string(TOKEN);
        if (token != null && (token.isEmpty() || token.length() > MAX_TOKEN_LENGTH)) {
            f.violation("Value '" + token + "' at '" + f.path(TOKEN) + "' failed to satisfy constraint: Member must have length "
                    + (token.isEmpty() ? "greater than or equal to 1" : "less than or equal to " + MAX_TOKEN_LENGTH));
        }
        CapacityReport capacity = CapacityReport.read(f);
        boolean collectionMetrics = ItemCollectionMetrics.read(f);
        List<JsonNode> items = TransactionMembers.list(f, ITEMS, MAX_ACTIONS);
        List<ActionMembers> members = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            members.add(ActionMembers.read(f, i, items.get(i)));
        }
        f.check();

        List<ParsedAction> parsed = new ArrayList<>();
        for (ActionMembers m : members) {
            parsed.add(m.parse());
        }
        long total = 0;
        for (ParsedAction p : parsed) {
            total += ItemSize.of(p.target());
        }
        if (total > MAX_TOTAL_BYTES) {
            throw Errors.validation("Transaction payload size cannot exceed 4MB. Payload Size: " + total);
        }

        List<TransactWriteAction> actions = new ArrayList<>();
        List<CancellationReason> reasons = new ArrayList<>();
        TransactionMembers.DistinctItems distinct = new TransactionMembers.DistinctItems();
        boolean cancelled = false;
        for (ParsedAction p : parsed) {
            TableDefinition table = tables.active(p.tableName());
            String invalid = p.kind() == Kind.PUT ? checkItem(table, p.target()) : checkKey(table, p.target(), p);
            if (invalid == null) {
                distinct.add(table, p.target());
            }
            cancelled |= invalid != null;
            reasons.add(invalid == null ? CancellationReason.none() : CancellationReason.validationError(invalid));
            actions.add(new TransactWriteAction(p.kind(), table, p.target(), p.expressions(), p.returnOldOnConditionFailure()));
        }
        if (cancelled) {
            throw Errors.transactionCanceled(reasons);
        }
        return new TransactWriteRequest(List.copyOf(actions), token, capacity, collectionMetrics);
    }

    /**
     * Checks a Put's item: a missing, empty or oversized key or an item over 400 KB is a
     * ValidationException; a key attribute of the wrong type, of the table or of an index, is
     * returned as the action's cancellation reason.
     */
    private static String checkItem(TableDefinition table, Map<String, AttributeValue> item) {
        try {
            KeyValidator.validateItem(table.keySchema(), item);
        } catch (DynamoDbException e) {
            if (e.getMessage().startsWith("One or more parameter values were invalid: Type mismatch for key ")) {
                return e.getMessage();
            }
            throw e;
        }
        try {
            IndexKeyValidator.validatePut(table.indexes(), item);
        } catch (DynamoDbException e) {
            if (e.getMessage().startsWith("One or more parameter values were invalid: Type mismatch for Index Key ")) {
                return e.getMessage();
            }
            throw e;
        }
        return null;
    }

    /**
     * Checks the Key of a ConditionCheck, Delete or Update: a key with other attributes than the
     * schema's, or an empty or oversized key value, is a ValidationException; a key attribute of
     * the wrong type, or an update of a key attribute, is returned as the cancellation reason.
     */
    private static String checkKey(TableDefinition table, Map<String, AttributeValue> key, ParsedAction action) {
        try {
            KeyValidator.validateKey(table.keySchema(), key);
        } catch (DynamoDbException e) {
            if (hasEveryKeyAttribute(table, key) && e.getMessage().equals("The provided key element does not match the schema")) {
                return e.getMessage();
            }
            throw e;
        }
        try {
            action.expressions().rejectKeyAttributeUpdates(table.keySchema());
        } catch (DynamoDbException e) {
            return e.getMessage();
        }
        return null;
    }

    /** Exactly the schema's attributes, whatever their types: a mismatch is then one of type. */
    private static boolean hasEveryKeyAttribute(TableDefinition table, Map<String, AttributeValue> key) {
        return key.size() == table.keySchema().size()
                && key.containsKey(table.keySchema().partitionKey().name())
                && table.keySchema().sortKey().map(sk -> key.containsKey(sk.name())).orElse(true);
    }

    /** One action's members, read with the model's constraints recorded on the request. */
    private record ActionMembers(List<Kind> present, RequestFields fields, Kind kind, String tableName,
                                 String returnValuesOnConditionFailure) {

        static ActionMembers read(RequestFields request, int index, JsonNode item) {
            List<Kind> present = new ArrayList<>();
            RequestFields fields = null;
            Kind kind = null;
            String tableName = null;
            String onConditionFailure = null;
            for (Kind k : PATH_ORDER) {
                JsonNode action = item.get(member(k));
                if (action == null || action.isNull()) {
                    continue;
                }
                if (!action.isObject()) {
                    throw Errors.serialization("Unexpected value type in payload");
                }
                present.add(k);
                RequestFields f = request.nested(TransactionMembers.withoutLegacyMembers(action),
                        TransactionMembers.actionPath(request, ITEMS, index, member(k)));
                if (k == Kind.CONDITION_CHECK && !f.has("ConditionExpression")) {
                    f.violation(TransactionMembers.notNull(f, "ConditionExpression"));
                }
                String target = k == Kind.PUT ? "Item" : "Key";
                if (!f.has(target)) {
                    f.violation(TransactionMembers.notNull(f, target));
                }
                String rv = f.enumValue("ReturnValuesOnConditionCheckFailure", WriteReturnValues.ON_CONDITION_FAILURE_VALUES);
                String name = f.tableName();
                if (k == Kind.UPDATE && !f.has("UpdateExpression")) {
                    f.violation(TransactionMembers.notNull(f, "UpdateExpression"));
                }
                if (fields == null) {
                    fields = f;
                    kind = k;
                    tableName = name;
                    onConditionFailure = rv;
                }
            }
            return new ActionMembers(present, fields, kind, tableName, onConditionFailure);
        }

        /** The action's item or key and expressions; DynamoDB's error if they are invalid. */
        ParsedAction parse() {
            if (present.isEmpty()) {
                throw Errors.validation("Invalid Request: TransactWriteRequest should contain Delete or Put or Update request");
            }
            if (present.size() > 1) {
                throw Errors.validation("TransactItems can only contain one of Check, Put, Update or Delete");
            }
            Map<String, AttributeValue> target = fields.item(kind == Kind.PUT ? "Item" : "Key");
            WriteExpressions expressions = WriteExpressions.read(fields, operation(kind), null, null).translateLegacy();
            return new ParsedAction(kind, tableName, target, expressions,
                    WriteReturnValues.oldItemOnConditionFailure(returnValuesOnConditionFailure));
        }
    }

    private record ParsedAction(Kind kind, String tableName, Map<String, AttributeValue> target,
                                WriteExpressions expressions, boolean returnOldOnConditionFailure) {
    }

    private static String member(Kind kind) {
        return switch (kind) {
            case CONDITION_CHECK -> "ConditionCheck";
            case PUT -> "Put";
            case DELETE -> "Delete";
            case UPDATE -> "Update";
        };
    }

    /**
     * The single-item operation whose rules for ExpressionAttributeNames and Values without an
     * expression the action follows (a ConditionCheck has a ConditionExpression, as a DeleteItem
     * may).
     */
    private static String operation(Kind kind) {
        return switch (kind) {
            case CONDITION_CHECK, DELETE -> "DeleteItem";
            case PUT -> "PutItem";
            case UPDATE -> "UpdateItem";
        };
    }
}
