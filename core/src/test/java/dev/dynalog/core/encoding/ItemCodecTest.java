package dev.dynalog.core.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.model.Binary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
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

    @Test
    void theCanonicalEncodingIsTheEncodingOfTheItemWithEveryMapSortedByName() {
        Random random = new Random(42);
        for (int i = 0; i < 500; i++) {
            Map<String, AttributeValue> item = randomMap(random, 3);

            assertThat(ItemCodec.encodeCanonical(item)).as("item %s", item).isEqualTo(ItemCodec.encode(sorted(item)));
        }
    }

    @Test
    void theCanonicalEncodingDoesNotDependOnTheOrderAMapIteratesIn() {
        Map<String, AttributeValue> one = new LinkedHashMap<>();
        one.put("b", new AttributeValue.M(new LinkedHashMap<>(Map.of("y", new AttributeValue.S("1")))));
        one.put("a", new AttributeValue.N("2"));
        Map<String, AttributeValue> other = new LinkedHashMap<>();
        other.put("a", new AttributeValue.N("2"));
        other.put("b", new AttributeValue.M(Map.of("y", new AttributeValue.S("1"))));

        assertThat(ItemCodec.encodeCanonical(one)).isEqualTo(ItemCodec.encodeCanonical(other));
        assertThat(ItemCodec.decode(ItemCodec.encodeCanonical(one))).isEqualTo(one);
    }

    /** The reference: a copy of the item whose maps, nested ones too, iterate in name order. */
    private static Map<String, AttributeValue> sorted(Map<String, AttributeValue> map) {
        TreeMap<String, AttributeValue> copy = new TreeMap<>();
        map.forEach((name, value) -> copy.put(name, sorted(value)));
        return copy;
    }

    private static AttributeValue sorted(AttributeValue value) {
        if (value instanceof AttributeValue.M m) {
            return new AttributeValue.M(sorted(m.value()));
        }
        if (value instanceof AttributeValue.L l) {
            List<AttributeValue> members = new ArrayList<>();
            l.value().forEach(v -> members.add(sorted(v)));
            return new AttributeValue.L(members);
        }
        return value;
    }

    private static Map<String, AttributeValue> randomMap(Random random, int depth) {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        int n = random.nextInt(6);
        for (int i = 0; i < n; i++) {
            String name = random.nextBoolean() ? "k" + random.nextInt(100) : "\u00e9" + (char) ('A' + random.nextInt(50));
            m.put(name, randomValue(random, depth));
        }
        return m;
    }

    private static AttributeValue randomValue(Random random, int depth) {
        return switch (random.nextInt(depth > 0 ? 8 : 6)) {
            case 0 -> new AttributeValue.S("s" + random.nextInt());
            case 1 -> new AttributeValue.N(Integer.toString(random.nextInt(1000)));
            case 2 -> new AttributeValue.B(Binary.wrap(new byte[] {(byte) random.nextInt()}));
            case 3 -> AttributeValue.Bool.of(random.nextBoolean());
            case 4 -> new AttributeValue.SS(List.of("z", "a"));
            case 5 -> AttributeValue.Null.INSTANCE;
            case 6 -> new AttributeValue.M(randomMap(random, depth - 1));
            default -> new AttributeValue.L(List.of(randomValue(random, depth - 1), new AttributeValue.M(randomMap(random, depth - 1))));
        };
    }
}
