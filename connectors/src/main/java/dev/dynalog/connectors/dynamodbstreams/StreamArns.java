package dev.dynalog.connectors.dynamodbstreams;

import dev.dynalog.core.error.DynamoDbException;
import dev.dynalog.core.model.StreamViewType;
import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.core.model.TableStream;
import dev.dynalog.streams.catalog.TableCatalog;
import java.util.Optional;

/**
 * Stream ARNs as DynamoDB writes them, {@code <table ARN>/stream/<label>}, and the table and
 * stream they name: the table's latest stream, or one of its streams disabled in the last day
 * (DynamoDB keeps a disabled stream readable for 24 hours, also after the table's stream was
 * enabled again under a new ARN). Any other label, or a table that is gone, is not found.
 */
public final class StreamArns {
    private StreamArns() {
    }

    /**
     * The stream an ARN names: its table (as the catalog has it now), label and view type, and
     * whether it is still enabled (its shards open) or disabled (its shards closed).
     */
    public record NamedStream(TableDefinition table, String label, StreamViewType viewType, boolean open) {
    }

    public static NamedStream resolve(TableCatalog catalog, String arn, long nowMillis) {
        int tableAt = arn == null ? -1 : arn.indexOf(":table/");
        int streamAt = arn == null ? -1 : arn.indexOf("/stream/", Math.max(tableAt, 0));
        if (tableAt < 0 || streamAt < 0) {
            throw StreamsErrors.validation("Invalid StreamArn");
        }
        String tableName = arn.substring(tableAt + ":table/".length(), streamAt);
        String label = arn.substring(streamAt + "/stream/".length());
        TableDefinition table = catalog.get(tableName).orElseThrow(() -> notFound(arn));
        TableStream streams = table.stream();
        if (streams.enabled() && label.equals(streams.latestLabel())) {
            return new NamedStream(table, label, streams.viewType(), true);
        }
        Optional<TableStream.Closed> closed = streams.closedStream(label, nowMillis);
        if (closed.isPresent()) {
            return new NamedStream(table, label, closed.get().viewType(), false);
        }
        throw notFound(arn);
    }

    private static DynamoDbException notFound(String arn) {
        return StreamsErrors.resourceNotFound("Requested resource not found: Stream: " + arn + " not found");
    }
}
