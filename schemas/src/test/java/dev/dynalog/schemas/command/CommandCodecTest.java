package dev.dynalog.schemas.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

class CommandCodecTest {

    @Test
    void aCommandWrittenWithTheFirstSchemaStillDecodesAndHasNoStreamStamp() throws Exception {
        Schema v1;
        try (InputStream in = CommandCodec.class.getResourceAsStream("Command-v1.avsc")) {
            v1 = new Schema.Parser().parse(in);
        }
        Schema purgeSchema = v1.getField("body").schema().getTypes().stream()
                .filter(s -> s.getName().equals("PurgeTable")).findFirst().orElseThrow();
        GenericRecord old = new GenericData.Record(v1);
        old.put("requestId", "r1");
        old.put("origin", "node");
        old.put("tableId", "0123456789abcdef0123456789abcdef");
        old.put("body", new GenericData.Record(purgeSchema));
        ByteBuffer bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old);

        Command decoded = CommandCodec.decode(bytes.array());

        assertThat(decoded.getRequestId()).isEqualTo("r1");
        assertThat(decoded.getBody()).isInstanceOf(PurgeTable.class);
        assertThat(decoded.getStream()).isNull();
    }

    @Test
    void aStampedCommandRoundTrips() {
        Command command = Command.newBuilder().setRequestId("r").setOrigin("o")
                .setTableId("0123456789abcdef0123456789abcdef").setBody(new PurgeTable())
                .setStream(new StreamStamp("Music", "2026-01-01T00:00:00.000", StreamViewType.KEYS_ONLY,
                        java.util.List.of("Artist", "SongTitle")))
                .build();

        assertThat(CommandCodec.decode(CommandCodec.encode(command))).isEqualTo(command);
    }

    @Test
    void aCommandWrittenWithTheSchemaBeforeWriteBatchesStillDecodes() throws Exception {
        Schema v5;
        try (InputStream in = CommandCodec.class.getResourceAsStream("Command-v5.avsc")) {
            v5 = new Schema.Parser().parse(in);
        }
        Schema digestSchema = v5.getField("body").schema().getTypes().stream()
                .filter(s -> s.getName().equals("RecordDigest")).findFirst().orElseThrow();
        GenericRecord digest = new GenericData.Record(digestSchema);
        digest.put("tableIds", java.util.List.of("0123456789abcdef0123456789abcdef"));
        GenericRecord old = new GenericData.Record(v5);
        old.put("requestId", "r5");
        old.put("origin", "node");
        old.put("tableId", "00000000000000000000000000000000");
        old.put("body", digest);
        old.put("stream", null);
        ByteBuffer bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v5).encode(old);

        Command decoded = CommandCodec.decode(bytes.array());

        assertThat(decoded.getBody()).isEqualTo(new RecordDigest(java.util.List.of("0123456789abcdef0123456789abcdef")));
    }

    @Test
    void theWritesOfABatchDecodeInTheOrderTheyWereBatched() {
        Command first = Command.newBuilder().setRequestId("a").setOrigin("o")
                .setTableId("0123456789abcdef0123456789abcdef").setBody(new PurgeTable()).setStream(null).build();
        Command second = Command.newBuilder(first).setRequestId("b").build();
        Command batch = Command.newBuilder().setRequestId("").setOrigin("").setTableId("00000000000000000000000000000000")
                .setBody(new WriteBatch(java.util.List.of(ByteBuffer.wrap(CommandCodec.encode(first)),
                        ByteBuffer.wrap(CommandCodec.encode(second)))))
                .setStream(null).build();

        WriteBatch decoded = (WriteBatch) CommandCodec.decode(CommandCodec.encode(batch)).getBody();

        assertThat(decoded.getCommands()).extracting(b -> CommandCodec.decode(b.array()).getRequestId())
                .containsExactly("a", "b");
    }

    @Test
    void anUpdateWrittenBeforeTheLegacyFlagDecodesAsAnUpdateExpression() throws Exception {
        Schema v7;
        try (InputStream in = CommandCodec.class.getResourceAsStream("Command-v7.avsc")) {
            v7 = new Schema.Parser().parse(in);
        }
        Schema updateSchema = v7.getField("body").schema().getTypes().stream()
                .filter(s -> s.getName().equals("UpdateItem")).findFirst().orElseThrow();
        GenericRecord update = new GenericData.Record(updateSchema);
        update.put("key", ByteBuffer.wrap(new byte[] {1}));
        update.put("keyItem", ByteBuffer.wrap(new byte[] {2}));
        update.put("update", null);
        update.put("condition", null);
        update.put("returnValues", new GenericData.EnumSymbol(updateSchema.getField("returnValues").schema(), "NONE"));
        update.put("returnOldOnConditionFailure", false);
        GenericRecord old = new GenericData.Record(v7);
        old.put("requestId", "r7");
        old.put("origin", "node");
        old.put("tableId", "00000000000000000000000000000000");
        old.put("body", update);
        old.put("stream", null);
        ByteBuffer bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v7).encode(old);

        UpdateItem decoded = (UpdateItem) CommandCodec.decode(bytes.array()).getBody();

        assertThat(decoded.getLegacyUpdate()).isFalse();
        assertThat(decoded.getKey().array()).containsExactly(1);
    }

    @Test
    void aCommandWrittenWithTheSchemaBeforeExpiriesStillDecodes() throws Exception {
        Schema v6;
        try (InputStream in = CommandCodec.class.getResourceAsStream("Command-v6.avsc")) {
            v6 = new Schema.Parser().parse(in);
        }
        Schema batchSchema = v6.getField("body").schema().getTypes().stream()
                .filter(s -> s.getName().equals("WriteBatch")).findFirst().orElseThrow();
        Command inner = Command.newBuilder().setRequestId("a").setOrigin("o")
                .setTableId("0123456789abcdef0123456789abcdef").setBody(new PurgeTable()).setStream(null).build();
        GenericRecord batch = new GenericData.Record(batchSchema);
        batch.put("commands", java.util.List.of(ByteBuffer.wrap(CommandCodec.encode(inner))));
        GenericRecord old = new GenericData.Record(v6);
        old.put("requestId", "r6");
        old.put("origin", "node");
        old.put("tableId", "00000000000000000000000000000000");
        old.put("body", batch);
        old.put("stream", null);
        ByteBuffer bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v6).encode(old);

        Command decoded = CommandCodec.decode(bytes.array());

        assertThat(decoded.getRequestId()).isEqualTo("r6");
        assertThat(((WriteBatch) decoded.getBody()).getCommands()).extracting(b -> CommandCodec.decode(b.array()))
                .containsExactly(inner);
    }

    @Test
    void anExpiryRoundTrips() {
        Command expiry = Command.newBuilder().setRequestId("x").setOrigin("o")
                .setTableId("0123456789abcdef0123456789abcdef")
                .setBody(new ExpireItem(ByteBuffer.wrap(new byte[] {1, 2, 3}), "expiresAt", 1_767_225_600_000L))
                .setStream(null).build();

        assertThat(CommandCodec.decode(CommandCodec.encode(expiry))).isEqualTo(expiry);
    }
}
