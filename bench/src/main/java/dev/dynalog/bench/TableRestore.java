package dev.dynalog.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

/**
 * The {@code restore} workload, one timed restore rather than a throughput loop: a table with a
 * global secondary index (hash {@code g}, {@value #INDEX_KEYS} distinct values, KEYS_ONLY) is
 * filled by the harness's batch loader; once the index counts every item, point-in-time recovery
 * is enabled and RestoreTableToPointInTime (latest restorable time) copies the table into a new
 * one. The restore time runs from that request until DescribeTable, polled every
 * {@value #POLL_MILLIS} ms, reports the target ACTIVE.
 *
 * <p>dynalog rebuilds the target by replaying the source's commands from its command log; its
 * admin API's DescribeRestore, polled alongside, gives the server's own figures: commands
 * replayed, the time until the target first answered a read with an item, and the result of
 * checking the replay against the digests in the log. A server that answers the restore with an
 * error (DynamoDB Local has no point-in-time recovery) gets that error in the report instead of
 * a figure.
 */
final class TableRestore {
    static final String WORKLOAD = "restore";
    static final String SOURCE = "benchpitr";
    static final String TARGET = "benchpitr-restored";
    static final String INDEX = "byG";
    static final int INDEX_KEYS = 1000;
    /** Items loaded when {@code --load-items} is not given. */
    static final long DEFAULT_ITEMS = 100_000;
    static final long POLL_MILLIS = 200;
    /** How long the index's item count may stand still below the loaded count before the restore starts anyway. */
    private static final long INDEX_IDLE_NANOS = 5_000_000_000L;
    private static final long MB = 1024 * 1024;
    /** Jackson's tree reader; comments allowed, as the SDK's JSON reader this replaced allowed them. */
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_JAVA_COMMENTS).build();
    private static final Pattern ERROR_TYPE = Pattern.compile("\"__type\"\\s*:\\s*\"(?:[^\"#]*#)?([^\"]+)\"");

    /**
     * dynalog's own account of the restore, from DescribeRestore after it ended; NaN or -1 where
     * it gave none.
     */
    record ServerFigures(String status, double startTime, double endTime, double firstItemReadableTime,
                         long commandsReplayed, double commandsPerSecond, long itemsLoaded, double itemsPerSecond,
                         long itemCount, String verification, String checks, List<String> problems) {

        static ServerFigures of(JsonNode restore) {
            return new ServerFigures(text(restore, "Status"), number(restore, "StartTime"), number(restore, "EndTime"),
                    number(restore, "FirstItemReadableTime"), count(restore, "Progress", "CommandsReplayed"),
                    number(restore, "Progress", "CommandsPerSecond"), count(restore, "Progress", "ItemsLoaded"),
                    number(restore, "Progress", "ItemsPerSecond"), count(restore, "Table", "ItemCount"),
                    text(restore, "Verification", "Result"), checks(restore),
                    at(restore, "Verification", "Problems").filter(JsonNode::isArray)
                            .map(a -> StreamSupport.stream(a.spliterator(), false).map(TableRestore::textOf).toList())
                            .orElse(List.of()));
        }

        /**
         * Each partition's two checks, "partition: replay vs the log's digest / target vs the
         * replay", and each index's result, e.g. "0 NO_DIGEST/MATCH, byG MATCH"; "" without.
         */
        private static String checks(JsonNode restore) {
            List<String> checks = new ArrayList<>();
            at(restore, "Verification", "Partitions").filter(JsonNode::isArray).ifPresent(a -> a.forEach(p ->
                    checks.add(count(p, "Partition") + " " + text(p, "ReplayResult") + "/" + text(p, "TargetResult"))));
            at(restore, "Verification", "Indexes").filter(JsonNode::isArray).ifPresent(a -> a.forEach(i ->
                    checks.add(text(i, "IndexName") + " " + text(i, "Result"))));
            return String.join(", ", checks);
        }

        /** From the restore's start until the target first answered a read with an item, in seconds. */
        double firstItemSeconds() {
            return firstItemReadableTime - startTime;
        }

        double serverSeconds() {
            return endTime - startTime;
        }
    }

    /**
     * One server's restore.
     *
     * @param outcome "ok", or why there is no figure: "not supported: &lt;error type&gt;" when a
     *                server that has no point-in-time recovery said so, "failed: ..." otherwise
     * @param restoreSeconds from the restore request until the target was ACTIVE; NaN without
     * @param targetItems the target's ItemCount in DescribeTable once ACTIVE; -1 without
     * @param figures dynalog's DescribeRestore figures; null from other servers
     */
    record Result(String server, long items, double loadSeconds, String outcome, String detail, double restoreSeconds,
                  long targetItems, ServerFigures figures, long rssAfterLoadBytes, long rssAfterRestoreBytes) {

        /** A restore a server should have done and did not (or whose check did not match): the run fails. */
        boolean failed() {
            return outcome.startsWith("failed") || (figures != null && "MISMATCH".equals(figures.verification()));
        }

        String line() {
            String line = String.format("restore %-8s %d items (loaded at %.0f items/s): ", server, items, items / loadSeconds)
                    + (outcome.equals("ok") ? String.format("ACTIVE after %.1f s, %.0f items/s, %s items in the target",
                    restoreSeconds, items / restoreSeconds, targetItems < 0 ? "?" : String.valueOf(targetItems)) : outcome);
            if (figures != null) {
                line += String.format("; server: %s in %s s, first item readable after %s s, %d commands replayed at %.0f/s, "
                                + "%d items loaded at %.0f/s, table ItemCount %d, verification %s",
                        figures.status(), seconds(figures.serverSeconds()), seconds(figures.firstItemSeconds()),
                        figures.commandsReplayed(), figures.commandsPerSecond(), figures.itemsLoaded(),
                        figures.itemsPerSecond(), figures.itemCount(), orDash(figures.verification()))
                        + (figures.checks().isEmpty() ? "" : " (partition replay/target: " + figures.checks() + ")");
                if ("UNVERIFIED".equals(figures.verification())) {
                    line += "; UNVERIFIED: the log held no digest of the table before the cut"
                            + " (dynalog serve records them every --digest-interval-seconds)";
                }
                if (!figures.problems().isEmpty()) {
                    line += "; problems: " + String.join("; ", figures.problems());
                }
            }
            return line + (detail == null ? "" : " (" + detail + ")");
        }

        String markdownRow() {
            boolean ok = outcome.equals("ok");
            ServerFigures f = figures;
            return String.format("| %s | %d | %.0f | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", server, items,
                    items / loadSeconds, ok ? String.format("%.1f", restoreSeconds) : "-",
                    ok ? String.format("%.0f", items / restoreSeconds) : "-",
                    f == null ? "-" : seconds(f.firstItemSeconds()),
                    f == null || f.commandsReplayed() < 0 ? "-" : String.valueOf(f.commandsReplayed()),
                    f == null || Double.isNaN(f.commandsPerSecond()) ? "-" : String.format("%.0f", f.commandsPerSecond()),
                    ok && targetItems >= 0 ? String.valueOf(targetItems) : "-", f == null ? "-" : orDash(f.verification()),
                    rssAfterRestoreBytes < 0 ? "-" : rssAfterRestoreBytes / MB + " MB", outcome);
        }
    }

    private TableRestore() {
    }

    static String markdown(List<Result> results) {
        StringBuilder md = new StringBuilder("\n## Restore\n\nRestoreTableToPointInTime (latest restorable time) of a "
                + "table filled with BatchWriteItem (one KEYS_ONLY global secondary index on `g`, " + INDEX_KEYS
                + " distinct values); the restore time runs from the request until DescribeTable (polled every "
                + POLL_MILLIS + " ms) reports the target ACTIVE. First item readable, commands and verification are "
                + "dynalog's own figures (DescribeRestore): first item readable is FirstItemReadableTime - StartTime.\n\n"
                + "| server | items | load items/s | restore s | items/s | first item readable s | commands replayed "
                + "| commands/s | items in target | verification | RSS after restore | result |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---|\n");
        results.forEach(r -> md.append(r.markdownRow()));
        md.append("\n");
        for (Result r : results) {
            if (r.detail() != null) {
                md.append("- ").append(r.server()).append(": ").append(r.detail()).append("\n");
            }
            if (r.figures() != null && !r.figures().checks().isEmpty()) {
                md.append("- ").append(r.server()).append(", verification per partition (replay vs the log's digest / "
                        + "target vs the replay) and per index: ").append(r.figures().checks()).append("\n");
            }
        }
        return md.toString();
    }

    /** Creates the source table, empty; the caller fills it. */
    static void createSource(LeanClient client) {
        client.createTableWithIndex(SOURCE, INDEX, "KEYS_ONLY");
    }

    /**
     * Restores the filled source table of {@code items} items into {@link #TARGET}.
     *
     * @param serverHeap the server's -Xmx, for the advice when it ran out of memory
     */
    static Result run(ServerProcess server, long items, double loadSeconds, String serverHeap) throws InterruptedException {
        boolean dynalog = server.name().equals("dynalog");
        long rssAfterLoad = server.rssBytes();
        try (LeanClient c = new LeanClient(server.endpoint())) {
            awaitIndex(c, server.name(), items);
            String table = "{\"TableName\":\"" + SOURCE + "\"}";
            String target = "{\"TargetTableName\":\"" + TARGET + "\"}";
            // An IllegalStateException of these two calls is the server's answer, an error of the API.
            String pitrError = null;
            try {
                c.call("UpdateContinuousBackups", "{\"TableName\":\"" + SOURCE + "\",\"PointInTimeRecoverySpecification\":"
                        + "{\"PointInTimeRecoveryEnabled\":true}}");
            } catch (IllegalStateException e) {
                if (dynalog) {
                    return new Result(server.name(), items, loadSeconds, "failed: " + errorType(e.getMessage())
                            + " (UpdateContinuousBackups)", e.getMessage(), Double.NaN, -1, null, rssAfterLoad,
                            server.rssBytes());
                }
                pitrError = e.getMessage(); // the restore is still tried, so that its own answer is in the report
            }
            long requested = System.nanoTime();
            try {
                c.call("RestoreTableToPointInTime", "{\"SourceTableName\":\"" + SOURCE + "\",\"TargetTableName\":\""
                        + TARGET + "\",\"UseLatestRestorableTime\":true}");
            } catch (IllegalStateException e) {
                String outcome = (dynalog ? "failed: " : "not supported: ") + errorType(e.getMessage())
                        + (pitrError == null ? " (RestoreTableToPointInTime)"
                        : errorType(e.getMessage()).equals(errorType(pitrError))
                        ? " (UpdateContinuousBackups, RestoreTableToPointInTime)"
                        : " (RestoreTableToPointInTime; UpdateContinuousBackups: " + errorType(pitrError) + ")");
                return new Result(server.name(), items, loadSeconds, outcome,
                        (pitrError == null ? "" : pitrError + "; ") + e.getMessage(), Double.NaN, -1, null, rssAfterLoad,
                        server.rssBytes());
            }
            long deadline = requested + (600 + items / 500) * 1_000_000_000L;
            JsonNode restore = null;
            double seconds = Double.NaN;
            String failure = null;
            long notFoundSince = -1;
            double notFoundFor = -1;
            try {
                while (true) {
                    if (dynalog) {
                        restore = field(parse(c.callAdmin("DescribeRestore", target)), "Restore");
                        if ("FAILED".equals(text(restore, "Status"))) {
                            failure = "failed: DescribeRestore says FAILED: " + text(restore, "FailureMessage");
                            break;
                        }
                    }
                    String status = targetStatus(c);
                    if (status == null && notFoundSince < 0) {
                        notFoundSince = System.nanoTime();
                    } else if (status != null && notFoundSince >= 0 && notFoundFor < 0) {
                        notFoundFor = (System.nanoTime() - notFoundSince) / 1e9;
                    }
                    if ("ACTIVE".equals(status)) {
                        seconds = (System.nanoTime() - requested) / 1e9;
                        break;
                    }
                    if (System.nanoTime() > deadline) {
                        failure = "failed: the target was still " + (status == null ? "not found" : status) + " after "
                                + (System.nanoTime() - requested) / 1_000_000_000L + " s";
                        break;
                    }
                    Thread.sleep(POLL_MILLIS);
                }
                if (dynalog && failure == null) {
                    // ACTIVE can come before the verification's result: wait for the restore's end
                    long verifyDeadline = System.nanoTime() + 120_000_000_000L;
                    while (!List.of("COMPLETED", "FAILED").contains(text(restore, "Status"))
                            && System.nanoTime() < verifyDeadline) {
                        Thread.sleep(POLL_MILLIS);
                        restore = field(parse(c.callAdmin("DescribeRestore", target)), "Restore");
                    }
                    if ("FAILED".equals(text(restore, "Status"))) {
                        failure = "failed: DescribeRestore says FAILED: " + text(restore, "FailureMessage");
                    }
                }
            } catch (RuntimeException e) {
                failure = "failed: " + (server.alive() ? e.getMessage() : "the server exited");
            }
            String detail = pitrError == null ? null : "restored although " + pitrError;
            if (notFoundSince >= 0) {
                // the response to the restore describes the target, so it should be there at once
                String notFound = notFoundFor < 0 ? "DescribeTable never found the target"
                        : String.format("DescribeTable answered ResourceNotFoundException for the target for %.1f s after the "
                        + "restore request had been answered", notFoundFor);
                detail = detail == null ? notFound : detail + "; " + notFound;
            }
            if (server.outOfMemory()) {
                // said whether or not the restore got through: the figures of a server short of heap mislead
                String advice = "the server ran out of memory at -Xmx" + serverHeap + "; try --server-heap " + doubled(serverHeap);
                System.out.printf("restore: %s%n", advice);
                if (failure != null) {
                    failure += "; " + advice;
                }
            }
            ServerFigures figures = restore == null ? null : ServerFigures.of(restore);
            if (failure != null) {
                return new Result(server.name(), items, loadSeconds, failure, detail, Double.NaN, -1, figures, rssAfterLoad,
                        server.alive() ? server.rssBytes() : -1);
            }
            long targetItems = count(parse(c.call("DescribeTable", "{\"TableName\":\"" + TARGET + "\"}")),
                    "Table", "ItemCount");
            return new Result(server.name(), items, loadSeconds, "ok", detail, seconds, targetItems, figures, rssAfterLoad,
                    server.rssBytes());
        }
    }

    /**
     * Waits until the source's index counts every loaded item (DescribeTable's ItemCount of the
     * index), or until that count has not moved for a while: a restore of a table whose index is
     * still being fed would time the index's catching up too.
     */
    private static void awaitIndex(LeanClient c, String server, long items) throws InterruptedException {
        long started = System.nanoTime();
        long last = -1;
        long lastChange = started;
        while (true) {
            JsonNode table = field(parse(c.call("DescribeTable", "{\"TableName\":\"" + SOURCE + "\"}")), "Table");
            long count = at(table, "GlobalSecondaryIndexes").flatMap(i -> Optional.ofNullable(i.get(0)))
                    .map(i -> count(i, "ItemCount")).orElse(-1L);
            long now = System.nanoTime();
            if (count >= items) {
                System.out.printf("restore: %s's index %s counts all %d items %.1f s after the load%n", server, INDEX, items,
                        (now - started) / 1e9);
                return;
            }
            if (count != last) {
                last = count;
                lastChange = now;
            } else if (now - lastChange > INDEX_IDLE_NANOS) {
                System.out.printf("restore: %s's index %s counts %d of %d items and has not moved for %d s; restoring anyway%n",
                        server, INDEX, count, items, INDEX_IDLE_NANOS / 1_000_000_000L);
                return;
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** The target's TableStatus; null while DescribeTable does not find it. */
    private static String targetStatus(LeanClient c) {
        try {
            return text(parse(c.call("DescribeTable", "{\"TableName\":\"" + TARGET + "\"}")), "Table", "TableStatus");
        } catch (IllegalStateException e) {
            if (errorType(e.getMessage()).equals("ResourceNotFoundException")) {
                return null;
            }
            throw e;
        }
    }

    /** The DynamoDB error type (the part after '#' of {@code __type}) in a failed call's message. */
    static String errorType(String message) {
        Matcher m = ERROR_TYPE.matcher(message);
        return m.find() ? m.group(1) : message;
    }

    /** Twice a JVM heap size such as 768m or 2g, with its unit. */
    static String doubled(String heap) {
        Matcher m = Pattern.compile("(\\d+)([kKmMgG]?)").matcher(heap.trim());
        return m.matches() ? (Long.parseLong(m.group(1)) * 2) + m.group(2) : "larger than " + heap;
    }

    /**
     * The JSON document in {@code json}; null for one without any value (blank). A malformed one
     * throws {@link UncheckedIOException}.
     */
    private static JsonNode parse(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            return node == null || node.isMissingNode() ? null : node;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The member {@code name} of an object (a JSON null if it is null); throws where there is none. */
    private static JsonNode field(JsonNode node, String name) {
        return Optional.ofNullable(node.get(name))
                .orElseThrow(() -> new IllegalStateException("no " + name + " in " + node));
    }

    /** The value at the path of member names; empty where one is missing, not in an object, or the value is null. */
    private static Optional<JsonNode> at(JsonNode node, String... path) {
        Optional<JsonNode> n = Optional.ofNullable(node);
        for (String p : path) {
            n = n.flatMap(x -> x.isObject() ? Optional.ofNullable(x.get(p)) : Optional.empty());
        }
        return n.filter(x -> !x.isNull());
    }

    private static String text(JsonNode node, String... path) {
        return at(node, path).map(TableRestore::textOf).orElse(null);
    }

    /** A string's, number's or boolean's text; null for anything else. */
    private static String textOf(JsonNode node) {
        return node.isTextual() || node.isNumber() || node.isBoolean() ? node.asText() : null;
    }

    private static double number(JsonNode node, String... path) {
        return at(node, path).filter(JsonNode::isNumber).map(JsonNode::doubleValue).orElse(Double.NaN);
    }

    /** A whole number at the path, -1 where there is none. */
    private static long count(JsonNode node, String... path) {
        double n = number(node, path);
        return Double.isNaN(n) ? -1 : (long) n;
    }

    private static String seconds(double s) {
        return Double.isNaN(s) ? "-" : String.format("%.1f", s);
    }

    private static String orDash(String s) {
        return s == null ? "-" : s;
    }
}
