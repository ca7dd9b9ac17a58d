package dev.dynalog.connectors.dynamodb.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynalog.connectors.dynamodb.JsonWritable;
import dev.dynalog.connectors.dynamodb.Operation;
import dev.dynalog.connectors.dynamodb.RequestFields;
import dev.dynalog.connectors.dynamodb.RestoreTargets;
import dev.dynalog.connectors.dynamodb.TableDescriptionWriter;
import dev.dynalog.connectors.dynamodb.TableResolver;
import dev.dynalog.connectors.dynamodb.UnsupportedMembers;
import dev.dynalog.core.error.Errors;
import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.core.model.TableStatus;
import dev.dynalog.streams.restore.RestoreJob;
import dev.dynalog.streams.restore.Restores;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;

/**
 * RestoreTableToPointInTime: restores a table, as it was at a point in time, into a new table by
 * replaying its commands from the command log (see Restores). Answers at once with the target
 * CREATING and its RestoreSummary; the target is ACTIVE once restored and verified.
 */
public final class RestoreTableToPointInTimeOperation implements Operation {
    private final TableResolver tables;
    private final Restores restores;
    private final TableDescriptionWriter descriptions;
    private final Clock clock;

    public RestoreTableToPointInTimeOperation(TableResolver tables, Restores restores,
                                              TableDescriptionWriter descriptions, Clock clock) {
        this.tables = tables;
        this.restores = restores;
        this.descriptions = descriptions;
        this.clock = clock;
    }

    @Override
    public CompletableFuture<JsonWritable> execute(JsonNode request) {
        RequestFields f = new RequestFields(request);
        String sourceName = f.has("SourceTableArn") ? f.tableNameOrArn("SourceTableArn")
                : f.has("SourceTableName") ? f.tableName("SourceTableName") : null;
        String targetName = f.tableName("TargetTableName");
        boolean latest = f.bool("UseLatestRestorableTime", false);
        JsonNode time = f.node("RestoreDateTime");
        f.check();
        if (sourceName == null) {
            throw Errors.validation("Either SourceTableArn or SourceTableName must be specified");
        }
        if (f.has("SourceTableArn") && f.has("SourceTableName")) {
            throw Errors.validation("Only one of SourceTableArn or SourceTableName can be specified");
        }
        if (latest && time != null) {
            throw Errors.validation("Only one of RestoreDateTime or UseLatestRestorableTime can be specified");
        }
        if (!latest && time == null) {
            throw Errors.validation("Either RestoreDateTime or UseLatestRestorableTime must be specified");
        }
        if (time != null && !time.isNumber()) {
            throw Errors.serialization("Unexpected value type in payload");
        }
        UnsupportedMembers.reject(request, "SSESpecificationOverride", "OnDemandThroughputOverride");
        TableDefinition source = tables.backedUp(sourceName);
        if (source.status() != TableStatus.ACTIVE && source.status() != TableStatus.UPDATING) {
            throw Errors.tableInUse(sourceName);
        }
        if (!source.recovery().pointInTimeRecovery()) {
            throw Errors.pointInTimeRecoveryUnavailable(sourceName);
        }
        TableDefinition target = RestoreTargets.of(source, targetName, request, clock.millis());
        Restores.CutRequest cut = latest ? new Restores.CutRequest.Latest()
                : new Restores.CutRequest.AtTime(time.decimalValue().movePointRight(3).longValue());
        RestoreJob job = restores.start(source, target, cut);
        return CompletableFuture.completedFuture(json -> {
            json.writeStartObject();
            json.writeFieldName("TableDescription");
            descriptions.write(json, job.target(), null);
            json.writeEndObject();
        });
    }
}
