package dev.dynalog.connectors.dynamodb.transactions;

import dev.dynalog.core.expression.Projection;
import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.model.TableDefinition;
import java.util.Map;

/** One validated Get of a TransactGetItems request; {@code projection} is null for the whole item. */
public record TransactGetAction(TableDefinition table, Map<String, AttributeValue> key, Projection projection) {
}
