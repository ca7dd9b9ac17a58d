package dev.dynalog.app.drill;

import java.time.Duration;
import java.util.Locale;

/**
 * How the progress line, the console summary and the Markdown report write figures for people:
 * counts with thousands separators, rates without false precision, durations in the largest
 * units that matter. Locale.ROOT, so that a report reads the same wherever the drill ran.
 */
final class HumanFormat {

    private HumanFormat() {
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A per-second rate: one decimal below 10, whole numbers above. */
    static String rate(double perSecond) {
        return perSecond < 10 ? String.format(Locale.ROOT, "%.1f", perSecond)
                : String.format(Locale.ROOT, "%,.0f", perSecond);
    }

    /** {@code 850 ms}, {@code 8.5 s}, {@code 2m05s}, {@code 1h03m}. */
    static String duration(Duration d) {
        long millis = d.toMillis();
        if (Math.abs(millis) < 1000) {
            return millis + " ms";
        }
        if (Math.abs(millis) < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        return minutes(Math.round(millis / 1000.0));
    }

    /** A remaining time, rounded up to the second: {@code 4s}, {@code 2m05s}, {@code 1h03m}. */
    static String eta(double seconds) {
        long s = (long) Math.ceil(seconds);
        return s < 60 ? s + "s" : minutes(s);
    }

    private static String minutes(long seconds) {
        return seconds < 3600 ? String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60)
                : String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60);
    }
}
