package dev.dynalog.connectors.dynamodbstreams;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * Shard iterators: opaque to clients, they hold the stream ARN, the shard's partition, the
 * change-topic offset to read from, and when they were issued. As in DynamoDB Streams an iterator
 * expires 15 minutes after it was issued; each GetRecords hands out a fresh one.
 *
 * <p>Layout, before URL-safe base64: {@code v1|<issued millis>|<partition>|<offset>|<stream ARN>}.
 */
public final class ShardIterators {
    public static final Duration LIFETIME = Duration.ofMinutes(15);

    private ShardIterators() {
    }

    public record Position(String streamArn, int partition, long offset, long issuedMillis) {
    }

    public static String encode(Position p) {
        String text = "v1|" + p.issuedMillis() + "|" + p.partition() + "|" + p.offset() + "|" + p.streamArn();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The stream ARN an iterator reads, for authorization before the iterator is checked; {@code
     * fallback} if it is not an iterator at all.
     */
    public static String streamArnOf(String iterator, String fallback) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(iterator), StandardCharsets.UTF_8).split("\\|", 5);
            return parts.length == 5 && parts[0].equals("v1") ? parts[4] : fallback;
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }

    /** The position of an iterator, checked for form and age. */
    public static Position decode(String iterator, long nowMillis) {
        Position p;
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(iterator), StandardCharsets.UTF_8).split("\\|", 5);
            if (parts.length != 5 || !parts[0].equals("v1")) {
                throw new IllegalArgumentException("not an iterator");
            }
            p = new Position(parts[4], Integer.parseInt(parts[2]), Long.parseLong(parts[3]), Long.parseLong(parts[1]));
        } catch (IllegalArgumentException e) {
            throw StreamsErrors.validation("Invalid ShardIterator");
        }
        if (nowMillis - p.issuedMillis() > LIFETIME.toMillis()) {
            throw StreamsErrors.expiredIterator("Iterator expired. The iterator was created at time "
                    + p.issuedMillis() + " while right now it is " + nowMillis + ".");
        }
        return p;
    }
}
