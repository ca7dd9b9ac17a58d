package dev.dynalog.streams;

import dev.dynalog.core.model.TableDefinition;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Names of the Kafka topics of a dynalog cluster, all under one prefix (the application id).
 *
 * <ul>
 *   <li>{@code <prefix>._catalog}: table definitions, compacted, one partition</li>
 *   <li>{@code <prefix>.<table>.<incarnation>.log}: a table's command log, one partition per table
 *   partition. The incarnation (the first 12 hex digits of the table id) makes a table created
 *   again under an old name start on a new topic, so nothing of the old topic (committed offsets,
 *   records still being deleted) can leak into it.</li>
 * </ul>
 *
 * <p>Table names may hold {@code [a-zA-Z0-9_.-]}; Kafka refuses two topics whose names differ only
 * in {@code .} versus {@code _}, so the table part is escaped to contain no dot: {@code -} becomes
 * {@code --} and {@code .} becomes {@code -d}. The only dots in a topic name are then the
 * separators, which also lets the command-log pattern match exactly one table segment. Names that
 * would exceed Kafka's 249-character limit are shortened with a hash of the full name.
 */
public final class TopicNames {
    private static final int MAX_TABLE_SEGMENT = 200;

    private final String prefix;

    public TopicNames(String prefix) {
        this.prefix = prefix;
    }

    public String catalog() {
        return prefix + "._catalog";
    }

    public String commandLog(TableDefinition table) {
        return prefix + "." + tableSegment(table.name()) + "." + table.tableId().substring(0, 12) + ".log";
    }

    /** Matches every table's command log, including tables created after start-up. */
    public Pattern commandLogPattern() {
        return Pattern.compile(Pattern.quote(prefix) + "\\.[^.]+\\.[0-9a-f]{12}\\.log");
    }

    static String tableSegment(String tableName) {
        StringBuilder sb = new StringBuilder(tableName.length() + 8);
        for (int i = 0; i < tableName.length(); i++) {
            char c = tableName.charAt(i);
            switch (c) {
                case '-' -> sb.append("--");
                case '.' -> sb.append("-d");
                default -> sb.append(c);
            }
        }
        if (sb.length() <= MAX_TABLE_SEGMENT) {
            return sb.toString();
        }
        return sb.substring(0, MAX_TABLE_SEGMENT - 18) + "-h" + sha256Hex(tableName).substring(0, 16);
    }

    private static String sha256Hex(String s) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
