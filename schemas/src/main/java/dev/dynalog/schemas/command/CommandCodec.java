package dev.dynalog.schemas.command;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.SchemaStore;

/**
 * Bytes of a {@link Command} in a log record: Avro single-object encoding (a two-byte marker,
 * the schema's 64-bit fingerprint, then the binary body), so a record written by an older
 * dynalog can be recognised and resolved against the schema it was written with.
 *
 * <p>Every schema a released dynalog ever wrote commands with is kept under
 * {@code resources/dev/dynalog/schemas/command/Command-v<N>.avsc} and registered with the
 * decoder: without it, commands already in a log would no longer decode after an upgrade.
 */
public final class CommandCodec {
    private static final String[] EARLIER_SCHEMAS = {"Command-v1.avsc", "Command-v2.avsc", "Command-v3.avsc", "Command-v4.avsc",
            "Command-v5.avsc", "Command-v6.avsc", "Command-v7.avsc"};
    private static final BinaryMessageDecoder<Command> DECODER = decoder();

    private CommandCodec() {
    }

    private static BinaryMessageDecoder<Command> decoder() {
        SchemaStore.Cache earlier = new SchemaStore.Cache();
        for (String resource : EARLIER_SCHEMAS) {
            try (InputStream in = CommandCodec.class.getResourceAsStream(resource)) {
                earlier.addSchema(new Schema.Parser().parse(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Command.createDecoder(earlier);
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
            return DECODER.decode(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
