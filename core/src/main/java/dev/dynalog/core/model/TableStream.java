package dev.dynalog.core.model;

/**
 * A table's change stream as DynamoDB reports it: whether it is enabled and with which view
 * type, and the label of the latest stream, which DescribeTable keeps showing after the stream is
 * disabled. Enabling it again starts a new stream with a new label.
 *
 * @param viewType    the view type of the enabled stream, or null when the stream is disabled
 * @param latestLabel the latest stream's label (ISO 8601 time it was enabled, UTC, milliseconds),
 *                    or null if the table never had a stream
 */
public record TableStream(StreamViewType viewType, String latestLabel) {
    public static final TableStream NONE = new TableStream(null, null);

    public boolean enabled() {
        return viewType != null;
    }

    /** The same stream, disabled: its label stays the latest. */
    public TableStream disabled() {
        return new TableStream(null, latestLabel);
    }
}
