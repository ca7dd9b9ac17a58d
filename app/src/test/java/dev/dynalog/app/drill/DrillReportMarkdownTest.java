package dev.dynalog.app.drill;

import static dev.dynalog.app.drill.SampleStatuses.COMPLETED;
import static dev.dynalog.app.drill.SampleStatuses.FAILED;
import static dev.dynalog.app.drill.SampleStatuses.run;
import static dev.dynalog.app.drill.SampleStatuses.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dynalog.app.drill.DrillReport.DrillRun;
import dev.dynalog.app.drill.DrillReport.ScratchTable;
import dev.dynalog.app.drill.DrillReport.ScratchTableFate;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Markdown report as someone who opens the file reads it, top first. */
class DrillReportMarkdownTest {

    private static String render(RestoreStatus status) {
        return DrillReportMarkdown.render(DrillReport.of(run(ScratchTableFate.DELETED), status, null));
    }

    private static List<String> firstLines(String markdown, int n) {
        return markdown.lines().limit(n).toList();
    }

    @Test
    void completedDrillSaysMatchAtTheTopAndShowsTheRecoveryPoints() {
        String md = render(status(COMPLETED));

        assertThat(firstLines(md, 3)).first().isEqualTo("# Restore drill of `orders`: MATCH");
        assertThat(firstLines(md, 3)).anySatisfy(line -> assertThat(line).startsWith("> **MATCH**"));
        assertThat(md).contains("- **Scratch table:** `orders-drill-20251203-094321` (deleted)")
                .contains("- **Requested:** 2025-12-03T09:43:20.123Z")
                .contains("- **Achieved:** 2025-12-03T09:43:19.870Z")
                .contains("- **Difference:** 253 ms before the requested point");
    }

    @Test
    void completedDrillShowsRecoveryTimesAndRates() {
        String md = render(status(COMPLETED));

        assertThat(md).contains("(StartRestore until it saw COMPLETED): 8.6 s (8,600 ms)")
                .contains("(EndTime - StartTime): 8.5 s (8,500 ms)")
                .contains("(FirstItemReadableTime - StartTime): 3.2 s (3,200 ms)")
                // 2,500 items and 4,500 commands over the node's 8.5 s
                .contains("- **Items per second:** 294")
                .contains("- **Commands replayed per second:** 529");
    }

    @Test
    void completedDrillHasARowPerPartitionWithItsDigestAndChecks() {
        String md = render(status(COMPLETED));

        assertThat(md).contains("## Verification: MATCH")
                .contains("| 0 | 1100 | 2025-12-03T09:43:10Z | MATCH | MATCH | 625 / 625 | `0a1b2c3d4e5f6071` |")
                .contains("| 1 | 900 | 2025-12-03T09:43:15.500Z | MATCH | MATCH | 625 / 625 | `1a1b2c3d4e5f6071` |")
                .contains("| 2 | 1300 | 2025-12-03T09:43:15.500Z | MATCH | MATCH | 625 / 625 | `2a1b2c3d4e5f6071` |")
                .contains("| 3 | none | none | NO_DIGEST | MATCH | 625 / 625 | `3a1b2c3d4e5f6071` |");
    }

    @Test
    void completedDrillShowsTheIndexesTheirChecksTheSettingsAndTheCut() {
        String md = render(status(COMPLETED));

        assertThat(md).contains("| `orders-drill-20251203-094321` | table | 2,500 | 2,560,000 |")
                .contains("| `byCustomer` | GSI | 2,500 | 300,000 |")
                .contains("| `byDate` | LSI | 2,500 | 280,000 |")
                .contains("| `byCustomer` | GSI | MATCH | 2,500 / 2,500 | `9999999999999999` | none |")
                .contains("| `byDate` | LSI | MATCH | 2,500 / 2,500 | `aaaaaaaaaaaaaaaa` | none |")
                .contains("### Problems\n\nNone.")
                .contains("- Time to Live (TTL) settings\n")
                .contains("- Point-in-time recovery settings\n")
                .contains("| 0 | 0 | 1200 | 1,200 |")
                .contains("| 3 | 0 | 1010 | 1,010 |");
    }

    @Test
    void aMismatchIsWhatTheFirstLinesSayWithTheProblem() {
        String md = render(SampleStatuses.mismatchInPartition2());

        assertThat(firstLines(md, 6)).containsSubsequence(
                "# Restore drill of `orders`: MISMATCH",
                "> **MISMATCH**: the restored table or its replay differs from the digests the log recorded. "
                        + "Do not trust this restore.",
                "> Problems:",
                "> - partition 2: target has 624 items, the replay 625");
        assertThat(md).contains("## Verification: MISMATCH")
                .contains("| 2 | 1300 | 2025-12-03T09:43:15.500Z | MATCH | MISMATCH | 625 / 624 | "
                        + "expected `2a1b2c3d4e5f6071`, actual `2a1b2c3d4e5f0000` |")
                .contains("- partition 2: target has 624 items, the replay 625");
    }

    @Test
    void aPartitionIndexMismatchIsNamedInTheIndexTable() {
        ObjectNode json = SampleStatuses.json(COMPLETED);
        ObjectNode check = (ObjectNode) json.get("Verification").get("Partitions").get(1)
                .get("Indexes").get(0);
        check.put("TargetResult", "MISMATCH");

        String md = render(RestoreStatus.from(json));

        assertThat(md).contains("| `byCustomer` | GSI | MATCH | 2,500 / 2,500 | `9999999999999999` | 1 (target) |");
    }

    @Test
    void aFailedRestoreSaysFailedAndWhyAndShowsWhatIsKnown() {
        String md = render(status(FAILED));

        assertThat(firstLines(md, 3)).containsSubsequence("# Restore drill of `orders`: FAILED",
                "> **FAILED**: the restore failed: partition 1 of the command log no longer holds offset 0 "
                        + "(retention deleted it)");
        assertThat(md).contains("- **Restore status:** FAILED")
                .contains("- **Achieved:** not known")
                .contains("(StartRestore until it saw FAILED): 8.6 s")
                .contains("- **Items per second:** not known")
                .contains("## Contents of the restored table\n\nNot known")
                .contains("## Verification: not done")
                .contains("No partition was checked.")
                .contains("- Tags\n")
                .contains("| 0 | 0 | 1200 | 1,200 |");
    }

    @Test
    void aRestoreTheNodeRefusedStillGivesAReport() {
        DrillRun run = new DrillRun(SampleStatuses.DRILL_TIME, "orders",
                new ScratchTable(SampleStatuses.SCRATCH_TABLE, ScratchTableFate.NOT_CREATED, null), true, null, null);

        String md = DrillReportMarkdown.render(DrillReport.of(run, null,
                "The node refused the restore: TableNotFoundException: Table not found: orders"));

        assertThat(firstLines(md, 3)).containsSubsequence("# Restore drill of `orders`: FAILED",
                "> **FAILED**: the restore failed: The node refused the restore: TableNotFoundException: "
                        + "Table not found: orders");
        assertThat(md).contains("(not created)")
                .contains("- **Requested:** the latest restorable time\n")
                .contains("Not known: the restore did not get that far.");
    }

    @Test
    void aScratchTableThatCouldNotBeDeletedIsCalledOut() {
        DrillRun run = new DrillRun(SampleStatuses.DRILL_TIME, "orders", new ScratchTable(SampleStatuses.SCRATCH_TABLE,
                ScratchTableFate.DELETE_FAILED, "DeleteTable answered ResourceInUseException: table is busy"),
                false, null, null);

        String md = DrillReportMarkdown.render(DrillReport.of(run, status(COMPLETED), null));

        assertThat(md).contains("- **Scratch table:** `orders-drill-20251203-094321` (NOT deleted: delete it by "
                + "hand; DeleteTable answered ResourceInUseException: table is busy)");
    }
}
