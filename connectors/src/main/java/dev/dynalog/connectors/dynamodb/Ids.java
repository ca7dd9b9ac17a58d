package dev.dynalog.connectors.dynamodb;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.UUID;

/** Fresh ids for tables and indexes: 32 hex digits of a random UUID. */
public final class Ids {
    private Ids() {
    }

    public static String fresh() {
        UUID id = UUID.randomUUID();
        return HexFormat.of().formatHex(ByteBuffer.allocate(16)
                .putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array());
    }
}
