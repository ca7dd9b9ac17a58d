package dev.dynalog.app.drill;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dynalog.app.drill.RestoreStatus.CutRange;
import dev.dynalog.app.drill.RestoreStatus.Figures;
import dev.dynalog.app.drill.RestoreStatus.IndexCheck;
import dev.dynalog.app.drill.RestoreStatus.IndexSize;
import dev.dynalog.app.drill.RestoreStatus.PartitionCheck;
import dev.dynalog.app.drill.RestoreStatus.PartitionIndexCheck;
import dev.dynalog.app.drill.RestoreStatus.Size;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * What a restore drill found: the final RestoreStatus the node answered, together with what the
 * command measured and did around it. {@link DrillReportMarkdown} writes it for people,
 * {@link DrillReportJson} for programs.
 *
 * <p>The JSON report is this record, field for field (times are ISO-8601 UTC strings, durations
 * whole milliseconds, unknown values null, lists never null); {@code formatVersion} changes when
 * a field changes meaning or goes away:
 *
 * <pre>
 * formatVersion           1
 * outcome                 MATCH | MISMATCH | UNVERIFIED | FAILED (see {@link RestoreOutcome})
 * drillTime               when the drill started; also in the scratch table's and the reports' names
 * sourceTable
 * scratchTable            {name, fate: KEPT | DELETED | NOT_CREATED | DELETE_FAILED, note}
 * status                  the restore's last Status, or FAILED when the command could not start or follow it
 * failureMessage          the node's FailureMessage, or why the command could not start or follow the restore
 * recoveryPoint           {requested, latest (true for --latest), achieved, differenceMillis (achieved - requested)}
 * recoveryTime            {wallClockMillis (StartRestore sent until the command saw COMPLETED or FAILED, to the
 *                         500 ms poll), nodeMillis (EndTime - StartTime), firstItemReadableMillis
 *                         (FirstItemReadableTime - StartTime), itemsPerSecond and commandsReplayedPerSecond
 *                         (over nodeMillis, or wallClockMillis when the node gave no EndTime)}
 * table                   {itemCount, sizeBytes} of the restored table
 * indexes                 [{indexName, type: GSI | LSI, itemCount, sizeBytes}]
 * verification            {result, partitions: [{partition, digestOffset, digestLogTime, replayResult, targetResult,
 *                         expected, actual, indexes: [{indexName, type, replayResult, targetResult, expected,
 *                         actual}]}], indexes: [{indexName, type, result, expected, actual}], problems: [text]},
 *                         where expected and actual are {itemCount, sizeBytes, checksum}
 * settingsNotCarriedOver  [text]
 * cut                     [{partition, startOffset, endOffset}]: commands [startOffset, endOffset) were replayed
 * restoreStatus           the final RestoreStatus exactly as the node answered it
 * </pre>
 */
public record DrillReport(int formatVersion, RestoreOutcome outcome, String drillTime, String sourceTable,
                          ScratchTable scratchTable, String status, String failureMessage, RecoveryPoint recoveryPoint,
                          RecoveryTime recoveryTime, Size table, List<IndexSize> indexes, Verification verification,
                          List<String> settingsNotCarriedOver, List<CutRange> cut, JsonNode restoreStatus) {
    public static final int FORMAT_VERSION = 1;

    /** What the drill did with the table it restored into. */
    public enum ScratchTableFate {
        /** Left in place, as {@code --keep} asked. */
        KEPT,
        DELETED,
        /** The restore did not start, so there was no table to delete. */
        NOT_CREATED,
        /** DeleteTable failed; the note says why. The table must be deleted by hand. */
        DELETE_FAILED
    }

    public record ScratchTable(String name, ScratchTableFate fate, String note) {
    }

    /** @param latest true when the latest restorable time was asked for; {@code requested} is then when */
    public record RecoveryPoint(String requested, boolean latest, String achieved, Long differenceMillis) {
    }

    public record RecoveryTime(Long wallClockMillis, Long nodeMillis, Long firstItemReadableMillis,
                               Double itemsPerSecond, Double commandsReplayedPerSecond) {
    }

    public record Verification(String result, List<PartitionRow> partitions, List<IndexCheck> indexes,
                               List<String> problems) {
    }

    /** One partition's checks; digestOffset and digestLogTime are null when the log had no digest to check against. */
    public record PartitionRow(int partition, Long digestOffset, String digestLogTime, String replayResult,
                               String targetResult, Figures expected, Figures actual,
                               List<PartitionIndexCheck> indexes) {
    }

    /**
     * What the command knows of a drill besides the node's status.
     *
     * @param requestedRecoveryPoint what {@code --to-time} asked for (null for {@code --latest}), shown
     *                               when the node did not answer; otherwise the node's RequestedRecoveryPoint is
     * @param wallClock              StartRestore sent until COMPLETED or FAILED seen; null if the restore did not start
     */
    public record DrillRun(Instant drillTime, String sourceTable, ScratchTable scratchTable, boolean latest,
                           Instant requestedRecoveryPoint, Duration wallClock) {
    }

    /**
     * The report of a drill.
     *
     * @param status  the restore's last status; null when StartRestore was refused or not answered
     * @param failure why the command could not start or follow the restore; null when it saw it finish
     */
    public static DrillReport of(DrillRun run, RestoreStatus status, String failure) {
        RestoreOutcome outcome = failure != null || status == null ? RestoreOutcome.FAILED : RestoreOutcome.of(status);
        if (status == null) {
            return new DrillReport(FORMAT_VERSION, outcome, iso(run.drillTime()), run.sourceTable(), run.scratchTable(),
                    RestoreStatus.FAILED, failure,
                    new RecoveryPoint(iso(run.requestedRecoveryPoint()), run.latest(), null, null),
                    new RecoveryTime(null, null, null, null, null), null, List.of(),
                    new Verification(null, List.of(), List.of(), List.of()), List.of(), List.of(), null);
        }
        RestoreStatus.Verification v = status.verification();
        return new DrillReport(FORMAT_VERSION, outcome, iso(run.drillTime()), run.sourceTable(), run.scratchTable(),
                failure == null ? status.status() : RestoreStatus.FAILED,
                failure != null ? failure : status.failureMessage(),
                new RecoveryPoint(iso(status.requestedRecoveryPoint()), run.latest(),
                        iso(status.achievedRecoveryPoint()), status.recoveryPointDifferenceMillis()),
                recoveryTime(run, status), status.table(), status.indexes(),
                new Verification(v.result(), v.partitions().stream().map(DrillReport::row).toList(), v.indexes(),
                        v.problems()),
                status.settingsNotCarriedOver(), status.cut(), status.json());
    }

    private static RecoveryTime recoveryTime(DrillRun run, RestoreStatus status) {
        Duration node = status.nodeRecoveryTime();
        Duration over = node != null ? node : run.wallClock();
        boolean completed = RestoreStatus.COMPLETED.equals(status.status());
        Double items = null;
        Double commands = null;
        if (completed && over != null && !over.isZero()) {
            double seconds = over.toMillis() / 1000.0;
            items = status.table() == null ? null : status.table().itemCount() / seconds;
            commands = status.progress().commandsReplayed() / seconds;
        }
        return new RecoveryTime(millis(run.wallClock()), millis(node), millis(status.timeToFirstReadableItem()),
                items, commands);
    }

    private static PartitionRow row(PartitionCheck check) {
        return new PartitionRow(check.partition(), check.digest() == null ? null : check.digest().offset(),
                check.digest() == null ? null : iso(check.digest().logTime()), check.replayResult(),
                check.targetResult(), check.expected(), check.actual(), check.indexes());
    }

    private static Long millis(Duration d) {
        return d == null ? null : d.toMillis();
    }

    /** ISO-8601 UTC to the millisecond, as the node's times are exact to no more. */
    static String iso(Instant t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
