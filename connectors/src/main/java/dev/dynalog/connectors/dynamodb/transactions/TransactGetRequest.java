package dev.dynalog.connectors.dynamodb.transactions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynalog.connectors.dynamodb.CapacityReport;
import dev.dynalog.connectors.dynamodb.RequestFields;
import dev.dynalog.connectors.dynamodb.TableResolver;
import dev.dynalog.core.error.CancellationReason;
import dev.dynalog.core.error.DynamoDbException;
import dev.dynalog.core.error.Errors;
import dev.dynalog.core.expression.ExpressionAttributes;
import dev.dynalog.core.expression.Projection;
import dev.dynalog.core.expression.legacy.ParameterMixing;
import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.core.validation.KeyValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A TransactGetItems request, validated as a whole before anything is read, in DynamoDB's order:
 * the model's constraints on every member in one message (ReturnConsumedCapacity, TransactItems,
 * each Get's Key and TableName); then each Get in request order: its key's values and its
 * ProjectionExpression with ExpressionAttributeNames; then each Get in request order: its table
 * (which must be active), its key's values (an empty string or binary is a ValidationException),
 * no second Get of the same item. A key that does not match the schema (missing or extra
 * attributes, a wrong type) is a {@code ValidationError} cancellation reason in DynamoDB, reported
 * once every Get has passed the other checks, with {@code None} for the other Gets.
 *
 * <p>ReturnConsumedCapacity takes the model's values: DynamoDB's documentation calls only TOTAL
 * and NONE valid here, but DynamoDB Local accepts INDEXES too (and answers with the table's
 * entry), and no other answer of DynamoDB's to it is known.
 */
public record TransactGetRequest(List<TransactGetAction> gets, CapacityReport capacity) {
    static final int MAX_GETS = 100;
    private static final String ITEMS = "TransactItems";
    private static final String KEY_MISMATCH = "The provided key element does not match the schema";

    /** Reads and validates the request; throws DynamoDB's error for the first thing wrong with it. */
    public static TransactGetRequest read(JsonNode request, TableResolver tables) {
        RequestFields f = new RequestFields(request);
        CapacityReport capacity = CapacityReport.read(f);
        List<JsonNode> items = TransactionMembers.list(f, ITEMS, MAX_GETS);
        List<RequestFields> gets = new ArrayList<>();
        List<String> tableNames = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode get = items.get(i).get("Get");
            String path = TransactionMembers.actionPath(f, ITEMS, i, "Get");
            if (get == null || get.isNull()) {
                f.violation("Value null at '" + path + "' failed to satisfy constraint: Member must not be null");
                continue;
            }
            if (!get.isObject()) {
                throw Errors.serialization("Unexpected value type in payload");
            }
            RequestFields g = f.nested(TransactionMembers.withoutLegacyMembers(get), path);
            if (!g.has("Key")) {
                g.violation(TransactionMembers.notNull(g, "Key"));
            }
            tableNames.add(g.tableName());
            gets.add(g);
        }
        f.check();

        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        List<Projection> projections = new ArrayList<>();
        for (RequestFields g : gets) {
            keys.add(g.item("Key"));
            ParameterMixing.check("GetItem", g.presentMembers());
            // As in GetItem: values have no use in a projection, so only names are checked.
            ExpressionAttributes attributes = ExpressionAttributes.of(g.stringMap("ExpressionAttributeNames"), null);
            String projection = g.string("ProjectionExpression");
            projections.add(projection == null ? null : Projection.parse(projection, attributes));
            attributes.assertAllUsed();
        }

        List<TransactGetAction> actions = new ArrayList<>();
        List<CancellationReason> reasons = new ArrayList<>();
        TransactionMembers.DistinctItems distinct = new TransactionMembers.DistinctItems();
        boolean cancelled = false;
        for (int i = 0; i < gets.size(); i++) {
            TableDefinition table = tables.active(tableNames.get(i));
            Map<String, AttributeValue> key = keys.get(i);
            String invalid = null;
            try {
                KeyValidator.validateKey(table.keySchema(), key);
                distinct.add(table, key);
            } catch (DynamoDbException e) {
                if (!e.getMessage().equals(KEY_MISMATCH)) {
                    throw e;
                }
                invalid = e.getMessage();
            }
            cancelled |= invalid != null;
            reasons.add(invalid == null ? CancellationReason.none() : CancellationReason.validationError(invalid));
            actions.add(new TransactGetAction(table, key, projections.get(i)));
        }
        if (cancelled) {
            throw Errors.transactionCanceled(reasons);
        }
        return new TransactGetRequest(List.copyOf(actions), capacity);
    }
}
