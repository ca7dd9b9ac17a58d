package dev.dynalog.connectors.dynamodb.transactions;

import dev.dynalog.connectors.dynamodb.WriteExpressions;
import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.model.TableDefinition;
import java.util.Map;

/**
 * One validated action of a TransactWriteItems request.
 *
 * @param target      the whole item for PUT, the primary key otherwise
 * @param expressions the action's condition (and for UPDATE its update), legacy members never
 *                    occur in transactions; {@link WriteExpressions#conditionRecord()} is null
 *                    when the action has no condition
 */
public record TransactWriteAction(Kind kind, TableDefinition table, Map<String, AttributeValue> target,
                                  WriteExpressions expressions, boolean returnOldOnConditionFailure) {

    public enum Kind { CONDITION_CHECK, PUT, DELETE, UPDATE }
}
