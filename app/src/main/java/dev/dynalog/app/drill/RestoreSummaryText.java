package dev.dynalog.app.drill;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code dynalog restore} and {@code dynalog drill} print when a restore has finished: a
 * short summary for the output, and, unless every check matched, a warning for the error stream
 * that is hard to overlook in a terminal or a CI log.
 */
public final class RestoreSummaryText {

    private RestoreSummaryText() {
    }

    /**
     * @param status    the finished restore
     * @param wallClock how long the command waited for it
     */
    public static List<String> summary(RestoreStatus status, Duration wallClock) {
        List<String> lines = new ArrayList<>();
        Duration node = status.nodeRecoveryTime();
        lines.add("Restore of " + status.sourceTableName() + " into " + status.targetTableName() + " "
                + status.status() + " in " + HumanFormat.duration(wallClock)
                + (node == null ? "" : " (" + HumanFormat.duration(node) + " on the node)"));
        if (status.achievedRecoveryPoint() != null) {
            Long difference = status.recoveryPointDifferenceMillis();
            lines.add("Recovery point achieved: " + DrillReport.iso(status.achievedRecoveryPoint())
                    + (status.requestedRecoveryPoint() == null ? ""
                            : " (requested " + DrillReport.iso(status.requestedRecoveryPoint()) + ", "
                                    + HumanFormat.count(Math.abs(difference)) + " ms "
                                    + (difference <= 0 ? "before" : "after") + " it)"));
        }
        if (RestoreStatus.COMPLETED.equals(status.status())) {
            RestoreStatus.Verification v = status.verification();
            lines.add("Verification: " + (v.result() == null ? "UNVERIFIED" : v.result()) + " ("
                    + v.partitions().size() + " partitions, " + v.indexes().size() + " indexes checked)");
        }
        return lines;
    }

    /** Empty when the restore COMPLETED and matched; otherwise what went wrong, problems included. */
    public static List<String> warnings(RestoreStatus status) {
        RestoreOutcome outcome = RestoreOutcome.of(status);
        String headline = switch (outcome) {
            case MATCH -> null;
            case MISMATCH -> "MISMATCH: the restored table " + status.targetTableName()
                    + " does not match the log's digests. Do not trust it.";
            case UNVERIFIED -> "UNVERIFIED: the restore into " + status.targetTableName()
                    + " completed but was not verified; nothing vouches for its content.";
            case FAILED -> "FAILED: the restore into " + status.targetTableName() + " failed"
                    + (status.failureMessage() == null ? "." : ": " + status.failureMessage());
        };
        if (headline == null) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        lines.add("*** " + headline + " ***");
        status.verification().problems().forEach(p -> lines.add("  - " + p));
        return lines;
    }
}
