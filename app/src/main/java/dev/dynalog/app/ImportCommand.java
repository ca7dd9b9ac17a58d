package dev.dynalog.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code dynalog import}: has a node load a DynamoDB export (dynalog's or Amazon DynamoDB's), or
 * ImportTable's DYNAMODB_JSON input files, into a new table through the admin operation
 * {@code ImportTable}; then follows it with {@code DescribeImport} until it ends.
 *
 * <p>The new table's key comes from {@code --key-schema}; without it the node takes the whole
 * table definition (keys, indexes, billing) from the export's dynalog-table.json, which only a
 * dynalog export has. Progress goes to stderr, the finished import's summary to stdout. Exit
 * status 0 when the import completed, 1 when it failed or the node refused it.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Imports a DynamoDB export or DYNAMODB_JSON files from a directory on the node's filesystem "
                + "into a new table.")
public final class ImportCommand implements Callable<Integer> {

    @Option(names = "--endpoint", defaultValue = "http://localhost:8000",
            description = "The node's DynamoDB endpoint (default: ${DEFAULT-VALUE}).")
    URI endpoint;
    @Option(names = "--from", required = true, paramLabel = "DIR",
            description = "The export or the directory of *.json / *.json.gz files, as the node sees it.")
    Path directory;
    @Option(names = "--into", required = true, paramLabel = "TABLE", description = "The table to create.")
    String table;
    @Option(names = "--key-schema", paramLabel = "NAME:TYPE[,NAME:TYPE]",
            description = "The new table's partition key and optional sort key, TYPE one of S, N, B "
                    + "(e.g. pk:S,sk:N); the table is then PAY_PER_REQUEST. Default: the export's dynalog-table.json.")
    String keySchema;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ObjectNode request = AdminClient.newRequest();
        request.put("Directory", directory.toAbsolutePath().normalize().toString());
        request.put("TableName", table);
        if (keySchema != null) {
            addKeySchema(request, keySchema);
            request.put("BillingMode", "PAY_PER_REQUEST");
        }
        AdminClient admin = new AdminClient(endpoint);
        long started = System.nanoTime();
        JsonNode imported = admin.completed("Import", "into table " + table, "ImportTable", request, "Import",
                "ImportId", "DescribeImport", err, status -> {
            err.println(progressLine(status, started));
            err.flush();
        });
        if (imported == null) {
            return 1;
        }
        String id = imported.path("ImportId").asText();
        out.println("Import " + id + " into table " + table + " COMPLETED");
        out.println("  processed items: " + imported.path("ProcessedItemCount").asLong());
        out.println("  imported items:  " + imported.path("ImportedItemCount").asLong());
        out.println("  errors:          " + imported.path("ErrorCount").asLong());
        if (imported.hasNonNull("TableArn")) {
            out.println("  table:           " + imported.get("TableArn").asText());
        }
        out.flush();
        return 0;
    }

    /** {@code pk:S,sk:N} as CreateTable's KeySchema (HASH, then RANGE) and AttributeDefinitions. */
    private void addKeySchema(ObjectNode request, String text) {
        String[] keys = text.split(",", -1);
        if (keys.length > 2) {
            throw usage("a table has a partition key and at most one sort key, not " + keys.length + " keys");
        }
        ArrayNode schema = request.putArray("KeySchema");
        ArrayNode definitions = request.putArray("AttributeDefinitions");
        Set<String> names = new HashSet<>();
        for (int i = 0; i < keys.length; i++) {
            String key = keys[i].trim();
            // The last colon: attribute names may hold colons, types never do.
            int colon = key.lastIndexOf(':');
            String name = colon < 0 ? "" : key.substring(0, colon);
            String type = colon < 0 ? "" : key.substring(colon + 1);
            if (name.isEmpty() || !(type.equals("S") || type.equals("N") || type.equals("B"))) {
                throw usage("'" + key + "' is not NAME:TYPE with TYPE one of S, N, B");
            }
            if (!names.add(name)) {
                throw usage("the partition and sort key are both '" + name + "'");
            }
            schema.addObject().put("AttributeName", name).put("KeyType", i == 0 ? "HASH" : "RANGE");
            definitions.addObject().put("AttributeName", name).put("AttributeType", type);
        }
    }

    private ParameterException usage(String problem) {
        return new ParameterException(spec.commandLine(), "--key-schema: " + problem);
    }

    private static String progressLine(JsonNode status, long startedNanos) {
        StringBuilder line = new StringBuilder("import ").append(status.path("ImportId").asText())
                .append(": ").append(status.path("Status").asText());
        if (status.hasNonNull("ProcessedItemCount")) {
            line.append(", ").append(status.get("ProcessedItemCount").asLong()).append(" items processed");
        }
        if (status.hasNonNull("ImportedItemCount")) {
            line.append(", ").append(status.get("ImportedItemCount").asLong()).append(" imported");
        }
        if (status.path("ErrorCount").asLong() > 0) {
            line.append(", ").append(status.get("ErrorCount").asLong()).append(" errors");
        }
        return line.append(String.format(Locale.ROOT, ", %.1f s", (System.nanoTime() - startedNanos) / 1e9)).toString();
    }
}
