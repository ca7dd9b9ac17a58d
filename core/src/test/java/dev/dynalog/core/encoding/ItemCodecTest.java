package dev.dynalog.core.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.model.Binary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The stored form of items round-trips every type exactly. */
class ItemCodecTest {

    @Test
    void everyAttributeTypeRoundTrips() {
        Map<String, AttributeValue> nested = new LinkedHashMap<>();
        nested.put("list", new AttributeValue.L(List.of(new AttributeValue.S("x"), new AttributeValue.N("-1.5"),
                new AttributeValue.M(Map.of()), AttributeValue.Null.INSTANCE)));
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("s", new AttributeValue.S("text ünïcødé 😀"));
        item.put("empty", new AttributeValue.S(""));
        item.put("n", new AttributeValue.N("12345678901234567890.123456789"));
        item.put("b", new AttributeValue.B(Binary.wrap(new byte[] {0, (byte) 0xFF, 1})));
        item.put("t", AttributeValue.Bool.TRUE);
        item.put("f", AttributeValue.Bool.FALSE);
        item.put("null", AttributeValue.Null.INSTANCE);
        item.put("m", new AttributeValue.M(nested));
        item.put("l", new AttributeValue.L(List.of()));
        item.put("ss", new AttributeValue.SS(List.of("b", "a", "c")));
        item.put("ns", new AttributeValue.NS(List.of("3", "1", "-2.5")));
        item.put("bs", new AttributeValue.BS(List.of(Binary.wrap(new byte[] {1}), Binary.wrap(new byte[] {2}))));
        item.put("long", new AttributeValue.S("x".repeat(100_000)));

        Map<String, AttributeValue> decoded = ItemCodec.decode(ItemCodec.encode(item));
        assertThat(decoded).isEqualTo(item);
        assertThat(decoded.keySet()).containsExactlyElementsOf(item.keySet());
        assertThat(((AttributeValue.SS) decoded.get("ss")).value()).containsExactly("b", "a", "c");
    }

    @Test
    void emptyItemRoundTrips() {
        assertThat(ItemCodec.decode(ItemCodec.encode(Map.of()))).isEmpty();
    }
}
