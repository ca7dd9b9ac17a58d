package dev.dynalog.app.drill;

import dev.dynalog.app.drill.DrillReport.PartitionRow;
import dev.dynalog.app.drill.DrillReport.RecoveryPoint;
import dev.dynalog.app.drill.DrillReport.RecoveryTime;
import dev.dynalog.app.drill.RestoreStatus.CutRange;
import dev.dynalog.app.drill.RestoreStatus.Figures;
import dev.dynalog.app.drill.RestoreStatus.IndexCheck;
import dev.dynalog.app.drill.RestoreStatus.IndexSize;
import dev.dynalog.app.drill.RestoreStatus.PartitionIndexCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A drill report for people, in Markdown (GitHub's dialect: pipe tables). The outcome comes
 * first, in the title and a quote with the problems under it, so that a MISMATCH cannot be missed
 * by someone who reads only the top of the file; the evidence follows, section by section.
 */
public final class DrillReportMarkdown {
    private static final String NONE = "none";

    private DrillReportMarkdown() {
    }

    public static String render(DrillReport report) {
        StringBuilder md = new StringBuilder();
        md.append("# Restore drill of `").append(report.sourceTable()).append("`: ").append(report.outcome())
                .append("\n\n");
        headline(md, report);
        md.append("- **Source table:** `").append(report.sourceTable()).append("`\n");
        md.append("- **Scratch table:** `").append(report.scratchTable().name()).append("` (")
                .append(fate(report.scratchTable())).append(")\n");
        md.append("- **Drill started:** ").append(report.drillTime()).append('\n');
        md.append("- **Restore status:** ").append(report.status()).append("\n\n");
        recoveryPoint(md, report.recoveryPoint());
        recoveryTime(md, report.recoveryTime(), report.status());
        contents(md, report);
        verification(md, report.verification());
        md.append("## Settings not carried over\n\n");
        md.append("These are not part of the log; set them on a restored table by hand.\n\n");
        bullets(md, report.settingsNotCarriedOver(), "None reported.");
        cut(md, report.cut());
        return md.toString();
    }

    private static void headline(StringBuilder md, DrillReport report) {
        String why = switch (report.outcome()) {
            case MATCH -> "every check passed: the restored table holds what the log says the source table held at "
                    + "the achieved recovery point.";
            case MISMATCH -> "the restored table or its replay differs from the digests the log recorded. "
                    + "Do not trust this restore.";
            case UNVERIFIED -> "the restore completed but was not verified; nothing vouches for its content.";
            case FAILED -> report.failureMessage() == null ? "the restore failed and gave no reason."
                    : "the restore failed: " + report.failureMessage();
        };
        md.append("> **").append(report.outcome()).append("**: ").append(why.replace("\n", "\n> ")).append('\n');
        List<String> problems = report.verification().problems();
        if (!problems.isEmpty()) {
            md.append(">\n> Problems:\n");
            problems.forEach(p -> md.append("> - ").append(oneLine(p)).append('\n'));
        }
        md.append('\n');
    }

    private static String fate(DrillReport.ScratchTable scratch) {
        String fate = switch (scratch.fate()) {
            case KEPT -> "kept";
            case DELETED -> "deleted";
            case NOT_CREATED -> "not created";
            case DELETE_FAILED -> "NOT deleted: delete it by hand";
        };
        return scratch.note() == null ? fate : fate + "; " + oneLine(scratch.note());
    }

    private static void recoveryPoint(StringBuilder md, RecoveryPoint point) {
        md.append("## Recovery point\n\n");
        String requested;
        if (point.latest()) {
            requested = point.requested() == null ? "the latest restorable time"
                    : "the latest restorable time, asked at " + point.requested();
        } else {
            requested = point.requested() == null ? "log offsets (see the cut below)" : point.requested();
        }
        md.append("- **Requested:** ").append(requested).append('\n');
        md.append("- **Achieved:** ").append(point.achieved() == null ? "not known (no command included, or the "
                + "restore did not get that far)" : point.achieved() + " (the log time of the newest command replayed)")
                .append('\n');
        if (point.differenceMillis() != null) {
            long d = point.differenceMillis();
            md.append("- **Difference:** ").append(d == 0 ? "none"
                    : HumanFormat.count(Math.abs(d)) + " ms " + (d < 0 ? "before" : "after") + " the requested point")
                    .append('\n');
        }
        md.append('\n');
    }

    private static void recoveryTime(StringBuilder md, RecoveryTime time, String status) {
        md.append("## Recovery time\n\n");
        md.append("- **Wall clock, as the CLI measured it** (StartRestore until it saw ").append(status).append("): ")
                .append(duration(time.wallClockMillis())).append('\n');
        md.append("- **As the node reports it** (EndTime - StartTime): ").append(duration(time.nodeMillis()))
                .append('\n');
        md.append("- **Time to the first readable item** (FirstItemReadableTime - StartTime): ")
                .append(duration(time.firstItemReadableMillis())).append('\n');
        md.append("- **Items per second:** ").append(rate(time.itemsPerSecond())).append('\n');
        md.append("- **Commands replayed per second:** ").append(rate(time.commandsReplayedPerSecond()))
                .append("\n\n");
    }

    private static void contents(StringBuilder md, DrillReport report) {
        md.append("## Contents of the restored table\n\n");
        if (report.table() == null) {
            md.append("Not known: the restore did not load the table.\n\n");
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"`" + report.scratchTable().name() + "`", "table",
                HumanFormat.count(report.table().itemCount()), HumanFormat.count(report.table().sizeBytes())});
        for (IndexSize index : report.indexes()) {
            rows.add(new String[] {"`" + index.indexName() + "`", index.type(), HumanFormat.count(index.itemCount()),
                    HumanFormat.count(index.sizeBytes())});
        }
        table(md, new String[] {"", "Type", "Items", "Bytes"}, "---|---|--:|--:", rows);
    }

    private static void verification(StringBuilder md, DrillReport.Verification v) {
        md.append("## Verification: ").append(v.result() == null ? "not done" : v.result()).append("\n\n");
        md.append("Replay vs digest: the state replayed up to the digest's offset against the digest the live "
                + "node recorded there. Target vs replay: the restored table against the state replayed up to "
                + "the cut.\n\n");
        if (v.partitions().isEmpty()) {
            md.append("No partition was checked.\n\n");
        } else {
            List<String[]> rows = new ArrayList<>();
            for (PartitionRow p : v.partitions()) {
                rows.add(new String[] {String.valueOf(p.partition()),
                        p.digestOffset() == null ? NONE : String.valueOf(p.digestOffset()),
                        p.digestLogTime() == null ? NONE : p.digestLogTime(), text(p.replayResult()),
                        text(p.targetResult()), itemCounts(p.expected(), p.actual()),
                        checksums(p.expected(), p.actual())});
            }
            table(md, new String[] {"Partition", "Digest offset", "Digest log time", "Replay vs digest",
                    "Target vs replay", "Items expected / actual", "Checksum"}, "--:|--:|---|---|---|--:|---", rows);
        }
        md.append("### Indexes\n\n");
        if (v.indexes().isEmpty()) {
            md.append("No index was checked.\n\n");
        } else {
            List<String[]> rows = new ArrayList<>();
            for (IndexCheck index : v.indexes()) {
                rows.add(new String[] {"`" + index.indexName() + "`", text(index.type()), text(index.result()),
                        itemCounts(index.expected(), index.actual()), checksums(index.expected(), index.actual()),
                        partitionsNotMatching(index.indexName(), v.partitions())});
            }
            table(md, new String[] {"Index", "Type", "Whole index", "Items expected / actual", "Checksum",
                    "Partitions not matching"}, "---|---|---|--:|---|---", rows);
        }
        md.append("### Problems\n\n");
        bullets(md, v.problems(), "None.");
    }

    /** The partitions whose part of the index failed a check, e.g. {@code 2 (target), 3 (replay)}. */
    private static String partitionsNotMatching(String indexName, List<PartitionRow> partitions) {
        List<String> failing = new ArrayList<>();
        for (PartitionRow p : partitions) {
            for (PartitionIndexCheck check : p.indexes()) {
                if (!check.indexName().equals(indexName)) {
                    continue;
                }
                List<String> which = new ArrayList<>();
                if ("MISMATCH".equals(check.replayResult())) {
                    which.add("replay");
                }
                if ("MISMATCH".equals(check.targetResult())) {
                    which.add("target");
                }
                if (!which.isEmpty()) {
                    failing.add(p.partition() + " (" + String.join(", ", which) + ")");
                }
            }
        }
        return failing.isEmpty() ? NONE : String.join(", ", failing);
    }

    private static void cut(StringBuilder md, List<CutRange> cut) {
        md.append("## Cut of the command log\n\n");
        if (cut.isEmpty()) {
            md.append("Not known: the restore did not get that far.\n");
            return;
        }
        md.append("Commands from the start offset up to, not including, the end offset were replayed.\n\n");
        List<String[]> rows = new ArrayList<>();
        for (CutRange range : cut) {
            rows.add(new String[] {String.valueOf(range.partition()), String.valueOf(range.startOffset()),
                    String.valueOf(range.endOffset()), HumanFormat.count(range.endOffset() - range.startOffset())});
        }
        table(md, new String[] {"Partition", "Start offset", "End offset", "Commands"}, "--:|--:|--:|--:", rows);
    }

    private static String itemCounts(Figures expected, Figures actual) {
        return (expected == null ? "?" : HumanFormat.count(expected.itemCount())) + " / "
                + (actual == null ? "?" : HumanFormat.count(actual.itemCount()));
    }

    /** One checksum when both agree, both (marked) when they do not. */
    private static String checksums(Figures expected, Figures actual) {
        String e = expected == null ? null : expected.checksum();
        String a = actual == null ? null : actual.checksum();
        if (e != null && Objects.equals(e, a)) {
            return "`" + e + "`";
        }
        return "expected " + (e == null ? "?" : "`" + e + "`") + ", actual " + (a == null ? "?" : "`" + a + "`");
    }

    private static String duration(Long millis) {
        if (millis == null) {
            return "not known";
        }
        Duration d = Duration.ofMillis(millis);
        return millis < 1000 ? HumanFormat.duration(d)
                : HumanFormat.duration(d) + " (" + HumanFormat.count(millis) + " ms)";
    }

    private static String rate(Double perSecond) {
        return perSecond == null ? "not known" : HumanFormat.rate(perSecond);
    }

    private static String text(String value) {
        return value == null ? "?" : value;
    }

    private static void bullets(StringBuilder md, List<String> items, String whenEmpty) {
        if (items.isEmpty()) {
            md.append(whenEmpty).append('\n');
        } else {
            items.forEach(item -> md.append("- ").append(oneLine(item)).append('\n'));
        }
        md.append('\n');
    }

    private static void table(StringBuilder md, String[] header, String alignment, List<String[]> rows) {
        md.append("| ").append(String.join(" | ", header)).append(" |\n");
        md.append('|').append(alignment).append("|\n");
        for (String[] row : rows) {
            md.append('|');
            for (String cell : row) {
                md.append(' ').append(oneLine(cell).replace("|", "\\|")).append(" |");
            }
            md.append('\n');
        }
        md.append('\n');
    }

    /** Text from the node may hold line breaks, which would end a list item or a table row. */
    private static String oneLine(String text) {
        return text.replaceAll("\\s*\\R\\s*", " ");
    }
}
