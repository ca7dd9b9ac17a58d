package dev.dynalog.app.drill;

import java.io.PrintWriter;
import java.util.Objects;

/**
 * Shows a restore's {@link ProgressLine} on the error stream while the command waits. On a
 * terminal the line is rewritten in place; otherwise (a log, a CI job) a line is written when the
 * phase changes and at most every {@link #LOG_INTERVAL_MILLIS} in between, so that a long restore
 * neither floods the log nor goes quiet.
 */
public final class ProgressDisplay {
    public static final long LOG_INTERVAL_MILLIS = 5_000;

    private final PrintWriter err;
    private final boolean terminal;
    private String lastLine = "";
    private String lastPhase;
    private long lastWrittenMillis;

    /** @param terminal whether {@code err} is a terminal that honours a carriage return */
    public ProgressDisplay(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    /** Shows {@code status}, seen at {@code nowMillis} (any monotonic clock). */
    public void show(RestoreStatus status, long nowMillis) {
        String line = ProgressLine.format(status);
        if (terminal) {
            // Spaces wipe what a longer previous line leaves behind.
            err.print("\r" + line + " ".repeat(Math.max(0, lastLine.length() - line.length())));
            lastLine = line;
        } else if (!Objects.equals(status.status(), lastPhase)
                || nowMillis - lastWrittenMillis >= LOG_INTERVAL_MILLIS) {
            err.println(line);
            lastLine = line;
            lastWrittenMillis = nowMillis;
        }
        lastPhase = status.status();
        err.flush();
    }

    /** Writes {@code message} on a line of its own; the progress line starts again below it. */
    public void note(String message) {
        end();
        err.println(message);
        err.flush();
        lastPhase = null;
    }

    /** Ends the display, leaving the last line shown, so that what follows starts on a line of its own. */
    public void end() {
        if (terminal && !lastLine.isEmpty()) {
            err.println();
            err.flush();
        }
        lastLine = "";
    }
}
