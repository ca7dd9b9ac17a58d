package dev.dynalog.connectors.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynalog.connectors.dynamodb.JsonWritable;
import dev.dynalog.connectors.dynamodb.RequestFields;
import dev.dynalog.connectors.dynamodb.RestoreTargets;
import dev.dynalog.connectors.dynamodb.TableDescriptionWriter;
import dev.dynalog.connectors.dynamodb.TableResolver;
import dev.dynalog.connectors.http.JsonApi;
import dev.dynalog.core.error.Errors;
import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.core.model.TableStatus;
import dev.dynalog.streams.catalog.TableCatalog;
import dev.dynalog.streams.restore.RestoreJob;
import dev.dynalog.streams.restore.Restores;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * dynalog's own operations for disaster recovery, on the same endpoint and protocol as DynamoDB's
 * ({@code X-Amz-Target: DynalogAdmin_20261203.<Operation>}): restores by log time or by offsets
 * without DynamoDB's point-in-time-recovery switch, with the progress and verification a drill
 * reports. The CLI's {@code restore} and {@code drill} speak it.
 */
public final class DynalogAdminApi implements JsonApi {
    public static final String TARGET_PREFIX = "DynalogAdmin_20261203.";
    private static final Set<String> OPERATIONS = Set.of("StartRestore", "DescribeRestore");

    private final TableResolver tables;
    private final Restores restores;
    private final RestoreStatusJson statuses;
    private final Clock clock;

    public DynalogAdminApi(TableCatalog catalog, Restores restores, TableDescriptionWriter descriptions, Clock clock) {
        this.tables = new TableResolver(catalog);
        this.restores = restores;
        this.statuses = new RestoreStatusJson(descriptions);
        this.clock = clock;
    }

    @Override
    public String targetPrefix() {
        return TARGET_PREFIX;
    }

    @Override
    public boolean supports(String operation) {
        return OPERATIONS.contains(operation);
    }

    @Override
    public CompletableFuture<JsonWritable> execute(String operation, JsonNode request) {
        return switch (operation) {
            case "StartRestore" -> startRestore(request);
            case "DescribeRestore" -> describeRestore(request);
            default -> throw Errors.unknownOperation();
        };
    }

    private CompletableFuture<JsonWritable> startRestore(JsonNode request) {
        RequestFields f = new RequestFields(request);
        String sourceName = f.tableName("SourceTableName");
        String targetName = f.tableName("TargetTableName");
        boolean latest = f.bool("UseLatestRestorableTime", false);
        JsonNode time = f.node("RestoreDateTime");
        JsonNode offsets = f.node("LogOffsets");
        f.check();
        int given = (latest ? 1 : 0) + (time != null ? 1 : 0) + (offsets != null ? 1 : 0);
        if (given != 1) {
            throw Errors.validation("Exactly one of RestoreDateTime, UseLatestRestorableTime and LogOffsets must be given");
        }
        TableDefinition source = tables.backedUp(sourceName);
        if (source.status() != TableStatus.ACTIVE && source.status() != TableStatus.UPDATING) {
            throw Errors.tableInUse(sourceName);
        }
        Restores.CutRequest cut;
        if (latest) {
            cut = new Restores.CutRequest.Latest();
        } else if (time != null) {
            if (!time.isNumber()) {
                throw Errors.serialization("Unexpected value type in payload");
            }
            cut = new Restores.CutRequest.AtTime(time.decimalValue().movePointRight(3).longValue());
        } else {
            cut = new Restores.CutRequest.AtOffsets(offsets(offsets));
        }
        RestoreJob job = restores.start(source, RestoreTargets.of(source, targetName, clock.millis()), cut);
        return status(job);
    }

    private static Map<Integer, Long> offsets(JsonNode list) {
        if (!list.isArray()) {
            throw Errors.serialization("Unexpected value type in payload");
        }
        Map<Integer, Long> byPartition = new TreeMap<>();
        for (JsonNode n : list) {
            JsonNode p = n.get("Partition");
            JsonNode o = n.get("Offset");
            if (p == null || o == null || !p.canConvertToInt() || !o.canConvertToLong()) {
                throw Errors.validation("Each of LogOffsets needs a Partition and an Offset");
            }
            if (byPartition.put(p.intValue(), o.longValue()) != null) {
                throw Errors.validation("Partition " + p.intValue() + " is given twice in LogOffsets");
            }
        }
        return byPartition;
    }

    private CompletableFuture<JsonWritable> describeRestore(JsonNode request) {
        RequestFields f = new RequestFields(request);
        String targetName = f.tableName("TargetTableName");
        f.check();
        RestoreJob job = restores.find(targetName).orElseThrow(() ->
                Errors.resourceNotFound("No restore into " + targetName + " ran on this node"));
        return status(job);
    }

    private CompletableFuture<JsonWritable> status(RestoreJob job) {
        return CompletableFuture.completedFuture(json -> {
            json.writeStartObject();
            json.writeFieldName("Restore");
            statuses.write(json, job);
            json.writeEndObject();
        });
    }
}
