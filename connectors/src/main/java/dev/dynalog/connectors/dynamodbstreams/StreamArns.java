package dev.dynalog.connectors.dynamodbstreams;

import dev.dynalog.core.error.DynamoDbException;
import dev.dynalog.core.model.StreamViewType;
import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.core.model.TableStream;
import dev.dynalog.streams.catalog.TableCatalog;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Stream ARNs as DynamoDB writes them, {@code <table ARN>/stream/<label>}, and the table and
 * stream they name: the table's latest stream, or one of its streams disabled in the last day
 * (DynamoDB keeps a disabled stream readable for 24 hours, also after the table's stream was
 * enabled again under a new ARN, or after the table was deleted). Any other label is not found.
 */
public final class StreamArns {
    private StreamArns() {
    }

    /**
     * The stream an ARN names: its table (as the catalog has it now), label and view type, and
     * whether it is still enabled (its shards open) or disabled (its shards closed, since
     * {@code closedAtMillis}; 0 while open).
     */
    public record NamedStream(TableDefinition table, String label, StreamViewType viewType, boolean open,
                              long closedAtMillis) {
    }

    public static NamedStream resolve(TableCatalog catalog, String arn, long nowMillis) {
        int tableAt = arn == null ? -1 : arn.indexOf(":table/");
        int streamAt = arn == null ? -1 : arn.indexOf("/stream/", Math.max(tableAt, 0));
        if (tableAt < 0 || streamAt < 0) {
            throw StreamsErrors.validation("Invalid StreamArn");
        }
        String tableName = arn.substring(tableAt + ":table/".length(), streamAt);
        String label = arn.substring(streamAt + "/stream/".length());
        Optional<TableDefinition> live = catalog.get(tableName);
        if (live.isPresent()) {
            TableStream streams = live.get().stream();
            if (streams.enabled() && label.equals(streams.latestLabel())) {
                return new NamedStream(live.get(), label, streams.viewType(), true, 0);
            }
        }
        return Stream.concat(live.stream(), catalog.retired().stream().filter(t -> t.name().equals(tableName)))
                .flatMap(t -> t.stream().closedStream(label, nowMillis)
                        .map(c -> new NamedStream(t, label, c.viewType(), false, c.closedAtMillis())).stream())
                .findFirst()
                .orElseThrow(() -> notFound(arn));
    }

    private static DynamoDbException notFound(String arn) {
        return StreamsErrors.resourceNotFound("Requested resource not found: Stream: " + arn + " not found");
    }
}
