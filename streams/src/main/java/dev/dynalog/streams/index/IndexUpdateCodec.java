package dev.dynalog.streams.index;

import dev.dynalog.schemas.index.IndexUpdate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.kafka.common.serialization.Serializer;

/** Bytes of an {@link IndexUpdate} in the index log: Avro single-object encoding. */
public final class IndexUpdateCodec implements Serializer<IndexUpdate> {

    @Override
    public byte[] serialize(String topic, IndexUpdate update) {
        return encode(update);
    }

    public static byte[] encode(IndexUpdate update) {
        try {
            ByteBuffer buffer = update.toByteBuffer();
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static IndexUpdate decode(byte[] bytes) {
        try {
            return IndexUpdate.fromByteBuffer(ByteBuffer.wrap(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
