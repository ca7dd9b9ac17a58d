package dev.dynalog.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code dynalog export}: has a node export a table, as of a point in time, in Amazon DynamoDB's
 * export layout (what ExportTableToPointInTime writes to S3), through the admin operation
 * {@code ExportTable}; then follows it with {@code DescribeExport} until it ends.
 *
 * <p>Progress goes to stderr, the finished export's summary to stdout:
 *
 * <pre>
 * Export 01796290000123-0a1b2c3d of table orders COMPLETED
 *   items:        2500
 *   billed bytes: 2560000
 *   export time:  2026-12-03T09:43:19.870Z
 *   manifest:     /backups/orders/AWSDynamoDB/01796290000123-0a1b2c3d/manifest-summary.json
 * </pre>
 *
 * Exit status 0 when the export completed, 1 when it failed or the node refused it.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Exports a table, as of a point in time, in DynamoDB's export format into a directory "
                + "on the node's filesystem.")
public final class ExportCommand implements Callable<Integer> {

    @Option(names = "--endpoint", defaultValue = "http://localhost:8000",
            description = "The node's DynamoDB endpoint (default: ${DEFAULT-VALUE}).")
    URI endpoint;
    @Option(names = "--table", required = true, description = "The table to export.")
    String table;
    @Option(names = "--to-time", paramLabel = "TIME",
            description = "The point in time to export: ISO-8601 with an offset (2026-12-03T09:43:20Z) or epoch "
                    + "milliseconds (default: now).")
    String toTime;
    @Option(names = "--to", required = true, paramLabel = "DIR",
            description = "The directory to write AWSDynamoDB/<ExportId>/ into. The node writes it: on another "
                    + "machine, name a path that the node sees at the same place.")
    Path directory;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ObjectNode request = AdminClient.newRequest();
        request.put("TableName", table);
        request.put("Directory", directory.toAbsolutePath().normalize().toString());
        if (toTime != null) {
            try {
                request.put("ExportTime", RecoveryTimes.toEpochSeconds(RecoveryTimes.parseEpochMillis(toTime)));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--to-time: " + e.getMessage());
            }
        }
        AdminClient admin = new AdminClient(endpoint);
        long started = System.nanoTime();
        JsonNode export = admin.completed("Export", "of table " + table, "ExportTable", request, "Export", "ExportId",
                "DescribeExport", err, status -> {
            err.println(progressLine(status, started));
            err.flush();
        });
        if (export == null) {
            return 1;
        }
        String id = export.path("ExportId").asText();
        out.println("Export " + id + " of table " + table + " COMPLETED");
        out.println("  items:        " + export.path("ItemCount").asLong());
        out.println("  billed bytes: " + export.path("BilledSizeBytes").asLong());
        if (export.hasNonNull("ExportTime")) {
            out.println("  export time:  " + RecoveryTimes.formatEpochSeconds(export.get("ExportTime").asDouble()));
        }
        if (export.hasNonNull("ExportManifest")) {
            out.println("  manifest:     " + nodePath(export.path("Directory").asText(request.get("Directory").asText()),
                    export.get("ExportManifest").asText()));
        }
        out.flush();
        return 0;
    }

    private static String progressLine(JsonNode export, long startedNanos) {
        StringBuilder line = new StringBuilder("export ").append(export.path("ExportId").asText())
                .append(": ").append(export.path("Status").asText());
        if (export.hasNonNull("ItemCount")) {
            line.append(", ").append(export.get("ItemCount").asLong()).append(" items");
        }
        if (export.hasNonNull("BilledSizeBytes")) {
            line.append(", ").append(export.get("BilledSizeBytes").asLong()).append(" bytes");
        }
        return line.append(String.format(Locale.ROOT, ", %.1f s", (System.nanoTime() - startedNanos) / 1e9)).toString();
    }

    /** A file of the export on the node's filesystem: the node reports the directory and a key inside it. */
    private static String nodePath(String directory, String key) {
        return directory.endsWith("/") ? directory + key : directory + "/" + key;
    }
}
