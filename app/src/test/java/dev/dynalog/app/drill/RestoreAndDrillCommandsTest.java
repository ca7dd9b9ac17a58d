package dev.dynalog.app.drill;

import static dev.dynalog.app.drill.SampleStatuses.COMPLETED;
import static dev.dynalog.app.drill.SampleStatuses.FAILED;
import static dev.dynalog.app.drill.SampleStatuses.REPLAYING;
import static dev.dynalog.app.drill.SampleStatuses.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dynalog.app.DrillCommand;
import dev.dynalog.app.RestoreCommand;
import dev.dynalog.app.drill.FakeNode.Request;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code dynalog restore} and {@code dynalog drill} against a node that answers from a script:
 * what they send, print, write and exit with.
 */
class RestoreAndDrillCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path reports;
    private FakeNode node;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void startNode() throws Exception {
        node = new FakeNode();
    }

    @AfterEach
    void stopNode() {
        node.close();
    }

    private int run(Object command, String... args) {
        return new CommandLine(command).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(Stream.concat(Stream.of(args), Stream.of("--endpoint", node.endpoint().toString()))
                        .toArray(String[]::new));
    }

    private List<String> targets() {
        return node.requests().stream().map(Request::target).toList();
    }

    private static ObjectNode mismatch() {
        ObjectNode status = json(COMPLETED);
        ((ObjectNode) status.get("Verification")).put("Result", "MISMATCH").putArray("Problems")
                .add("partition 2: target has 624 items, the replay 625");
        return status;
    }

    private List<Path> reportFiles() throws Exception {
        try (Stream<Path> files = Files.list(reports)) {
            return files.sorted().toList();
        }
    }

    @Test
    void restoreToATimeSendsItInEpochSecondsFollowsTheRestoreAndExitsWith0WhenItMatches() {
        node.answering(json(REPLAYING), json(COMPLETED));

        int exit = run(new RestoreCommand(), "--table", "orders", "--into", "orders-copy",
                "--to-time", "2025-12-03T10:43:20.123+01:00");

        assertThat(exit).isEqualTo(0);
        assertThat(targets()).containsExactly("DynalogAdmin_20261203.StartRestore",
                "DynalogAdmin_20261203.DescribeRestore");
        assertThat(node.requests().get(0).text()).isEqualTo("{\"SourceTableName\":\"orders\","
                + "\"TargetTableName\":\"orders-copy\",\"RestoreDateTime\":1764755000.123}");
        assertThat(node.requests().get(1).body().toString()).isEqualTo("{\"TargetTableName\":\"orders-copy\"}");
        assertThat(out.toString()).contains("Restore of orders into orders-copy COMPLETED in")
                .contains("Recovery point achieved: 2025-12-03T09:43:19.870Z")
                .contains("Verification: MATCH");
        assertThat(err.toString()).contains("REPLAYING  commands 1,000/4,000").doesNotContain("***");
    }

    @Test
    void restoreToOffsetsOrTheLatestTimeAsksForThat() {
        node.answering(json(REPLAYING));

        run(new RestoreCommand(), "--table", "orders", "--into", "a", "--to-offsets", "0:120,1:98", "--no-wait");
        run(new RestoreCommand(), "--table", "orders", "--into", "b", "--latest", "--no-wait");

        assertThat(node.requests().get(0).body().get("LogOffsets").toString())
                .isEqualTo("[{\"Partition\":0,\"Offset\":120},{\"Partition\":1,\"Offset\":98}]");
        assertThat(node.requests().get(1).body().get("UseLatestRestorableTime").asBoolean()).isTrue();
        assertThat(targets()).containsExactly("DynalogAdmin_20261203.StartRestore",
                "DynalogAdmin_20261203.StartRestore");
        assertThat(out.toString()).contains("Restore r-0001 of orders into a started (REPLAYING)");
    }

    @Test
    void restoreThatMismatchesExitsWith2AndSaysSoOnTheErrorStream() {
        node.answering(mismatch());

        int exit = run(new RestoreCommand(), "--table", "orders", "--into", "orders-copy", "--latest");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("*** MISMATCH: the restored table orders-copy does not match")
                .contains("  - partition 2: target has 624 items, the replay 625");
    }

    @Test
    void restoreTheNodeRefusesExitsWith1WithTheNodesError() {
        node.refusingRestoresWith("InvalidRestoreTimeException", "Restore time is before the oldest command kept");

        int exit = run(new RestoreCommand(), "--table", "orders", "--into", "orders-copy", "--to-time", "0");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("The node refused the restore: InvalidRestoreTimeException: "
                + "Restore time is before the oldest command kept");
    }

    @Test
    void drillRestoresIntoAScratchTableWritesBothReportsAndDeletesTheTable() throws Exception {
        node.answering(json(REPLAYING), json(COMPLETED));

        int exit = run(new DrillCommand(), "--table", "orders", "--latest", "--report-dir", reports.toString());

        assertThat(exit).isEqualTo(0);
        String scratch = node.requests().get(0).body().get("TargetTableName").asText();
        assertThat(scratch).matches("orders-drill-\\d{8}-\\d{6}");
        assertThat(targets()).containsExactly("DynalogAdmin_20261203.StartRestore",
                "DynalogAdmin_20261203.DescribeRestore", "DynamoDB_20120810.DeleteTable");
        assertThat(node.requests().get(2).body().toString()).isEqualTo("{\"TableName\":\"" + scratch + "\"}");

        String stamp = scratch.substring("orders-drill-".length());
        Path markdown = reports.resolve("drill-orders-" + stamp + ".md");
        Path json = reports.resolve("drill-orders-" + stamp + ".json");
        assertThat(reportFiles()).containsExactly(json, markdown);
        assertThat(Files.readString(markdown)).startsWith("# Restore drill of `orders`: MATCH")
                .contains("`" + scratch + "` (deleted)");
        assertThat(JSON.readTree(Files.readString(json)).at("/scratchTable/fate").asText()).isEqualTo("DELETED");
        assertThat(out.toString()).contains("Scratch table " + scratch + " deleted.")
                .contains("Report: " + markdown).contains("        " + json);
    }

    @Test
    void drillThatMismatchesExitsWith2AndItsReportSaysMismatchFirst() throws Exception {
        node.answering(mismatch());

        int exit = run(new DrillCommand(), "--table", "orders", "--to-time", "1764755000123", "--keep",
                "--report-dir", reports.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(targets()).doesNotContain("DynamoDB_20120810.DeleteTable");
        Path markdown = reportFiles().get(1);
        assertThat(Files.readString(markdown)).startsWith("# Restore drill of `orders`: MISMATCH\n\n> **MISMATCH**")
                .contains("(kept)");
        assertThat(err.toString()).contains("*** MISMATCH");
    }

    @Test
    void drillWhoseRestoreFailsStillWritesItsReport() throws Exception {
        node.answering(json(FAILED));

        int exit = run(new DrillCommand(), "--table", "orders", "--latest", "--report-dir", reports.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(targets()).contains("DynamoDB_20120810.DeleteTable");
        assertThat(Files.readString(reportFiles().get(1))).startsWith("# Restore drill of `orders`: FAILED")
                .contains("no longer holds offset 0");
        assertThat(JSON.readTree(Files.readString(reportFiles().get(0))).get("status").asText()).isEqualTo("FAILED");
    }

    @Test
    void drillTheNodeRefusesWritesAFailedReportAndDeletesNothing() throws Exception {
        node.refusingRestoresWith("TableAlreadyExistsException", "Table already exists");

        int exit = run(new DrillCommand(), "--table", "orders", "--latest", "--report-dir", reports.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(targets()).containsExactly("DynalogAdmin_20261203.StartRestore");
        assertThat(Files.readString(reportFiles().get(1))).startsWith("# Restore drill of `orders`: FAILED")
                .contains("TableAlreadyExistsException: Table already exists")
                .contains("(not created)");
    }
}
