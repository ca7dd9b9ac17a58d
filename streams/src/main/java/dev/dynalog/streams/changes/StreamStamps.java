package dev.dynalog.streams.changes;

import dev.dynalog.core.model.TableDefinition;
import dev.dynalog.schemas.command.StreamStamp;
import dev.dynalog.schemas.command.StreamViewType;
import java.util.ArrayList;
import java.util.List;

/**
 * The stream stamp the front door puts on each command of a table whose stream is enabled: it
 * carries what the processor needs to emit the command's change records, so emission follows the
 * log and not the catalog at processing time.
 */
public final class StreamStamps {
    private StreamStamps() {
    }

    /** The table's stamp, or null when its stream is disabled. */
    public static StreamStamp of(TableDefinition table) {
        if (!table.stream().enabled()) {
            return null;
        }
        List<String> keys = new ArrayList<>(2);
        keys.add(table.keySchema().partitionKey().name());
        table.keySchema().sortKey().ifPresent(k -> keys.add(k.name()));
        return new StreamStamp(table.name(), table.stream().latestLabel(),
                StreamViewType.valueOf(table.stream().viewType().name()), keys);
    }
}
