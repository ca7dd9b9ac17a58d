package dev.dynalog.core.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A table's change streams as DynamoDB reports them: whether the latest is enabled and with which
 * view type, its label, which DescribeTable keeps showing after the stream is disabled, and the
 * streams disabled in the last {@link #READABLE_AFTER_DISABLE}, which stay readable (with closed
 * shards) as in DynamoDB. Enabling the stream again starts a new stream with a new label.
 *
 * @param viewType    the view type of the enabled stream, or null when the stream is disabled
 * @param latestLabel the latest stream's label (ISO 8601 time it was enabled, UTC, milliseconds),
 *                    or null if the table never had a stream
 * @param closed      the streams disabled within {@link #READABLE_AFTER_DISABLE}, oldest first
 *                    (the latest among them while it is disabled)
 */
public record TableStream(StreamViewType viewType, String latestLabel, List<Closed> closed) {
    /** How long a disabled stream's records stay readable through the DynamoDB Streams API. */
    public static final Duration READABLE_AFTER_DISABLE = Duration.ofHours(24);

    public static final TableStream NONE = new TableStream(null, null, List.of());

    /** A disabled stream: its label, the view type it had, and when it was disabled. */
    public record Closed(String label, StreamViewType viewType, long closedAtMillis) {
    }

    public TableStream {
        closed = closed == null ? List.of() : List.copyOf(closed);
    }

    public TableStream(StreamViewType viewType, String latestLabel) {
        this(viewType, latestLabel, List.of());
    }

    public boolean enabled() {
        return viewType != null;
    }

    /** The same stream, disabled at {@code nowMillis}: its label stays the latest. */
    public TableStream disabled(long nowMillis) {
        List<Closed> now = stillReadable(nowMillis);
        now.add(new Closed(latestLabel, viewType, nowMillis));
        return new TableStream(null, latestLabel, now);
    }

    /** A new stream enabled under a new label; the disabled ones stay readable for their time. */
    public TableStream enabledAgain(StreamViewType newViewType, String newLabel, long nowMillis) {
        return new TableStream(newViewType, newLabel, stillReadable(nowMillis));
    }

    /** The disabled stream with this label, if it is still readable at {@code nowMillis}. */
    public Optional<Closed> closedStream(String label, long nowMillis) {
        return closed.stream()
                .filter(c -> c.label().equals(label) && readable(c, nowMillis))
                .findFirst();
    }

    /** The disabled streams still readable at {@code nowMillis}, oldest first. */
    public List<Closed> readableClosed(long nowMillis) {
        return closed.stream().filter(c -> readable(c, nowMillis)).toList();
    }

    private List<Closed> stillReadable(long nowMillis) {
        return new ArrayList<>(readableClosed(nowMillis));
    }

    private static boolean readable(Closed c, long nowMillis) {
        return nowMillis - c.closedAtMillis() < READABLE_AFTER_DISABLE.toMillis();
    }
}
