package dev.dynalog.connectors.admin;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.dynalog.connectors.dynamodb.RestoreTargets;
import dev.dynalog.connectors.dynamodb.TableDescriptionWriter;
import dev.dynalog.streams.restore.CheckResult;
import dev.dynalog.streams.restore.DigestPoint;
import dev.dynalog.streams.restore.Figures;
import dev.dynalog.streams.restore.PartitionCut;
import dev.dynalog.streams.restore.RecoveryProgress;
import dev.dynalog.streams.restore.RestoreJob;
import dev.dynalog.streams.restore.Verification;
import java.io.IOException;
import java.math.BigDecimal;

/** A restore's status as DescribeRestore answers it (the shape the drill's report is built from). */
final class RestoreStatusJson {
    private final TableDescriptionWriter descriptions;

    RestoreStatusJson(TableDescriptionWriter descriptions) {
        this.descriptions = descriptions;
    }

    void write(JsonGenerator json, RestoreJob job) throws IOException {
        json.writeStartObject();
        json.writeStringField("RestoreId", job.id());
        json.writeStringField("SourceTableName", job.source().name());
        json.writeStringField("SourceTableArn", descriptions.tableArn(job.source().name()));
        json.writeStringField("TargetTableName", job.target().name());
        json.writeStringField("TargetTableArn", descriptions.tableArn(job.target().name()));
        json.writeStringField("Status", job.status().name());
        if (job.cut().requestedTimeMillis() != null) {
            json.writeNumberField("RequestedRecoveryPoint", seconds(job.cut().requestedTimeMillis()));
        }
        if (job.achievedMillis() >= 0) {
            json.writeNumberField("AchievedRecoveryPoint", seconds(job.achievedMillis()));
        }
        if (job.cut().baseSnapshot() != null) {
            json.writeStringField("BaseSnapshot", job.cut().baseSnapshot());
        }
        json.writeArrayFieldStart("Cut");
        for (PartitionCut p : job.cut().partitions()) {
            json.writeStartObject();
            json.writeNumberField("Partition", p.partition());
            json.writeNumberField("StartOffset", p.startOffset());
            json.writeNumberField("EndOffset", p.endOffset());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeNumberField("StartTime", seconds(job.startMillis()));
        if (job.endMillis() >= 0) {
            json.writeNumberField("EndTime", seconds(job.endMillis()));
        }
        if (job.firstItemMillis() >= 0) {
            json.writeNumberField("FirstItemReadableTime", seconds(job.firstItemMillis()));
        }
        writeProgress(json, job.progress());
        if (job.tableFigures() != null) {
            json.writeObjectFieldStart("Table");
            json.writeNumberField("ItemCount", job.tableFigures().itemCount());
            json.writeNumberField("SizeBytes", job.tableFigures().sizeBytes());
            json.writeEndObject();
            json.writeArrayFieldStart("Indexes");
            for (RestoreJob.IndexFigures index : job.indexFigures()) {
                json.writeStartObject();
                json.writeStringField("IndexName", index.indexName());
                json.writeStringField("Type", index.type());
                json.writeNumberField("ItemCount", index.figures().itemCount());
                json.writeNumberField("SizeBytes", index.figures().sizeBytes());
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        if (job.verification() != null) {
            writeVerification(json, job.verification());
        }
        json.writeArrayFieldStart("SettingsNotCarriedOver");
        for (String setting : RestoreTargets.SETTINGS_NOT_CARRIED_OVER) {
            json.writeString(setting);
        }
        json.writeEndArray();
        if (job.failure() != null) {
            json.writeStringField("FailureMessage", job.failure());
        }
        json.writeEndObject();
    }

    private static void writeProgress(JsonGenerator json, RecoveryProgress progress) throws IOException {
        json.writeObjectFieldStart("Progress");
        json.writeNumberField("CommandsReplayed", progress.commandsReplayed());
        json.writeNumberField("CommandsToReplay", progress.commandsToReplay());
        json.writeNumberField("PartitionsReplayed", progress.partitionsReplayed());
        json.writeNumberField("Partitions", progress.partitions());
        json.writeNumberField("ItemsLoaded", progress.itemsLoaded());
        if (progress.itemsToLoad() >= 0) {
            json.writeNumberField("ItemsToLoad", progress.itemsToLoad());
        }
        json.writeNumberField("CommandsPerSecond", round(progress.commandsPerSecond()));
        json.writeNumberField("ItemsPerSecond", round(progress.itemsPerSecond()));
        double eta = progress.etaSeconds();
        if (eta >= 0) {
            json.writeNumberField("EtaSeconds", round(eta));
        }
        json.writeEndObject();
    }

    private static void writeVerification(JsonGenerator json, Verification v) throws IOException {
        json.writeObjectFieldStart("Verification");
        json.writeStringField("Result", v.result());
        json.writeArrayFieldStart("Partitions");
        for (Verification.PartitionCheck p : v.partitions()) {
            json.writeStartObject();
            json.writeNumberField("Partition", p.partition());
            DigestPoint point = p.digest();
            if (point != null) {
                json.writeObjectFieldStart("Digest");
                json.writeNumberField("Offset", point.offset());
                json.writeNumberField("LogTime", seconds(point.logTime()));
                json.writeEndObject();
            }
            json.writeStringField("ReplayResult", p.replayResult().name());
            json.writeStringField("TargetResult", p.targetResult().name());
            writeFigures(json, "Expected", p.expected());
            writeFigures(json, "Actual", p.actual());
            json.writeArrayFieldStart("Indexes");
            for (Verification.LocalIndexCheck l : p.localIndexes()) {
                json.writeStartObject();
                json.writeStringField("IndexName", l.indexName());
                json.writeStringField("Type", "LSI");
                json.writeStringField("ReplayResult", l.replayResult().name());
                json.writeStringField("TargetResult", l.targetResult().name());
                writeFigures(json, "Expected", l.expected());
                writeFigures(json, "Actual", l.actual());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("Indexes");
        for (Verification.IndexCheck i : v.indexes()) {
            json.writeStartObject();
            json.writeStringField("IndexName", i.indexName());
            json.writeStringField("Type", i.type());
            json.writeStringField("Result", i.result() == CheckResult.MATCH ? "MATCH" : "MISMATCH");
            writeFigures(json, "Expected", i.expected());
            writeFigures(json, "Actual", i.actual());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("Problems");
        for (String problem : v.problems()) {
            json.writeString(problem);
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void writeFigures(JsonGenerator json, String field, Figures f) throws IOException {
        json.writeObjectFieldStart(field);
        json.writeNumberField("ItemCount", f.itemCount());
        json.writeNumberField("SizeBytes", f.sizeBytes());
        if (f.checksum() != null) {
            json.writeStringField("Checksum", f.checksumHex());
        }
        json.writeEndObject();
    }

    static BigDecimal seconds(long millis) {
        return BigDecimal.valueOf(millis, 3);
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
