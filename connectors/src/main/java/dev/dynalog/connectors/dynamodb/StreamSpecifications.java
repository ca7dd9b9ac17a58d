package dev.dynalog.connectors.dynamodb;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.dynalog.core.error.Errors;
import dev.dynalog.core.model.StreamViewType;
import dev.dynalog.core.model.TableStream;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The StreamSpecification member of CreateTable and UpdateTable, with DynamoDB's checks and
 * messages (as DynamoDB Local 2.6.1 gives them), and the stream members of a TableDescription.
 */
public final class StreamSpecifications {
    /** Stream labels: the ISO 8601 time the stream was enabled, UTC, to the millisecond, as DynamoDB's. */
    private static final DateTimeFormatter LABEL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);

    private StreamSpecifications() {
    }

    /**
     * What a StreamSpecification asks for.
     *
     * @param enabled  StreamEnabled
     * @param viewType the view type of a stream to enable, null when disabling
     */
    public record Requested(boolean enabled, StreamViewType viewType) {
    }

    /** Reads and checks a StreamSpecification member. */
    public static Requested read(JsonNode spec) {
        JsonNode enabledNode = spec.get("StreamEnabled");
        if (enabledNode == null || enabledNode.isNull()) {
            throw Errors.validation("Stream StreamEnabled was null");
        }
        if (!enabledNode.isBoolean()) {
            throw Errors.serialization("Unexpected value type in payload");
        }
        JsonNode viewTypeNode = spec.get("StreamViewType");
        String viewType = viewTypeNode == null || viewTypeNode.isNull() ? null : viewTypeNode.asText();
        if (!enabledNode.booleanValue()) {
            if (viewType != null) {
                throw Errors.validation(
                        "Invalid StreamViewType: Stream StreamEnabled was false but a StreamViewType was present.");
            }
            return new Requested(false, null);
        }
        if (viewType == null || viewType.isEmpty()) {
            throw Errors.validation(
                    "Invalid StreamViewType: Stream ViewType must not be null or empty when enabling streams.");
        }
        try {
            return new Requested(true, StreamViewType.valueOf(viewType));
        } catch (IllegalArgumentException e) {
            throw Errors.validation("Invalid StreamViewType: " + viewType);
        }
    }

    /** The stream of a new table: enabled with a label from now, or none (StreamEnabled false). */
    public static TableStream forNewTable(Requested requested, long nowMillis) {
        return requested.enabled() ? new TableStream(requested.viewType(), label(nowMillis)) : TableStream.NONE;
    }

    /**
     * The stream after UpdateTable: enabling starts a new stream with a new label, disabling keeps
     * the label as the latest and the stream readable for a day; each is refused, as DynamoDB does, when there is nothing to do.
     */
    public static TableStream update(TableStream current, Requested requested, long nowMillis) {
        if (requested.enabled()) {
            if (current.enabled()) {
                throw Errors.validation("Table already has an enabled stream");
            }
            return current.enabledAgain(requested.viewType(), label(nowMillis), nowMillis);
        }
        if (!current.enabled()) {
            throw Errors.validation("Table has no stream to disable");
        }
        return current.disabled(nowMillis);
    }

    private static String label(long millis) {
        return LABEL.format(Instant.ofEpochMilli(millis));
    }

    /**
     * Writes StreamSpecification (only while the stream is enabled), LatestStreamLabel and
     * LatestStreamArn (once the table has had a stream), as DescribeTable does.
     */
    public static void writeDescription(JsonGenerator json, TableStream stream, String tableArn) throws IOException {
        if (stream.enabled()) {
            json.writeObjectFieldStart("StreamSpecification");
            json.writeBooleanField("StreamEnabled", true);
            json.writeStringField("StreamViewType", stream.viewType().name());
            json.writeEndObject();
        }
        if (stream.latestLabel() != null) {
            json.writeStringField("LatestStreamLabel", stream.latestLabel());
            json.writeStringField("LatestStreamArn", streamArn(tableArn, stream.latestLabel()));
        }
    }

    /** A stream's ARN: the table's ARN, "/stream/", the label. */
    public static String streamArn(String tableArn, String label) {
        return tableArn + "/stream/" + label;
    }
}
