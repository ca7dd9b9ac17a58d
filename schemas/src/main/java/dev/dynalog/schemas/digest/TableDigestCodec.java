package dev.dynalog.schemas.digest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/** Bytes of a {@link TableDigest} in the digests topic: Avro single-object encoding, as commands are written. */
public final class TableDigestCodec {
    private TableDigestCodec() {
    }

    public static byte[] encode(TableDigest digest) {
        try {
            ByteBuffer buffer = TableDigest.getEncoder().encode(digest);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TableDigest decode(byte[] bytes) {
        try {
            return TableDigest.getDecoder().decode(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
