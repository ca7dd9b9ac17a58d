package dev.dynalog.connectors.dynamodbstreams;

import dev.dynalog.core.error.DynamoDbException;
import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.streams.catalog.TableCatalog;

/**
 * Stream ARNs as DynamoDB writes them, {@code <table ARN>/stream/<label>}, and the table and
 * stream they name. Only a table's latest stream is served: an ARN with an older label, or of a
 * table that is gone, is not found.
 */
public final class StreamArns {
    private StreamArns() {
    }

    /** The stream an ARN names: its table (as the catalog has it now) and label. */
    public record NamedStream(TableDefinition table, String label) {
    }

    public static NamedStream resolve(TableCatalog catalog, String arn) {
        int tableAt = arn == null ? -1 : arn.indexOf(":table/");
        int streamAt = arn == null ? -1 : arn.indexOf("/stream/", Math.max(tableAt, 0));
        if (tableAt < 0 || streamAt < 0) {
            throw StreamsErrors.validation("Invalid StreamArn");
        }
        String tableName = arn.substring(tableAt + ":table/".length(), streamAt);
        String label = arn.substring(streamAt + "/stream/".length());
        TableDefinition table = catalog.get(tableName).orElseThrow(() -> notFound(arn));
        if (!label.equals(table.stream().latestLabel())) {
            throw notFound(arn);
        }
        return new NamedStream(table, label);
    }

    private static DynamoDbException notFound(String arn) {
        return StreamsErrors.resourceNotFound("Requested resource not found: Stream: " + arn + " not found");
    }
}
