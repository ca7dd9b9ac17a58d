package dev.dynalog.app;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Points in time as the recovery commands take them from a user and show them back.
 *
 * <p>A user gives an ISO-8601 instant or date-time with an offset or zone
 * ({@code 2026-12-03T09:43:20.123Z}, {@code 2026-12-03T10:43:20+01:00}) or epoch milliseconds
 * ({@code 1796290000123}). A date-time without an offset is refused rather than read in the
 * machine's zone: a recovery point that depends on where the command ran would restore the wrong
 * data without anyone noticing. The admin API speaks epoch seconds with a fraction, as DynamoDB
 * writes its timestamps.
 */
public final class RecoveryTimes {

    private RecoveryTimes() {
    }

    /**
     * Epoch milliseconds of {@code text}.
     *
     * @throws IllegalArgumentException naming the accepted forms when {@code text} is none of them
     */
    public static long parseEpochMillis(String text) {
        String trimmed = text == null ? "" : text.trim();
        if (!trimmed.isEmpty() && trimmed.chars().allMatch(Character::isDigit)) {
            try {
                return Long.parseLong(trimmed);
            } catch (NumberFormatException e) {
                throw unreadable(text);
            }
        }
        try {
            // ISO_ZONED_DATE_TIME takes "Z", "+01:00" and "+01:00[Europe/Paris]" alike.
            return ZonedDateTime.parse(trimmed, DateTimeFormatter.ISO_ZONED_DATE_TIME).toInstant().toEpochMilli();
        } catch (DateTimeException e) {
            throw unreadable(text);
        }
    }

    /** The admin API's form of a point in time: epoch seconds, exact to the millisecond. */
    public static BigDecimal toEpochSeconds(long epochMillis) {
        return BigDecimal.valueOf(epochMillis, 3);
    }

    /** An admin API time (epoch seconds with a fraction) as an ISO-8601 instant to the millisecond. */
    public static String formatEpochSeconds(double epochSeconds) {
        return Instant.ofEpochMilli(Math.round(epochSeconds * 1000)).toString();
    }

    private static IllegalArgumentException unreadable(String text) {
        return new IllegalArgumentException("'" + text + "' is not a point in time: give an ISO-8601 date-time with "
                + "an offset (2026-12-03T09:43:20Z, 2026-12-03T10:43:20+01:00) or epoch milliseconds");
    }
}
