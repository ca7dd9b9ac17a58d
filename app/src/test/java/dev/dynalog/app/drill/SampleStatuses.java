package dev.dynalog.app.drill;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;

/**
 * RestoreStatus answers as the admin API contract describes them, for a table {@code orders}
 * of four command-log partitions with a global ({@code byCustomer}) and a local ({@code byDate})
 * secondary index, restored into {@code orders-drill-20251203-094321}.
 */
final class SampleStatuses {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** When the drill ran; the scratch table's name carries it. */
    static final Instant DRILL_TIME = Instant.parse("2025-12-03T09:43:21Z");
    static final String SCRATCH_TABLE = "orders-drill-20251203-094321";

    /**
     * Restored to 2025-12-03T09:43:20.123Z, the newest command included was logged at
     * 09:43:19.870Z; the node took 8.5 s, the first item was readable after 3.2 s. Partition 3
     * had no digest before the cut.
     */
    static final String COMPLETED = """
            {
              "RestoreId": "r-0001",
              "SourceTableName": "orders", "SourceTableArn": "arn:aws:dynamodb:us-east-1:000000000000:table/orders",
              "TargetTableName": "orders-drill-20251203-094321",
              "TargetTableArn": "arn:aws:dynamodb:us-east-1:000000000000:table/orders-drill-20251203-094321",
              "Status": "COMPLETED",
              "RequestedRecoveryPoint": 1764755000.123,
              "AchievedRecoveryPoint": 1764754999.870,
              "Cut": [{"Partition": 0, "StartOffset": 0, "EndOffset": 1200},
                      {"Partition": 1, "StartOffset": 0, "EndOffset": 980},
                      {"Partition": 2, "StartOffset": 0, "EndOffset": 1310},
                      {"Partition": 3, "StartOffset": 0, "EndOffset": 1010}],
              "StartTime": 1764755001.0, "EndTime": 1764755009.5, "FirstItemReadableTime": 1764755004.2,
              "Progress": {"CommandsReplayed": 4500, "CommandsToReplay": 4500, "PartitionsReplayed": 4, "Partitions": 4,
                           "ItemsLoaded": 2500, "ItemsToLoad": 2500,
                           "CommandsPerSecond": 0.0, "ItemsPerSecond": 0.0, "EtaSeconds": 0.0},
              "Table": {"ItemCount": 2500, "SizeBytes": 2560000},
              "Indexes": [{"IndexName": "byCustomer", "Type": "GSI", "ItemCount": 2500, "SizeBytes": 300000},
                          {"IndexName": "byDate", "Type": "LSI", "ItemCount": 2500, "SizeBytes": 280000}],
              "Verification": {
                "Result": "MATCH",
                "Partitions": [
                  {"Partition": 0, "Digest": {"Offset": 1100, "LogTime": 1764754990.0},
                   "ReplayResult": "MATCH", "TargetResult": "MATCH",
                   "Expected": {"ItemCount": 625, "SizeBytes": 640000, "Checksum": "0a1b2c3d4e5f6071"},
                   "Actual": {"ItemCount": 625, "SizeBytes": 640000, "Checksum": "0a1b2c3d4e5f6071"},
                   "Indexes": [
                     {"IndexName": "byCustomer", "Type": "GSI", "ReplayResult": "MATCH", "TargetResult": "MATCH",
                      "Expected": {"ItemCount": 625, "SizeBytes": 75000, "Checksum": "1111111111111111"},
                      "Actual": {"ItemCount": 625, "SizeBytes": 75000, "Checksum": "1111111111111111"}},
                     {"IndexName": "byDate", "Type": "LSI", "ReplayResult": "MATCH", "TargetResult": "MATCH",
                      "Expected": {"ItemCount": 625, "SizeBytes": 70000, "Checksum": "2222222222222222"},
                      "Actual": {"ItemCount": 625, "SizeBytes": 70000, "Checksum": "2222222222222222"}}]},
                  {"Partition": 1, "Digest": {"Offset": 900, "LogTime": 1764754995.5},
                   "ReplayResult": "MATCH", "TargetResult": "MATCH",
                   "Expected": {"ItemCount": 625, "SizeBytes": 640000, "Checksum": "1a1b2c3d4e5f6071"},
                   "Actual": {"ItemCount": 625, "SizeBytes": 640000, "Checksum": "1a1b2c3d4e5f6071"},
                   "Indexes": [
                     {"IndexName": "byCustomer", "Type": "GSI", "ReplayResult": "MATCH", "TargetResult": "MATCH",
                      "Expected": {"ItemCount": 625, "SizeBytes": 75000, "Checksum": "3333333333333333"},
                      "Actual": {"ItemCount": 625, "SizeBytes": 75000, "Checksum": "3333333333333333"}},
                     {"IndexName": "byDate", "Type": "LSI", "ReplayResult": "MATCH", "TargetResult": "MATCH",
                      "Expected": {"ItemCount": 625, "SizeBytes": 70000, "Checksum": "4444444444444444"},
                      "Actual": {"ItemCount": 625, "SizeBytes": 70000, "Checksum": "4444444444444444"}}]},
                  {"Partition": 2, "Digest": {"Offset": 1300, "LogTime": 1764754995.5},
                   "ReplayResult": "MATCH", "TargetResult": "MATCH",
                   "Expected": {"ItemCount": 625, "SizeBytes": 640000, "Checksum": "2a1b2c3d4e5f6071"},
                   "Actual": {"ItemCount": 625, "SizeBytes": 640000, "Checksum": "2a1b2c3d4e5f6071"},
                   "Indexes": [
                     {"IndexName": "byCustomer", "Type": "GSI", "ReplayResult": "MATCH", "TargetResult": "MATCH",
                      "Expected": {"ItemCount": 625, "SizeBytes": 75000, "Checksum": "5555555555555555"},
                      "Actual": {"ItemCount": 625, "SizeBytes": 75000, "Checksum": "5555555555555555"}},
                     {"IndexName": "byDate", "Type": "LSI", "ReplayResult": "MATCH", "TargetResult": "MATCH",
                      "Expected": {"ItemCount": 625, "SizeBytes": 70000, "Checksum": "6666666666666666"},
                      "Actual": {"ItemCount": 625, "SizeBytes": 70000, "Checksum": "6666666666666666"}}]},
                  {"Partition": 3,
                   "ReplayResult": "NO_DIGEST", "TargetResult": "MATCH",
                   "Expected": {"ItemCount": 625, "SizeBytes": 640000, "Checksum": "3a1b2c3d4e5f6071"},
                   "Actual": {"ItemCount": 625, "SizeBytes": 640000, "Checksum": "3a1b2c3d4e5f6071"},
                   "Indexes": [
                     {"IndexName": "byCustomer", "Type": "GSI", "ReplayResult": "NO_DIGEST", "TargetResult": "MATCH",
                      "Expected": {"ItemCount": 625, "SizeBytes": 75000, "Checksum": "7777777777777777"},
                      "Actual": {"ItemCount": 625, "SizeBytes": 75000, "Checksum": "7777777777777777"}},
                     {"IndexName": "byDate", "Type": "LSI", "ReplayResult": "NO_DIGEST", "TargetResult": "MATCH",
                      "Expected": {"ItemCount": 625, "SizeBytes": 70000, "Checksum": "8888888888888888"},
                      "Actual": {"ItemCount": 625, "SizeBytes": 70000, "Checksum": "8888888888888888"}}]}],
                "Indexes": [
                  {"IndexName": "byCustomer", "Type": "GSI", "Result": "MATCH",
                   "Expected": {"ItemCount": 2500, "SizeBytes": 300000, "Checksum": "9999999999999999"},
                   "Actual": {"ItemCount": 2500, "SizeBytes": 300000, "Checksum": "9999999999999999"}},
                  {"IndexName": "byDate", "Type": "LSI", "Result": "MATCH",
                   "Expected": {"ItemCount": 2500, "SizeBytes": 280000, "Checksum": "aaaaaaaaaaaaaaaa"},
                   "Actual": {"ItemCount": 2500, "SizeBytes": 280000, "Checksum": "aaaaaaaaaaaaaaaa"}}],
                "Problems": []
              },
              "SettingsNotCarriedOver": ["Auto scaling policies", "AWS Identity and Access Management (IAM) policies",
                  "Amazon CloudWatch metrics and alarms", "Tags", "Stream settings", "Time to Live (TTL) settings",
                  "Point-in-time recovery settings"]
            }
            """;

    /** A REPLAYING restore a quarter done, before the number of items to load is known. */
    static final String REPLAYING = """
            {
              "RestoreId": "r-0001", "SourceTableName": "orders", "TargetTableName": "orders-drill-20251203-094321",
              "Status": "REPLAYING", "RequestedRecoveryPoint": 1764755000.123, "StartTime": 1764755001.0,
              "Progress": {"CommandsReplayed": 1000, "CommandsToReplay": 4000, "PartitionsReplayed": 1, "Partitions": 4,
                           "ItemsLoaded": 0, "CommandsPerSecond": 12000.5, "ItemsPerSecond": 0.0, "EtaSeconds": 3.2}
            }
            """;

    /** A restore that failed while replaying. */
    static final String FAILED = """
            {
              "RestoreId": "r-0002", "SourceTableName": "orders", "TargetTableName": "orders-drill-20251203-094321",
              "Status": "FAILED", "RequestedRecoveryPoint": 1764755000.123,
              "Cut": [{"Partition": 0, "StartOffset": 0, "EndOffset": 1200}],
              "StartTime": 1764755001.0, "EndTime": 1764755002.0,
              "Progress": {"CommandsReplayed": 300, "CommandsToReplay": 4500, "PartitionsReplayed": 0, "Partitions": 4,
                           "ItemsLoaded": 0, "CommandsPerSecond": 300.0, "ItemsPerSecond": 0.0},
              "SettingsNotCarriedOver": ["Tags"],
              "FailureMessage": "partition 1 of the command log no longer holds offset 0 (retention deleted it)"
            }
            """;

    private SampleStatuses() {
    }

    static ObjectNode json(String text) {
        try {
            return (ObjectNode) JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static RestoreStatus status(String text) {
        return RestoreStatus.from(json(text));
    }

    /**
     * The COMPLETED restore, except that partition 2 of the restored table lacks an item: its
     * target check, and so the verification, is a MISMATCH.
     */
    static RestoreStatus mismatchInPartition2() {
        ObjectNode status = json(COMPLETED);
        ObjectNode verification = (ObjectNode) status.get("Verification");
        verification.put("Result", "MISMATCH");
        ObjectNode partition2 = (ObjectNode) verification.get("Partitions").get(2);
        partition2.put("TargetResult", "MISMATCH");
        ((ObjectNode) partition2.get("Actual")).put("ItemCount", 624).put("Checksum", "2a1b2c3d4e5f0000");
        verification.putArray("Problems").add("partition 2: target has 624 items, the replay 625");
        return RestoreStatus.from(status);
    }

    /** A drill of the sample, which the command saw finish 8.6 s after it sent StartRestore. */
    static DrillReport.DrillRun run(DrillReport.ScratchTableFate fate) {
        return new DrillReport.DrillRun(DRILL_TIME, "orders", new DrillReport.ScratchTable(SCRATCH_TABLE, fate, null),
                false, Instant.parse("2025-12-03T09:43:20.123Z"), Duration.ofMillis(8600));
    }
}
