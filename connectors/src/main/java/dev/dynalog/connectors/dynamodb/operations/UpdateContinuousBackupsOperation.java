package dev.dynalog.connectors.dynamodb.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynalog.connectors.dynamodb.ContinuousBackups;
import dev.dynalog.connectors.dynamodb.JsonWritable;
import dev.dynalog.connectors.dynamodb.Operation;
import dev.dynalog.connectors.dynamodb.RequestFields;
import dev.dynalog.core.error.Errors;
import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.core.model.TableRecovery;
import dev.dynalog.streams.catalog.TableLifecycle;
import java.util.concurrent.CompletableFuture;

/**
 * UpdateContinuousBackups: enables or disables point-in-time recovery. Nothing is copied: the
 * command log holds the table's history either way; the setting decides, as in DynamoDB, whether
 * RestoreTableToPointInTime may use it.
 */
public final class UpdateContinuousBackupsOperation implements Operation {
    private final TableLifecycle lifecycle;
    private final ContinuousBackups backups;

    public UpdateContinuousBackupsOperation(TableLifecycle lifecycle, ContinuousBackups backups) {
        this.lifecycle = lifecycle;
        this.backups = backups;
    }

    @Override
    public CompletableFuture<JsonWritable> execute(JsonNode request) {
        RequestFields f = new RequestFields(request);
        String name = f.tableNameOrArn("TableName");
        JsonNode spec = f.node("PointInTimeRecoverySpecification");
        if (spec == null) {
            f.violation("Value null at 'pointInTimeRecoverySpecification' failed to satisfy constraint: "
                    + "Member must not be null");
        }
        f.check();
        RequestFields s = f.nested(spec, "pointInTimeRecoverySpecification");
        JsonNode enabledNode = s.node("PointInTimeRecoveryEnabled");
        if (enabledNode == null) {
            s.violation("Value null at 'pointInTimeRecoverySpecification.pointInTimeRecoveryEnabled' failed to "
                    + "satisfy constraint: Member must not be null");
        }
        Integer period = s.integer("RecoveryPeriodInDays", 1);
        s.check();
        if (period != null && period > TableRecovery.DEFAULT_RECOVERY_PERIOD_DAYS) {
            throw Errors.validation("1 validation error detected: Value '" + period
                    + "' at 'pointInTimeRecoverySpecification.recoveryPeriodInDays' failed to satisfy constraint: "
                    + "Member must have value less than or equal to 35");
        }
        boolean enabled = enabledNode.asBoolean();
        if (!enabled && period != null) {
            throw Errors.validation("RecoveryPeriodInDays can only be specified when PointInTimeRecoveryEnabled is true");
        }
        TableDefinition result = lifecycle.changeInPlace(name, table -> table.withRecovery(
                table.recovery().withPointInTimeRecovery(enabled,
                        period != null ? period : table.recovery().recoveryPeriodDays())),
                () -> Errors.sourceTableNotFound(name));
        return CompletableFuture.completedFuture(json -> {
            json.writeStartObject();
            json.writeFieldName("ContinuousBackupsDescription");
            backups.write(json, result);
            json.writeEndObject();
        });
    }
}
