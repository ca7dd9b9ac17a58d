package dev.dynalog.schemas.registry;

import java.nio.ByteBuffer;

/**
 * Confluent's wire format for a Kafka record key or value:
 *
 * <pre>
 * byte 0      magic byte, always 0
 * bytes 1..4  schema id, a 32-bit big-endian integer: the writer schema's id in the registry
 * bytes 5..   the datum in Avro binary encoding, written with that schema
 * </pre>
 *
 * <p>There is no length or checksum: the body runs to the end of the record value.
 */
public final class ConfluentWireFormat {
    public static final byte MAGIC_BYTE = 0;
    public static final int HEADER_LENGTH = 5;

    private ConfluentWireFormat() {
    }

    /** Writes the header for {@code schemaId} at the buffer's position. */
    public static void writeHeader(ByteBuffer buffer, int schemaId) {
        buffer.put(MAGIC_BYTE).putInt(schemaId);
    }

    /** The header for {@code schemaId}. */
    public static byte[] header(int schemaId) {
        ByteBuffer buffer = ByteBuffer.allocate(HEADER_LENGTH);
        writeHeader(buffer, schemaId);
        return buffer.array();
    }

    /**
     * The writer schema's id in a framed record.
     *
     * @throws IllegalArgumentException if the bytes are not in the wire format
     */
    public static int schemaId(byte[] framed) {
        if (framed == null || framed.length < HEADER_LENGTH) {
            throw new IllegalArgumentException("not in the Confluent wire format: shorter than its 5-byte header");
        }
        if (framed[0] != MAGIC_BYTE) {
            throw new IllegalArgumentException("not in the Confluent wire format: magic byte " + framed[0] + ", expected 0");
        }
        return ByteBuffer.wrap(framed, 1, 4).getInt();
    }
}
