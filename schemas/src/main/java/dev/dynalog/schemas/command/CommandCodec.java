package dev.dynalog.schemas.command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * Bytes of a {@link Command} in a log record: Avro single-object encoding (a two-byte marker,
 * the schema's 64-bit fingerprint, then the binary body), so a record written by an older
 * dynalog can be recognised and resolved against the schema it was written with.
 */
public final class CommandCodec {
    private CommandCodec() {
    }

    public static byte[] encode(Command command) {
        try {
            ByteBuffer buffer = Command.getEncoder().encode(command);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Command decode(byte[] bytes) {
        try {
            return Command.getDecoder().decode(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
