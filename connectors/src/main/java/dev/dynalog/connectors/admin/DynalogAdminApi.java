package dev.dynalog.connectors.admin;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dynalog.connectors.dynamodb.JsonWritable;
import dev.dynalog.connectors.dynamodb.RequestFields;
import dev.dynalog.connectors.dynamodb.RestoreTargets;
import dev.dynalog.connectors.dynamodb.TableDescriptionWriter;
import dev.dynalog.connectors.dynamodb.TableResolver;
import dev.dynalog.connectors.export.ExportJob;
import dev.dynalog.connectors.export.ImportJob;
import dev.dynalog.connectors.export.TableExports;
import dev.dynalog.connectors.export.TableImports;
import dev.dynalog.connectors.http.Access;
import dev.dynalog.connectors.http.JsonApi;
import dev.dynalog.core.error.Errors;
import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.core.model.TableStatus;
import dev.dynalog.streams.catalog.TableCatalog;
import dev.dynalog.streams.restore.RestoreJob;
import dev.dynalog.streams.restore.Restores;
import dev.dynalog.streams.restore.Snapshot;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * dynalog's own operations for disaster recovery, on the same endpoint and protocol as DynamoDB's
 * ({@code X-Amz-Target: DynalogAdmin_20261203.<Operation>}): restores by log time or by offsets
 * without DynamoDB's point-in-time-recovery switch, with the progress and verification a drill
 * reports; a check of a restored table against its cut again; exports and imports in DynamoDB's
 * export format to and from a directory on the node. The CLI's {@code restore}, {@code drill},
 * {@code export} and {@code import} speak it.
 */
public final class DynalogAdminApi implements JsonApi {
    public static final String TARGET_PREFIX = "DynalogAdmin_20261203.";
    private static final Set<String> OPERATIONS = Set.of("StartRestore", "DescribeRestore", "VerifyRestore",
            "ExportTable", "DescribeExport", "ImportTable", "DescribeImport", "TakeSnapshot", "ListSnapshots");

    private final TableResolver tables;
    private final Restores restores;
    private final TableExports exports;
    private final TableImports imports;
    private final TableDescriptionWriter descriptions;
    private final RestoreStatusJson statuses;
    private final Clock clock;

    public DynalogAdminApi(TableCatalog catalog, Restores restores, TableExports exports, TableImports imports,
                           TableDescriptionWriter descriptions, Clock clock) {
        this.tables = new TableResolver(catalog);
        this.restores = restores;
        this.exports = exports;
        this.imports = imports;
        this.descriptions = descriptions;
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

    /** dynalog's own calls are actions under {@code dynalog:}, so that {@code dynamodb:*} does not grant them. */
    @Override
    public List<Access> accesses(String operation, JsonNode request) {
        return List.of(new Access("dynalog:" + operation,
                Access.ANY_RESOURCE));
    }

    @Override
    public CompletableFuture<JsonWritable> execute(String operation, JsonNode request) {
        return switch (operation) {
            case "StartRestore" -> startRestore(request);
            case "DescribeRestore" -> describeRestore(request);
            case "VerifyRestore" -> verifyRestore(request);
            case "ExportTable" -> exportTable(request);
            case "DescribeExport" -> describeExport(request);
            case "ImportTable" -> importTable(request);
            case "DescribeImport" -> describeImport(request);
            case "TakeSnapshot" -> takeSnapshot();
            case "ListSnapshots" -> listSnapshots();
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

    private CompletableFuture<JsonWritable> verifyRestore(JsonNode request) {
        RequestFields f = new RequestFields(request);
        String targetName = f.tableName("TargetTableName");
        f.check();
        return status(restores.verify(tables.backedUp(targetName)));
    }

    private CompletableFuture<JsonWritable> exportTable(JsonNode request) {
        RequestFields f = new RequestFields(request);
        String name = f.tableName("TableName");
        String directory = f.string("Directory");
        JsonNode time = f.node("ExportTime");
        if (directory == null) {
            f.violation("Value null at 'directory' failed to satisfy constraint: Member must not be null");
        }
        f.check();
        if (time != null && !time.isNumber()) {
            throw Errors.serialization("Unexpected value type in payload");
        }
        TableDefinition table = tables.backedUp(name);
        if (table.status() != TableStatus.ACTIVE && table.status() != TableStatus.UPDATING) {
            throw Errors.tableInUse(name);
        }
        ExportJob job = exports.start(table, descriptions.tableArn(name),
                time == null ? null : time.decimalValue().movePointRight(3).longValue(), Path.of(directory));
        return exportStatus(job);
    }

    private CompletableFuture<JsonWritable> describeExport(JsonNode request) {
        RequestFields f = new RequestFields(request);
        String id = f.string("ExportId");
        if (id == null) {
            f.violation("Value null at 'exportId' failed to satisfy constraint: Member must not be null");
        }
        f.check();
        return exportStatus(exports.find(id).orElseThrow(() -> Errors.resourceNotFound("Export not found: " + id)));
    }

    private CompletableFuture<JsonWritable> importTable(JsonNode request) {
        RequestFields f = new RequestFields(request);
        String name = f.tableName("TableName");
        String directory = f.string("Directory");
        if (directory == null) {
            f.violation("Value null at 'directory' failed to satisfy constraint: Member must not be null");
        }
        f.check();
        ObjectNode members = null;
        if (request.has("KeySchema")) {
            members = ((ObjectNode) request).deepCopy();
            members.remove("Directory");
        }
        ImportJob job = imports.start(Path.of(directory), name, members, descriptions.tableArn(name));
        return importStatus(job);
    }

    private CompletableFuture<JsonWritable> describeImport(JsonNode request) {
        RequestFields f = new RequestFields(request);
        String id = f.string("ImportId");
        if (id == null) {
            f.violation("Value null at 'importId' failed to satisfy constraint: Member must not be null");
        }
        f.check();
        return importStatus(imports.find(id).orElseThrow(() -> Errors.resourceNotFound("Import not found: " + id)));
    }

    /** Takes a snapshot now and answers once it is complete in the snapshots topic. */
    private CompletableFuture<JsonWritable> takeSnapshot() {
        Snapshot snapshot;
        try {
            snapshot = restores.snapshots().take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Errors.internal("interrupted");
        } catch (IllegalStateException e) {
            throw Errors.validation(e.getMessage());
        }
        return CompletableFuture.completedFuture(json -> {
            json.writeStartObject();
            json.writeFieldName("Snapshot");
            writeSnapshot(json, snapshot);
            json.writeEndObject();
        });
    }

    private CompletableFuture<JsonWritable> listSnapshots() {
        List<Snapshot> all = restores.snapshots().list();
        return CompletableFuture.completedFuture(json -> {
            json.writeStartObject();
            json.writeArrayFieldStart("Snapshots");
            for (Snapshot snapshot : all) {
                writeSnapshot(json, snapshot);
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    private static void writeSnapshot(JsonGenerator json, Snapshot snapshot) throws java.io.IOException {
        json.writeStartObject();
        json.writeStringField("SnapshotId", snapshot.id());
        if (snapshot.logTime() >= 0) {
            json.writeNumberField("LogTime", RestoreStatusJson.seconds(snapshot.logTime()));
        }
        json.writeArrayFieldStart("Partitions");
        for (Snapshot.Part part : new TreeMap<>(snapshot.partitions()).values()) {
            json.writeStartObject();
            json.writeNumberField("Partition", part.partition());
            json.writeNumberField("EndOffset", part.endOffset());
            json.writeNumberField("Chunks", part.chunks());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private CompletableFuture<JsonWritable> exportStatus(ExportJob job) {
        return CompletableFuture.completedFuture(json -> {
            json.writeStartObject();
            json.writeObjectFieldStart("Export");
            json.writeStringField("ExportId", job.id());
            json.writeStringField("ExportArn", job.arn());
            json.writeStringField("TableName", job.table().name());
            json.writeStringField("TableArn", descriptions.tableArn(job.table().name()));
            json.writeStringField("Status", job.status().name());
            if (job.exportTimeMillis() >= 0) {
                json.writeNumberField("ExportTime", RestoreStatusJson.seconds(job.exportTimeMillis()));
            }
            json.writeNumberField("StartTime", RestoreStatusJson.seconds(job.startMillis()));
            if (job.endMillis() >= 0) {
                json.writeNumberField("EndTime", RestoreStatusJson.seconds(job.endMillis()));
            }
            json.writeNumberField("ItemCount", job.itemCount());
            json.writeNumberField("BilledSizeBytes", job.billedSizeBytes());
            json.writeStringField("Directory", job.directory().toString());
            if (job.manifest() != null) {
                json.writeStringField("ExportManifest", job.manifest());
            }
            if (job.failure() != null) {
                json.writeStringField("FailureMessage", job.failure());
            }
            json.writeEndObject();
            json.writeEndObject();
        });
    }

    private CompletableFuture<JsonWritable> importStatus(ImportJob job) {
        return CompletableFuture.completedFuture(json -> {
            json.writeStartObject();
            json.writeObjectFieldStart("Import");
            json.writeStringField("ImportId", job.id());
            json.writeStringField("ImportArn", job.arn());
            json.writeStringField("TableName", job.table().name());
            json.writeStringField("TableArn", descriptions.tableArn(job.table().name()));
            json.writeStringField("Status", job.status().name());
            json.writeNumberField("StartTime", RestoreStatusJson.seconds(job.startMillis()));
            if (job.endMillis() >= 0) {
                json.writeNumberField("EndTime", RestoreStatusJson.seconds(job.endMillis()));
            }
            json.writeNumberField("ProcessedItemCount", job.processedItems());
            json.writeNumberField("ImportedItemCount", job.importedItems());
            json.writeNumberField("ErrorCount", job.errorCount());
            if (job.failure() != null) {
                json.writeStringField("FailureMessage", job.failure());
            }
            json.writeEndObject();
            json.writeEndObject();
        });
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
