package dev.dynalog.connectors.registry;

import java.util.ArrayList;
import java.util.List;

/**
 * One log in memory shared by several registry instances, each with its own state that reads the
 * log only when the instance appends or catches up, as a registry whose consumer lags would.
 */
final class SharedSchemaLog {
    private final List<byte[][]> records = new ArrayList<>();

    /** A new instance's view of the log, having read nothing yet. */
    Reader reader() {
        return new Reader();
    }

    final class Reader implements SchemaLog {
        final RegistryState state = new RegistryState();
        private int position;

        @Override
        public void append(RegistryRecord record) {
            records.add(new byte[][] {RegistryRecordCodec.key(record), RegistryRecordCodec.value(record)});
            // like KafkaSchemaLog: returns once this reader has applied its own record, and so everything before it
            catchUp();
        }

        @Override
        public void catchUp() {
            for (; position < records.size(); position++) {
                state.apply(RegistryRecordCodec.decode(records.get(position)[0], records.get(position)[1]));
            }
        }
    }
}
