package dev.dynalog.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dynalog.app.drill.DrillNames;
import dev.dynalog.app.drill.DrillReport;
import dev.dynalog.app.drill.DrillReport.DrillRun;
import dev.dynalog.app.drill.DrillReport.ScratchTable;
import dev.dynalog.app.drill.DrillReport.ScratchTableFate;
import dev.dynalog.app.drill.DrillReportJson;
import dev.dynalog.app.drill.DrillReportMarkdown;
import dev.dynalog.app.drill.ProgressDisplay;
import dev.dynalog.app.drill.RestoreSummaryText;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dynalog drill}: proves that a table can be restored, by restoring it into a scratch
 * table as {@code dynalog restore} would, writing what happened as a report in Markdown and JSON
 * (see {@link DrillReport}), and deleting the scratch table. Run on a schedule, its reports are
 * the record of how long a restore takes and whether it gives back the right data.
 *
 * <p>A drill whose restore fails still writes its report. The scratch table is deleted before the
 * report is written, so that the report can say whether that worked. Exit codes are restore's.
 */
@Command(name = "drill", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = 1,
        description = {"Restores a table into a scratch table, writes a report of the restore and its "
                + "verification (Markdown and JSON), then deletes the scratch table.",
                "Exit code 0: restored and verified; 2: restored but MISMATCH or UNVERIFIED; 1: failed."})
public final class DrillCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--table", required = true, description = "The table to restore.")
    String table;
    @ArgGroup(exclusive = true, multiplicity = "1")
    RecoveryPoint point;
    @Option(names = "--keep", description = "Keep the scratch table instead of deleting it.")
    boolean keep;
    @Option(names = "--report-dir", defaultValue = "drill-reports", paramLabel = "DIR",
            description = "Where to write the reports (default: ${DEFAULT-VALUE}).")
    Path reportDir;
    @Option(names = "--endpoint", defaultValue = "http://localhost:8000",
            description = "The node's DynamoDB endpoint (default: ${DEFAULT-VALUE}).")
    URI endpoint;

    @Spec
    CommandSpec spec;

    /** Exactly one of these. */
    static final class RecoveryPoint {
        @Option(names = "--to-time", paramLabel = "TIME", converter = RestoreCommand.PointInTimeConverter.class,
                description = "The recovery point: an ISO-8601 date-time with an offset (2026-12-03T09:43:20Z) or "
                        + "epoch milliseconds.")
        Long toTime;
        @Option(names = "--latest", description = "The latest restorable time.")
        boolean latest;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // Before the restore: a drill that cannot write its report has wasted the restore.
        try {
            Files.createDirectories(reportDir);
        } catch (IOException e) {
            err.println("Cannot write reports into " + reportDir + ": " + e);
            err.flush();
            return 1;
        }
        Instant drillTime = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String scratch = DrillNames.scratchTable(table, drillTime);
        RestoreCommand.Followed followed = RestoreCommand.startAndFollow(new AdminClient(endpoint), endpoint,
                RestoreCommand.startRequest(table, scratch, point.toTime, null),
                new ProgressDisplay(err, System.console() != null));
        // Not started means StartRestore was refused, for instance because a table of that name exists:
        // not this drill's to delete.
        ScratchTable scratchTable = followed.status() == null
                ? new ScratchTable(scratch, ScratchTableFate.NOT_CREATED, null)
                : keep ? new ScratchTable(scratch, ScratchTableFate.KEPT, null) : deleteTable(scratch);
        DrillReport report = DrillReport.of(new DrillRun(drillTime, table, scratchTable, point.latest,
                point.toTime == null ? null : Instant.ofEpochMilli(point.toTime), followed.wallClock()),
                followed.status(), followed.error());

        if (followed.error() != null) {
            err.println(followed.error());
        } else {
            RestoreSummaryText.summary(followed.status(), followed.wallClock()).forEach(out::println);
            RestoreSummaryText.warnings(followed.status()).forEach(err::println);
        }
        if (scratchTable.fate() == ScratchTableFate.DELETE_FAILED) {
            err.println("*** The scratch table " + scratch + " was NOT deleted; delete it by hand: "
                    + scratchTable.note() + " ***");
        } else if (scratchTable.fate() != ScratchTableFate.NOT_CREATED) {
            out.println("Scratch table " + scratch + (scratchTable.fate() == ScratchTableFate.KEPT ? " kept."
                    : " deleted."));
        }
        Path markdown = DrillNames.report(reportDir, table, drillTime, "md");
        Path json = DrillNames.report(reportDir, table, drillTime, "json");
        int exitCode = report.outcome().exitCode();
        try {
            Files.writeString(markdown, DrillReportMarkdown.render(report));
            Files.writeString(json, DrillReportJson.render(report));
            out.println("Report: " + markdown);
            out.println("        " + json);
        } catch (IOException e) {
            err.println("*** Could not write the drill report: " + e + " ***");
            // A drill without its report failed, but a MISMATCH (2) must still show.
            exitCode = Math.max(exitCode, 1);
        }
        out.flush();
        err.flush();
        return exitCode;
    }

    /** DynamoDB's DeleteTable, on the same endpoint; what became of the table, for the report. */
    private ScratchTable deleteTable(String name) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve("/"))
                .timeout(Duration.ofSeconds(60))
                .header("X-Amz-Target", "DynamoDB_20120810.DeleteTable")
                .header("Content-Type", "application/x-amz-json-1.0")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode().put("TableName", name).toString()))
                .build();
        HttpResponse<String> response;
        try {
            response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
                    .send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return new ScratchTable(name, ScratchTableFate.DELETE_FAILED, "could not reach " + endpoint + ": " + e);
        }
        if (response.statusCode() == 200) {
            return new ScratchTable(name, ScratchTableFate.DELETED, null);
        }
        String type;
        String message;
        try {
            JsonNode error = JSON.readTree(response.body());
            type = error.path("__type").asText("HTTP " + response.statusCode());
            message = error.hasNonNull("message") ? error.get("message").asText() : error.path("Message").asText("");
        } catch (IOException e) {
            type = "HTTP " + response.statusCode();
            message = response.body();
        }
        type = type.substring(type.indexOf('#') + 1);
        if (type.equals("ResourceNotFoundException")) {
            return new ScratchTable(name, ScratchTableFate.DELETED, "the node had removed it already");
        }
        return new ScratchTable(name, ScratchTableFate.DELETE_FAILED, "DeleteTable answered " + type
                + (message.isEmpty() ? "" : ": " + message));
    }
}
