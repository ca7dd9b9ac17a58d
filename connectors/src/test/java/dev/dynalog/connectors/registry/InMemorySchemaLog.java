package dev.dynalog.connectors.registry;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link SchemaLog} kept in memory as the bytes Kafka would hold, applied at once to a state.
 * {@link #replayCompacted} rebuilds a state as a registry starting on a compacted topic would.
 */
final class InMemorySchemaLog implements SchemaLog {
    private final List<byte[][]> records = new ArrayList<>();
    private final RegistryState state;

    InMemorySchemaLog(RegistryState state) {
        this.state = state;
    }

    @Override
    public void append(RegistryRecord record) {
        byte[][] kv = {RegistryRecordCodec.key(record), RegistryRecordCodec.value(record)};
        records.add(kv);
        state.apply(RegistryRecordCodec.decode(kv[0], kv[1]));
    }

    @Override
    public void catchUp() {
        // appends apply at once: always caught up
    }

    /** A new state from the log after compaction: the last value per key, tombstones removed. */
    RegistryState replayCompacted() {
        Map<ByteBuffer, byte[][]> last = new LinkedHashMap<>();
        for (byte[][] kv : records) {
            last.remove(ByteBuffer.wrap(kv[0]));
            last.put(ByteBuffer.wrap(kv[0]), kv);
        }
        RegistryState replayed = new RegistryState();
        last.values().stream().filter(kv -> kv[1] != null)
                .forEach(kv -> replayed.apply(RegistryRecordCodec.decode(kv[0], kv[1])));
        return replayed;
    }
}
