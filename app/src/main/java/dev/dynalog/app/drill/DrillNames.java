package dev.dynalog.app.drill;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The names a drill gives what it creates, from the source table and the drill's start in UTC:
 * the scratch table {@code <table>-drill-20261203-094320} and the reports
 * {@code drill-<table>-20261203-094320.md} and {@code .json}. Sorting them by name sorts them by
 * time.
 */
public final class DrillNames {
    /** DynamoDB's limit on table names. */
    static final int MAX_TABLE_NAME = 255;
    /** A common limit on file names; the longest report name ends in ".json". */
    static final int MAX_FILE_NAME = 255;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    private DrillNames() {
    }

    /** The scratch table; a long source name is shortened so that the name stays a valid table name. */
    public static String scratchTable(String sourceTable, Instant drillTime) {
        String suffix = "-drill-" + STAMP.format(drillTime);
        return shorten(sourceTable, MAX_TABLE_NAME - suffix.length()) + suffix;
    }

    /** The report file of one format, {@code extension} being e.g. {@code "md"}. */
    public static Path report(Path directory, String sourceTable, Instant drillTime, String extension) {
        String stamp = "-" + STAMP.format(drillTime);
        // Shortened for the longest extension, so that the .md and .json reports keep the same stem.
        int room = MAX_FILE_NAME - "drill-".length() - stamp.length() - ".json".length();
        return directory.resolve("drill-" + shorten(sourceTable, room) + stamp + "." + extension);
    }

    private static String shorten(String name, int length) {
        return name.length() <= length ? name : name.substring(0, length);
    }
}
