package dev.dynalog.app.drill;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The admin API's RestoreStatus (what StartRestore and DescribeRestore answer under
 * {@code "Restore"}), read once into types so that the progress line, the exit code and the report
 * agree on what each member means. Members the node leaves out while they are unknown are null
 * here (an absent list is empty); the JSON as the node wrote it is kept in {@link #json()}.
 *
 * <p>The node writes times as epoch seconds with a fraction; they are read to the millisecond.
 *
 * @param status one of REPLAYING, LOADING, VERIFYING, COMPLETED, FAILED; kept as text so that a
 *               newer node's phase still shows
 */
public record RestoreStatus(String restoreId, String sourceTableName, String targetTableName, String status,
                            Instant requestedRecoveryPoint, Instant achievedRecoveryPoint, List<CutRange> cut,
                            Instant startTime, Instant endTime, Instant firstItemReadableTime, Progress progress,
                            Size table, List<IndexSize> indexes, Verification verification,
                            List<String> settingsNotCarriedOver, String failureMessage, JsonNode json) {
    public static final String COMPLETED = "COMPLETED";
    public static final String FAILED = "FAILED";

    /** Commands {@code [startOffset, endOffset)} of one partition of the command log were replayed. */
    public record CutRange(int partition, long startOffset, long endOffset) {
    }

    /** ItemsToLoad and EtaSeconds are null while unknown. */
    public record Progress(long commandsReplayed, long commandsToReplay, int partitionsReplayed, int partitions,
                           long itemsLoaded, Long itemsToLoad, double commandsPerSecond, double itemsPerSecond,
                           Double etaSeconds) {
    }

    public record Size(long itemCount, long sizeBytes) {
    }

    /** @param type GSI or LSI */
    public record IndexSize(String indexName, String type, long itemCount, long sizeBytes) {
    }

    /** What a digest covers: its item count, bytes, and the checksum of its content. */
    public record Figures(long itemCount, long sizeBytes, String checksum) {
    }

    /**
     * The verification; {@code result} (MATCH, MISMATCH or UNVERIFIED) is null until VERIFYING
     * is done.
     */
    public record Verification(String result, List<PartitionCheck> partitions, List<IndexCheck> indexes,
                               List<String> problems) {
        static final Verification NONE = new Verification(null, List.of(), List.of(), List.of());
    }

    /** The digest of the log a partition's replay was checked against. */
    public record Digest(long offset, Instant logTime) {
    }

    /**
     * One partition's checks.
     *
     * @param digest       null when the log had no digest at or before the cut
     * @param replayResult the replayed state at the digest's offset vs the digest: MATCH, MISMATCH or NO_DIGEST
     * @param targetResult the restored table's partition vs the replayed state at the cut: MATCH or MISMATCH
     */
    public record PartitionCheck(int partition, Digest digest, String replayResult, String targetResult,
                                 Figures expected, Figures actual, List<PartitionIndexCheck> indexes) {
    }

    /** One index's part in one partition, checked as the partition's table part is. */
    public record PartitionIndexCheck(String indexName, String type, String replayResult, String targetResult,
                                      Figures expected, Figures actual) {
    }

    /** One index's whole content (all partitions) vs what it should hold. */
    public record IndexCheck(String indexName, String type, String result, Figures expected, Figures actual) {
    }

    /** Reads the RestoreStatus object (the value of the answer's {@code "Restore"}). */
    public static RestoreStatus from(JsonNode restore) {
        JsonNode p = restore.path("Progress");
        Progress progress = new Progress(p.path("CommandsReplayed").asLong(), p.path("CommandsToReplay").asLong(),
                p.path("PartitionsReplayed").asInt(), p.path("Partitions").asInt(), p.path("ItemsLoaded").asLong(),
                p.hasNonNull("ItemsToLoad") ? p.get("ItemsToLoad").asLong() : null,
                p.path("CommandsPerSecond").asDouble(), p.path("ItemsPerSecond").asDouble(),
                p.hasNonNull("EtaSeconds") ? p.get("EtaSeconds").asDouble() : null);
        JsonNode table = restore.path("Table");
        return new RestoreStatus(text(restore, "RestoreId"), text(restore, "SourceTableName"),
                text(restore, "TargetTableName"), text(restore, "Status"),
                time(restore.get("RequestedRecoveryPoint")), time(restore.get("AchievedRecoveryPoint")),
                list(restore.get("Cut"), c -> new CutRange(c.path("Partition").asInt(), c.path("StartOffset").asLong(),
                        c.path("EndOffset").asLong())),
                time(restore.get("StartTime")), time(restore.get("EndTime")),
                time(restore.get("FirstItemReadableTime")),
                progress,
                table.isObject() ? new Size(table.path("ItemCount").asLong(), table.path("SizeBytes").asLong()) : null,
                list(restore.get("Indexes"), i -> new IndexSize(text(i, "IndexName"), text(i, "Type"),
                        i.path("ItemCount").asLong(), i.path("SizeBytes").asLong())),
                verification(restore.get("Verification")),
                list(restore.get("SettingsNotCarriedOver"), JsonNode::asText),
                text(restore, "FailureMessage"), restore);
    }

    /** True once the restore has COMPLETED or FAILED: its status changes no more. */
    public boolean finished() {
        return COMPLETED.equals(status) || FAILED.equals(status);
    }

    /** EndTime - StartTime, null while running. */
    public Duration nodeRecoveryTime() {
        return startTime == null || endTime == null ? null : Duration.between(startTime, endTime);
    }

    /** FirstItemReadableTime - StartTime, null before an item was readable. */
    public Duration timeToFirstReadableItem() {
        return startTime == null || firstItemReadableTime == null ? null
                : Duration.between(startTime, firstItemReadableTime);
    }

    /**
     * Achieved minus requested recovery point in milliseconds (negative: the newest command
     * included is older than the point asked for, as it usually is), null unless both are known.
     */
    public Long recoveryPointDifferenceMillis() {
        return requestedRecoveryPoint == null || achievedRecoveryPoint == null ? null
                : Duration.between(requestedRecoveryPoint, achievedRecoveryPoint).toMillis();
    }

    private static Verification verification(JsonNode v) {
        if (v == null || !v.isObject()) {
            return Verification.NONE;
        }
        return new Verification(text(v, "Result"),
                list(v.get("Partitions"), p -> new PartitionCheck(p.path("Partition").asInt(),
                        p.path("Digest").isObject() ? new Digest(p.get("Digest").path("Offset").asLong(),
                                time(p.get("Digest").get("LogTime"))) : null,
                        text(p, "ReplayResult"), text(p, "TargetResult"), figures(p.get("Expected")),
                        figures(p.get("Actual")),
                        list(p.get("Indexes"), i -> new PartitionIndexCheck(text(i, "IndexName"), text(i, "Type"),
                                text(i, "ReplayResult"), text(i, "TargetResult"), figures(i.get("Expected")),
                                figures(i.get("Actual")))))),
                list(v.get("Indexes"), i -> new IndexCheck(text(i, "IndexName"), text(i, "Type"), text(i, "Result"),
                        figures(i.get("Expected")), figures(i.get("Actual")))),
                list(v.get("Problems"), JsonNode::asText));
    }

    private static Figures figures(JsonNode f) {
        return f == null || !f.isObject() ? null
                : new Figures(f.path("ItemCount").asLong(), f.path("SizeBytes").asLong(), text(f, "Checksum"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** Epoch seconds with a fraction, to the millisecond; decimalValue keeps 1764755000.123 exact. */
    private static Instant time(JsonNode seconds) {
        if (seconds == null || !seconds.isNumber()) {
            return null;
        }
        BigDecimal millis = seconds.decimalValue().movePointRight(3).setScale(0, RoundingMode.HALF_UP);
        return Instant.ofEpochMilli(millis.longValueExact());
    }

    private static <T> List<T> list(JsonNode array, Function<JsonNode, T> element) {
        if (array == null || !array.isArray()) {
            return List.of();
        }
        List<T> out = new ArrayList<>(array.size());
        array.forEach(e -> out.add(element.apply(e)));
        return List.copyOf(out);
    }
}
