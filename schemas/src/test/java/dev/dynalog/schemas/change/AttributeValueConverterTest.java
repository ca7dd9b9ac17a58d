package dev.dynalog.schemas.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynalog.core.model.AttributeValue.B;
import dev.dynalog.core.model.AttributeValue.BS;
import dev.dynalog.core.model.AttributeValue.Bool;
import dev.dynalog.core.model.AttributeValue.L;
import dev.dynalog.core.model.AttributeValue.M;
import dev.dynalog.core.model.AttributeValue.N;
import dev.dynalog.core.model.AttributeValue.NS;
import dev.dynalog.core.model.AttributeValue.Null;
import dev.dynalog.core.model.AttributeValue.S;
import dev.dynalog.core.model.AttributeValue.SS;
import dev.dynalog.core.model.Binary;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

class AttributeValueConverterTest {

    /** Every DynamoDB type at the top level, and every type again inside a map inside a list. */
    static Map<String, dev.dynalog.core.model.AttributeValue> itemWithEveryType() {
        Map<String, dev.dynalog.core.model.AttributeValue> scalarsAndSets = new LinkedHashMap<>();
        scalarsAndSets.put("s", new S("héllo ✓"));
        scalarsAndSets.put("emptyS", new S(""));
        scalarsAndSets.put("n", new N("-12345678901234567890.123456789012345678"));
        scalarsAndSets.put("tiny", new N("0.0000000000000000000000000000000000000001"));
        scalarsAndSets.put("zero", new N("0"));
        scalarsAndSets.put("b", new B(Binary.wrap(new byte[] {0, (byte) 0xff, 0x7f, (byte) 0x80})));
        scalarsAndSets.put("emptyB", new B(Binary.wrap(new byte[0])));
        scalarsAndSets.put("t", Bool.TRUE);
        scalarsAndSets.put("f", Bool.FALSE);
        scalarsAndSets.put("null", Null.INSTANCE);
        scalarsAndSets.put("ss", new SS(List.of("b", "a", "")));
        scalarsAndSets.put("ns", new NS(List.of("10", "-1.5", "3")));
        scalarsAndSets.put("bs", new BS(List.of(Binary.wrap(new byte[] {2}), Binary.wrap(new byte[] {1, 0}))));
        scalarsAndSets.put("emptyM", new M(Map.of()));
        scalarsAndSets.put("emptyL", new L(List.of()));

        Map<String, dev.dynalog.core.model.AttributeValue> item = new LinkedHashMap<>(scalarsAndSets);
        item.put("nested", new L(List.of(
                new M(scalarsAndSets),
                new L(List.of(new L(List.of(new N("1"), new S("1"))))),
                Null.INSTANCE)));
        return item;
    }

    @Test
    void everyTypeSurvivesTheRoundTripThroughAvroBinary() throws IOException {
        Map<String, dev.dynalog.core.model.AttributeValue> item = itemWithEveryType();

        ChangeRecord written = ChangeRecord.newBuilder()
                .setEventName(EventName.INSERT)
                .setTableName("t")
                .setKeys(AttributeValueConverter.toAvro(Map.of("s", item.get("s"))))
                .setNewImage(AttributeValueConverter.toAvro(item))
                .setSequenceNumber("1")
                .setApproximateCreationDateTime(Instant.ofEpochMilli(1_700_000_000_123L))
                .setSizeBytes(100)
                .setStreamViewType(StreamViewType.NEW_IMAGE)
                .build();
        ChangeRecord read = decode(encode(written));

        assertThat(AttributeValueConverter.fromAvro(read.getNewImage())).isEqualTo(item);
        assertThat(AttributeValueConverter.fromAvro(read.getKeys())).isEqualTo(Map.of("s", item.get("s")));
    }

    @Test
    void numbersKeepTheirDecimalTextAndSetsTheirMemberOrder() {
        AttributeValue n = AttributeValueConverter.toAvro(new N("100"));
        AttributeValue ns = AttributeValueConverter.toAvro(new NS(List.of("3", "1", "2")));

        assertThat(n.getN()).isEqualTo("100");
        assertThat(ns.getNS()).containsExactly("3", "1", "2");
    }

    @Test
    void theAvroFormSetsExactlyTheFieldNamedLikeTheDynamoDbType() {
        AttributeValue b = AttributeValueConverter.toAvro(new B(Binary.wrap(new byte[] {9})));
        AttributeValue nul = AttributeValueConverter.toAvro(Null.INSTANCE);

        assertThat(b.getB()).isEqualTo(ByteBuffer.wrap(new byte[] {9}));
        assertThat(nul.getNULL()).isTrue();
        assertThat(b.getS()).isNull();
        assertThat(nul.getBOOL()).isNull();
    }

    @Test
    void aRecordWithNoTypeSetIsRejected() {
        assertThatThrownBy(() -> AttributeValueConverter.fromAvro(new AttributeValue()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exactly one");
    }

    @Test
    void aRecordWithTwoTypesSetIsRejected() {
        AttributeValue twoTypes = AttributeValue.newBuilder().setS("1").setN("1").build();

        assertThatThrownBy(() -> AttributeValueConverter.fromAvro(twoTypes))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exactly one");
    }

    @Test
    void nullFalseIsRejected() {
        AttributeValue nullFalse = AttributeValue.newBuilder().setNULL(false).build();

        assertThatThrownBy(() -> AttributeValueConverter.fromAvro(nullFalse)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void numbersNotInDynamoDbsCanonicalFormAreRejected() {
        assertThatThrownBy(() -> AttributeValueConverter.fromAvro(AttributeValue.newBuilder().setN("1.50").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("canonical");
        assertThatThrownBy(() -> AttributeValueConverter.fromAvro(AttributeValue.newBuilder().setN("abc").build()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void emptyOrDuplicateSetsAreRejected() {
        assertThatThrownBy(() -> AttributeValueConverter.fromAvro(AttributeValue.newBuilder().setSS(List.of()).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> AttributeValueConverter.fromAvro(AttributeValue.newBuilder().setNS(List.of("1", "1")).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duplicates");
    }

    private static byte[] encode(ChangeRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<>(ChangeRecord.class).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static ChangeRecord decode(byte[] bytes) throws IOException {
        return new SpecificDatumReader<>(ChangeRecord.class).read(null, DecoderFactory.get().binaryDecoder(bytes, null));
    }
}
