package dev.dynalog.schemas.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Writes Avro data in the {@link ConfluentWireFormat} with one writer schema whose registry id is
 * known. Thread-safe.
 *
 * @param <T> the type of data written: a generated record class, or anything {@link GenericData}
 *     writes with the schema
 */
public final class ConfluentAvroSerializer<T> {
    private final int schemaId;
    private final Schema schema;
    private final DatumWriter<T> writer;

    private ConfluentAvroSerializer(int schemaId, Schema schema, GenericData model) {
        this.schemaId = schemaId;
        this.schema = schema;
        @SuppressWarnings("unchecked")
        DatumWriter<T> w = (DatumWriter<T>) model.createDatumWriter(schema);
        this.writer = w;
    }

    /** Writes generated records of {@code type}, whose schema has the given id. */
    public static <T extends SpecificRecord> ConfluentAvroSerializer<T> specific(Class<T> type, int schemaId) {
        SpecificData model = SpecificData.getForClass(type);
        return new ConfluentAvroSerializer<>(schemaId, model.getSchema(type), model);
    }

    /** Writes generic data with {@code schema}, which has the given id. */
    public static ConfluentAvroSerializer<Object> generic(Schema schema, int schemaId) {
        return new ConfluentAvroSerializer<>(schemaId, schema, GenericData.get());
    }

    /**
     * Registers the schema of {@code type} under {@code subject} (or finds it, if registered
     * already) and writes generated records of that type with it.
     *
     * @throws SchemaRegistryException if the registry refuses the schema, e.g. 409 incompatible
     */
    public static <T extends SpecificRecord> ConfluentAvroSerializer<T> registering(SchemaRegistrar registry,
            String subject, Class<T> type) {
        Schema schema = SpecificData.getForClass(type).getSchema(type);
        return specific(type, registry.register(subject, schema));
    }

    public int schemaId() {
        return schemaId;
    }

    public Schema schema() {
        return schema;
    }

    public byte[] serialize(T datum) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.writeBytes(ConfluentWireFormat.header(schemaId));
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            writer.write(datum, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
