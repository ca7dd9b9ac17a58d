package dev.dynalog.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dynalog.app.drill.LogOffsets;
import dev.dynalog.app.drill.ProgressDisplay;
import dev.dynalog.app.drill.RestoreOutcome;
import dev.dynalog.app.drill.RestoreStatus;
import dev.dynalog.app.drill.RestoreSummaryText;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code dynalog restore}: restores a table, as its command log says it was at a recovery point,
 * into a new table (the admin API's StartRestore), then follows the restore with DescribeRestore
 * until the node has replayed, loaded and verified it, showing progress on the error stream.
 *
 * <p>The exit code says whether the result can be trusted: 0 when it COMPLETED and every digest
 * check matched, 2 when it COMPLETED but did not match or could not be verified, 1 when it failed,
 * could not be started or followed, or the arguments were wrong (see {@link RestoreOutcome}).
 */
@Command(name = "restore", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = 1,
        description = {"Restores a table into a new one as it was at a point of its log, and verifies the result "
                + "against the digests the log holds.",
                "Exit code 0: restored and verified; 2: restored but MISMATCH or UNVERIFIED; 1: failed."})
public final class RestoreCommand implements Callable<Integer> {
    static final Duration POLL_INTERVAL = Duration.ofMillis(500);
    /** A node that stops resumes its restores when it starts again; this is how long to wait for that. */
    static final Duration UNREACHABLE_AT_MOST = Duration.ofMinutes(2);

    @Option(names = "--table", required = true, description = "The table to restore.")
    String table;
    @Option(names = "--into", required = true, description = "The new table to restore into; it must not exist.")
    String into;
    @ArgGroup(exclusive = true, multiplicity = "1")
    Cut cut;
    @Option(names = "--endpoint", defaultValue = "http://localhost:8000",
            description = "The node's DynamoDB endpoint (default: ${DEFAULT-VALUE}).")
    URI endpoint;
    @Option(names = "--no-wait", description = "Return once the restore has started instead of following it.")
    boolean noWait;

    @Spec
    CommandSpec spec;

    /** Where in the log to cut: exactly one of these. */
    static final class Cut {
        @Option(names = "--to-time", paramLabel = "TIME", converter = PointInTimeConverter.class,
                description = "The recovery point: an ISO-8601 date-time with an offset (2026-12-03T09:43:20Z) or "
                        + "epoch milliseconds.")
        Long toTime;
        @Option(names = "--to-offsets", paramLabel = "PARTITION:OFFSET,...", converter = LogOffsets.Converter.class,
                description = "The cut by hand: for every partition of the command log, the first offset not to "
                        + "replay, e.g. 0:120,1:98.")
        LogOffsets toOffsets;
        @Option(names = "--latest", description = "The latest restorable time.")
        boolean latest;
    }

    /** Reads {@code --to-time}, so that a bad value is a usage error that names the accepted forms. */
    static final class PointInTimeConverter implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return RecoveryTimes.parseEpochMillis(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /**
     * A restore as the command last saw it.
     *
     * @param status    the last status the node answered; null when StartRestore was refused or not answered
     * @param wallClock from sending StartRestore until the status was seen
     * @param error     why the command stopped before it saw the restore finish; null when it did
     */
    record Followed(RestoreStatus status, Duration wallClock, String error) {
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ObjectNode request = startRequest(table, into, cut.toTime, cut.toOffsets);
        Followed followed = startAndFollow(new AdminClient(endpoint), endpoint, request,
                noWait ? null : new ProgressDisplay(err, System.console() != null));
        RestoreStatus status = followed.status();
        if (followed.error() != null) {
            err.println(followed.error());
            err.flush();
            return RestoreOutcome.FAILED.exitCode();
        }
        if (!status.finished()) {
            out.println("Restore " + status.restoreId() + " of " + status.sourceTableName() + " into "
                    + status.targetTableName() + " started (" + status.status() + "); the table is ACTIVE when it "
                    + "is done, and DescribeRestore tells how far it got.");
            out.flush();
            return 0;
        }
        RestoreSummaryText.summary(status, followed.wallClock()).forEach(out::println);
        out.flush();
        RestoreSummaryText.warnings(status).forEach(err::println);
        err.flush();
        return RestoreOutcome.of(status).exitCode();
    }

    /**
     * StartRestore's request: to {@code toTimeMillis}, or to {@code offsets}, or, when both are
     * null, to the latest restorable time.
     */
    static ObjectNode startRequest(String source, String target, Long toTimeMillis, LogOffsets offsets) {
        ObjectNode request = AdminClient.newRequest().put("SourceTableName", source).put("TargetTableName", target);
        if (toTimeMillis != null) {
            request.put("RestoreDateTime", RecoveryTimes.toEpochSeconds(toTimeMillis));
        } else if (offsets != null) {
            ArrayNode list = request.putArray("LogOffsets");
            offsets.offsets().forEach(o -> list.addObject().put("Partition", o.partition()).put("Offset", o.offset()));
        } else {
            request.put("UseLatestRestorableTime", true);
        }
        return request;
    }

    /**
     * Starts a restore and, when {@code progress} is given, polls it every {@link #POLL_INTERVAL}
     * until it has COMPLETED or FAILED.
     */
    static Followed startAndFollow(AdminClient admin, URI endpoint, ObjectNode request, ProgressDisplay progress)
            throws InterruptedException {
        long started = System.nanoTime();
        RestoreStatus status;
        try {
            status = restoreIn(admin.post("StartRestore", request));
        } catch (AdminClient.ErrorAnswer e) {
            return new Followed(null, null, "The node refused the restore: " + e.describe());
        } catch (IOException e) {
            return new Followed(null, null, "Could not start the restore at " + endpoint + ": " + e);
        }
        if (status == null) {
            return new Followed(null, null, endpoint + " answered StartRestore without a Restore");
        }
        if (progress == null) {
            return new Followed(status, since(started), null);
        }
        ObjectNode describe = AdminClient.newRequest().put("TargetTableName", request.get("TargetTableName").asText());
        Long unreachableSince = null; // System.nanoTime() of the first failed poll in a row
        try {
            while (!status.finished()) {
                progress.show(status, since(started).toMillis());
                Thread.sleep(POLL_INTERVAL.toMillis());
                RestoreStatus next;
                try {
                    next = restoreIn(admin.post("DescribeRestore", describe));
                } catch (IOException e) {
                    if (unreachableSince == null) {
                        unreachableSince = System.nanoTime();
                        progress.note("The node does not answer (" + e + "); waiting up to "
                                + UNREACHABLE_AT_MOST.toMinutes() + " minutes for it to resume the restore");
                    } else if (System.nanoTime() - unreachableSince > UNREACHABLE_AT_MOST.toNanos()) {
                        return new Followed(status, since(started), lost(status, endpoint + " has not answered for "
                                + UNREACHABLE_AT_MOST.toMinutes() + " minutes: " + e));
                    }
                    continue;
                } catch (AdminClient.ErrorAnswer e) {
                    return new Followed(status, since(started), lost(status, "DescribeRestore: " + e.describe()));
                }
                if (next == null) {
                    return new Followed(status, since(started), lost(status, "the node answered DescribeRestore "
                            + "without a Restore"));
                }
                status = next;
                unreachableSince = null;
            }
            progress.show(status, since(started).toMillis());
        } finally {
            progress.end();
        }
        return new Followed(status, since(started), null);
    }

    private static RestoreStatus restoreIn(JsonNode answer) {
        JsonNode restore = answer.get("Restore");
        return restore != null && restore.isObject() ? RestoreStatus.from(restore) : null;
    }

    private static String lost(RestoreStatus last, String why) {
        return "Lost track of the restore into " + last.targetTableName() + ", last seen " + last.status()
                + " (it may still be running on the node): " + why;
    }

    private static Duration since(long nanoTime) {
        return Duration.ofNanos(System.nanoTime() - nanoTime);
    }
}
