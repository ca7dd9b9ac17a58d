package dev.dynalog.schemas.registry;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Reads Avro data in the {@link ConfluentWireFormat}: finds the writer schema by the id in the
 * header and resolves it against the reader schema (Avro schema resolution), so data written with
 * an older or newer compatible schema reads as the reader's type. Thread-safe.
 *
 * @param <T> the type read
 */
public final class ConfluentAvroDeserializer<T> {
    private final WriterSchemas writerSchemas;
    private final Schema readerSchema;
    private final GenericData model;
    /** One resolving reader per writer schema id: building a resolver is costly, ids are few. */
    private final Map<Integer, DatumReader<T>> readers = new ConcurrentHashMap<>();

    private ConfluentAvroDeserializer(WriterSchemas writerSchemas, Schema readerSchema, GenericData model) {
        this.writerSchemas = writerSchemas;
        this.readerSchema = readerSchema;
        this.model = model;
    }

    /** Reads into generated records of {@code type}, resolving each writer schema against its schema. */
    public static <T extends SpecificRecord> ConfluentAvroDeserializer<T> specific(WriterSchemas writerSchemas,
            Class<T> type) {
        SpecificData model = SpecificData.getForClass(type);
        return new ConfluentAvroDeserializer<>(writerSchemas, model.getSchema(type), model);
    }

    /** Reads generic records, each with the schema it was written with. */
    public static ConfluentAvroDeserializer<GenericRecord> generic(WriterSchemas writerSchemas) {
        return new ConfluentAvroDeserializer<>(writerSchemas, null, GenericData.get());
    }

    /**
     * @throws IllegalArgumentException if the bytes are not in the wire format or the body does
     *     not decode with the writer schema
     * @throws SchemaRegistryException if the writer schema cannot be found
     */
    public T deserialize(byte[] framed) {
        int id = ConfluentWireFormat.schemaId(framed);
        DatumReader<T> reader = readers.computeIfAbsent(id, this::readerFor);
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(framed, ConfluentWireFormat.HEADER_LENGTH,
                framed.length - ConfluentWireFormat.HEADER_LENGTH, null);
        try {
            T datum = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new IllegalArgumentException("bytes left over after the datum written with schema " + id);
            }
            return datum;
        } catch (IOException | AvroRuntimeException e) {
            // Reading from a byte array fails only on malformed data (e.g. truncated: EOFException).
            throw new IllegalArgumentException("cannot decode a datum written with schema " + id + ": " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private DatumReader<T> readerFor(int id) {
        Schema writer = writerSchemas.schemaById(id);
        return (DatumReader<T>) model.createDatumReader(writer, readerSchema == null ? writer : readerSchema);
    }
}
