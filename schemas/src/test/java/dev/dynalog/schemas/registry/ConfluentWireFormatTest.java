package dev.dynalog.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynalog.core.model.AttributeValue.N;
import dev.dynalog.core.model.AttributeValue.S;
import dev.dynalog.schemas.change.AttributeValueConverter;
import dev.dynalog.schemas.change.ChangeRecord;
import dev.dynalog.schemas.change.EventName;
import dev.dynalog.schemas.change.StreamViewType;
import dev.dynalog.schemas.change.UserIdentity;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class ConfluentWireFormatTest {
    private static final int ID = 0x01020304;

    private final Map<Integer, Schema> registry = new HashMap<>(Map.of(ID, ChangeRecord.getClassSchema()));
    private final WriterSchemas lookup = id -> {
        Schema s = registry.get(id);
        if (s == null) {
            throw SchemaRegistryException.schemaNotFound(id);
        }
        return s;
    };

    private static ChangeRecord ttlRemove() {
        return ChangeRecord.newBuilder()
                .setEventName(EventName.REMOVE)
                .setTableName("Orders")
                .setKeys(AttributeValueConverter.toAvro(Map.of("pk", new S("a"))))
                .setOldImage(AttributeValueConverter.toAvro(Map.of("pk", new S("a"), "n", new N("2.5"))))
                .setSequenceNumber("42")
                .setApproximateCreationDateTime(Instant.ofEpochMilli(1_700_000_000_001L))
                .setSizeBytes(12)
                .setStreamViewType(StreamViewType.OLD_IMAGE)
                .setUserIdentity(new UserIdentity("Service", "dynamodb.amazonaws.com"))
                .build();
    }

    @Test
    void aRecordStartsWithMagicByteZeroAndTheSchemaIdBigEndian() {
        byte[] bytes = ConfluentAvroSerializer.specific(ChangeRecord.class, ID).serialize(ttlRemove());

        assertThat(Arrays.copyOf(bytes, 5)).containsExactly(0, 1, 2, 3, 4);
        assertThat(ConfluentWireFormat.schemaId(bytes)).isEqualTo(ID);
    }

    @Test
    void theBodyAfterTheHeaderIsPlainAvroBinary() throws Exception {
        ChangeRecord record = ttlRemove();
        byte[] bytes = ConfluentAvroSerializer.specific(ChangeRecord.class, ID).serialize(record);

        byte[] body = Arrays.copyOfRange(bytes, 5, bytes.length);
        assertThat(ChangeRecord.getDecoder().decode(withSingleObjectHeader(body))).isEqualTo(record);
    }

    @Test
    void aSpecificRecordReadsBackEqual() {
        ChangeRecord record = ttlRemove();
        byte[] bytes = ConfluentAvroSerializer.specific(ChangeRecord.class, ID).serialize(record);

        assertThat(ConfluentAvroDeserializer.specific(lookup, ChangeRecord.class).deserialize(bytes)).isEqualTo(record);
    }

    @Test
    void aGenericReaderSeesTheWriterSchemasFields() {
        byte[] bytes = ConfluentAvroSerializer.specific(ChangeRecord.class, ID).serialize(ttlRemove());

        GenericRecord read = ConfluentAvroDeserializer.generic(lookup).deserialize(bytes);

        assertThat(read.getSchema()).isEqualTo(ChangeRecord.getClassSchema());
        assertThat(read.get("eventName").toString()).isEqualTo("REMOVE");
        assertThat(((GenericRecord) read.get("userIdentity")).get("principalId").toString())
                .isEqualTo("dynamodb.amazonaws.com");
    }

    @Test
    void dataWrittenWithAnOlderSchemaIsResolvedByItsIdIntoTheReadersSchema() {
        // An earlier ChangeRecord without the optional fields added since: a reader with today's
        // schema finds the writer's schema by id and fills the missing fields with their defaults.
        Schema older = SchemaBuilder.record("ChangeRecord").namespace("dev.dynalog.schemas.change").fields()
                .name("eventName").type(ChangeRecord.getClassSchema().getField("eventName").schema()).noDefault()
                .requiredString("tableName")
                .name("keys").type(ChangeRecord.getClassSchema().getField("keys").schema()).noDefault()
                .requiredString("sequenceNumber")
                .name("approximateCreationDateTime").type(ChangeRecord.getClassSchema()
                        .getField("approximateCreationDateTime").schema()).noDefault()
                .requiredLong("sizeBytes")
                .name("streamViewType").type(ChangeRecord.getClassSchema().getField("streamViewType").schema()).noDefault()
                .endRecord();
        registry.put(1, older);
        GenericRecord old = new GenericData.Record(older);
        old.put("eventName", new GenericData.EnumSymbol(older.getField("eventName").schema(), "INSERT"));
        old.put("tableName", "Orders");
        old.put("keys", AttributeValueConverter.toAvro(Map.of("pk", new S("a"))));
        old.put("sequenceNumber", "7");
        old.put("approximateCreationDateTime", 5L);
        old.put("sizeBytes", 3L);
        old.put("streamViewType", new GenericData.EnumSymbol(older.getField("streamViewType").schema(), "KEYS_ONLY"));
        byte[] bytes = ConfluentAvroSerializer.generic(older, 1).serialize(old);

        ChangeRecord read = ConfluentAvroDeserializer.specific(lookup, ChangeRecord.class).deserialize(bytes);

        assertThat(read.getEventName()).isEqualTo(EventName.INSERT);
        assertThat(read.getApproximateCreationDateTime()).isEqualTo(Instant.ofEpochMilli(5));
        assertThat(read.getNewImage()).isNull();
        assertThat(read.getTransactionId()).isNull();
        assertThat(AttributeValueConverter.fromAvro(read.getKeys())).isEqualTo(Map.of("pk", new S("a")));
    }

    @Test
    void anUnknownSchemaIdIsTheRegistrysSchemaNotFound() {
        byte[] bytes = ConfluentAvroSerializer.specific(ChangeRecord.class, 99).serialize(ttlRemove());

        assertThatThrownBy(() -> ConfluentAvroDeserializer.specific(lookup, ChangeRecord.class).deserialize(bytes))
                .isInstanceOfSatisfying(SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND));
    }

    @Test
    void bytesWithAnotherMagicByteAreRejected() {
        byte[] bytes = ConfluentAvroSerializer.specific(ChangeRecord.class, ID).serialize(ttlRemove());
        bytes[0] = 1;

        assertThatThrownBy(() -> ConfluentAvroDeserializer.generic(lookup).deserialize(bytes))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("magic byte");
    }

    @Test
    void bytesShorterThanTheHeaderAreRejected() {
        assertThatThrownBy(() -> ConfluentWireFormat.schemaId(new byte[] {0, 0, 0}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTruncatedBodyIsRejected() {
        byte[] bytes = ConfluentAvroSerializer.specific(ChangeRecord.class, ID).serialize(ttlRemove());
        byte[] truncated = Arrays.copyOf(bytes, bytes.length - 3);

        assertThatThrownBy(() -> ConfluentAvroDeserializer.specific(lookup, ChangeRecord.class).deserialize(truncated))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Avro's single-object header (C3 01 + schema fingerprint), so the generated decoder can read a bare body. */
    private static byte[] withSingleObjectHeader(byte[] body) {
        long fingerprint = org.apache.avro.SchemaNormalization.parsingFingerprint64(ChangeRecord.getClassSchema());
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(10 + body.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0xC3).put((byte) 0x01).putLong(fingerprint).put(body);
        return b.array();
    }
}
