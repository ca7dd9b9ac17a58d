package dev.dynalog.connectors.dynamodb.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynalog.connectors.dynamodb.JsonWritable;
import dev.dynalog.connectors.dynamodb.Operation;
import dev.dynalog.connectors.dynamodb.RequestFields;
import dev.dynalog.connectors.dynamodb.TableResolver;
import dev.dynalog.core.error.Errors;
import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.core.model.TableStatus;
import dev.dynalog.core.model.TimeToLive;
import dev.dynalog.streams.catalog.TableCatalog;
import dev.dynalog.streams.catalog.TableLifecycle;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;

/**
 * UpdateTimeToLive: enables or disables Time to Live in the table's catalog record. Nothing else
 * happens here: each node's sweeper reads the setting at its next sweep and appends expiries to
 * the log, whose processors decide them (see ExpireItem).
 *
 * <p>DynamoDB's rules: enabling an enabled table, or disabling a disabled one, is refused; so is
 * naming another attribute than the enabled one; and a table's setting changes at most once an
 * hour. A table that is not ACTIVE is refused too: an UpdateTable in progress would write the
 * definition it started from back to the catalog when it completes.
 */
public final class UpdateTimeToLiveOperation implements Operation {
    private static final int MAX_ATTRIBUTE_NAME_LENGTH = 255;

    private final TableResolver tables;
    private final TableCatalog catalog;
    private final TableLifecycle lifecycle;
    private final Clock clock;

    public UpdateTimeToLiveOperation(TableResolver tables, TableCatalog catalog, TableLifecycle lifecycle, Clock clock) {
        this.tables = tables;
        this.catalog = catalog;
        this.lifecycle = lifecycle;
        this.clock = clock;
    }

    @Override
    public CompletableFuture<JsonWritable> execute(JsonNode request) {
        RequestFields f = new RequestFields(request);
        String name = f.tableNameOrArn("TableName");
        JsonNode spec = f.node("TimeToLiveSpecification");
        if (spec == null) {
            f.violation("Value null at 'timeToLiveSpecification' failed to satisfy constraint: Member must not be null");
        }
        f.check();
        RequestFields s = f.nested(spec, "timeToLiveSpecification");
        if (!s.has("Enabled")) {
            s.violation("Value null at 'timeToLiveSpecification.enabled' failed to satisfy constraint: "
                    + "Member must not be null");
        }
        boolean enabled = s.bool("Enabled", false);
        String attribute = s.string("AttributeName");
        if (attribute == null) {
            s.violation("Value null at 'timeToLiveSpecification.attributeName' failed to satisfy constraint: "
                    + "Member must not be null");
        } else if (attribute.isEmpty()) {
            s.violation("Value '' at 'timeToLiveSpecification.attributeName' failed to satisfy constraint: "
                    + "Member must have length greater than or equal to 1");
        } else if (attribute.length() > MAX_ATTRIBUTE_NAME_LENGTH) {
            s.violation("Value '" + attribute + "' at 'timeToLiveSpecification.attributeName' failed to satisfy "
                    + "constraint: Member must have length less than or equal to " + MAX_ATTRIBUTE_NAME_LENGTH);
        }
        s.check();
        // The lifecycle's lock, which every rewrite of a definition takes, keeps an UpdateTable,
        // a tag or a point-in-time recovery change from starting from the definition read here.
        synchronized (lifecycle) {
            TableDefinition table = tables.existing(name);
            requireActive(table);
            TimeToLive current = table.timeToLive();
            long now = clock.millis();
            if (enabled && current.enabled()) {
                throw attribute.equals(current.attributeName())
                        ? Errors.validation("TimeToLive is already enabled")
                        : differentAttribute(current);
            }
            if (!enabled && !current.enabled()) {
                throw Errors.validation("TimeToLive is already disabled");
            }
            if (!enabled && !attribute.equals(current.attributeName())) {
                throw differentAttribute(current);
            }
            if (!current.changeableAt(now)) {
                throw Errors.validation("Time to live has been modified multiple times within a fixed interval");
            }
            catalog.put(table.withTimeToLive(enabled ? current.enable(attribute, now) : current.disable(now)));
        }
        return CompletableFuture.completedFuture(json -> {
            json.writeStartObject();
            json.writeObjectFieldStart("TimeToLiveSpecification");
            json.writeBooleanField("Enabled", enabled);
            json.writeStringField("AttributeName", attribute);
            json.writeEndObject();
            json.writeEndObject();
        });
    }

    private static void requireActive(TableDefinition table) {
        if (table.status() == TableStatus.CREATING || table.status() == TableStatus.DELETING) {
            throw Errors.validation("Time to live cannot be configured when table is in CREATING or DELETING state");
        }
        if (table.status() != TableStatus.ACTIVE) {
            throw Errors.resourceInUse("Attempt to change a resource which is still in use: Table is being updated: "
                    + table.name());
        }
    }

    private static RuntimeException differentAttribute(TimeToLive current) {
        return Errors.validation("TimeToLive is active on a different AttributeName: current AttributeName is "
                + current.attributeName());
    }
}
