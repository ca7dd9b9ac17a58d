package dev.dynalog.core.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynalog.core.model.AttributeType;
import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.model.Binary;
import dev.dynalog.core.model.KeyAttribute;
import dev.dynalog.core.model.KeySchema;
import dev.dynalog.core.number.Numbers;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Key encodings sort as DynamoDB sorts keys, and decode back to the same values. */
class KeyCodecTest {

    @Test
    void numbersSortNumericallyAcrossSignsAndExponents() {
        List<String> ascending = List.of("-9.9999999999999999999999999999999999999E+125", "-1E+20", "-100", "-10", "-9.99",
                "-1.5", "-1", "-0.5", "-0.01", "-0.001", "-1E-130", "0", "1E-130", "0.001", "0.01", "0.1", "0.12", "0.125",
                "1", "1.5", "9.99", "10", "100", "123456789012345678901234567890", "1E+125",
                "9.9999999999999999999999999999999999999E+125");
        assertSortedAsEncoded(ascending.stream().map(n -> (AttributeValue) new AttributeValue.N(Numbers.canonical(n))).toList());
    }

    @Test
    void equalNumbersInDifferentTextFormsEncodeIdentically() {
        byte[] a = KeyCodec.encodeValue(new AttributeValue.N(Numbers.canonical("1.50")));
        byte[] b = KeyCodec.encodeValue(new AttributeValue.N(Numbers.canonical("15E-1")));
        byte[] c = KeyCodec.encodeValue(new AttributeValue.N(Numbers.canonical("+001.5")));
        assertThat(a).isEqualTo(b).isEqualTo(c);
    }

    @Test
    void stringsSortByUtf8BytesWithPrefixesFirst() {
        // "\uFFFF" is 0xEF 0xBF 0xBF in UTF-8 but sorts above a surrogate pair (0xF0 ...) in UTF-16;
        // DynamoDB orders by UTF-8 bytes.
        List<String> ascending = List.of("", "A", "B", "Z", "a", "a\u0000", "a\u0000b", "a\u0001", "ab", "abc", "b", "é", "\uFFFF",
                "\uD83D\uDE00");
        assertSortedAsEncoded(ascending.stream().map(s -> (AttributeValue) new AttributeValue.S(s)).toList());
    }

    @Test
    void binarySortsAsUnsignedBytes() {
        List<AttributeValue> ascending = List.of(bin(), bin(0x00), bin(0x00, 0x00), bin(0x00, 0xFF), bin(0x01), bin(0x7F),
                bin(0x80), bin(0xFF), bin(0xFF, 0x00), bin(0xFF, 0xFF));
        assertSortedAsEncoded(ascending);
    }

    @Test
    void randomNumbersAndStringsKeepTheirOrderWhenEncoded() {
        Random random = new Random(20261125L);
        for (int i = 0; i < 5000; i++) {
            String a = randomNumber(random);
            String b = randomNumber(random);
            int expected = Integer.signum(new BigDecimal(a).compareTo(new BigDecimal(b)));
            int actual = Integer.signum(Arrays.compareUnsigned(KeyCodec.encodeValue(new AttributeValue.N(a)),
                    KeyCodec.encodeValue(new AttributeValue.N(b))));
            assertThat(actual).as("%s vs %s", a, b).isEqualTo(expected);

            String s = randomString(random);
            String t = randomString(random);
            int expectedS = Integer.signum(Arrays.compareUnsigned(s.getBytes(StandardCharsets.UTF_8), t.getBytes(StandardCharsets.UTF_8)));
            int actualS = Integer.signum(Arrays.compareUnsigned(KeyCodec.encodeValue(new AttributeValue.S(s)),
                    KeyCodec.encodeValue(new AttributeValue.S(t))));
            assertThat(actualS).as("%s vs %s", s, t).isEqualTo(expectedS);
        }
    }

    @Test
    void partitionKeyOrderComesBeforeSortKeyOrder() {
        KeySchema schema = KeySchema.of(new KeyAttribute("pk", AttributeType.S), new KeyAttribute("sk", AttributeType.N));
        byte[] aLate = KeyCodec.encodePrimaryKey(schema, Map.of("pk", new AttributeValue.S("a"), "sk", new AttributeValue.N("999")));
        byte[] abEarly = KeyCodec.encodePrimaryKey(schema, Map.of("pk", new AttributeValue.S("ab"), "sk", new AttributeValue.N("-999")));
        assertThat(Arrays.compareUnsigned(aLate, abEarly)).isNegative();
    }

    @Test
    void primaryKeysDecodeToTheSameAttributes() {
        KeySchema schema = KeySchema.of(new KeyAttribute("pk", AttributeType.B), new KeyAttribute("sk", AttributeType.N));
        for (String n : List.of("0", "-1.25", "1E+125", "-1E-130", "123456789.123456789")) {
            Map<String, AttributeValue> key = Map.of("pk", bin(0x00, 0xFF, 0x00), "sk", new AttributeValue.N(Numbers.canonical(n)));
            assertThat(KeyCodec.decodePrimaryKey(schema, KeyCodec.encodePrimaryKey(schema, key))).isEqualTo(key);
        }
    }

    @Test
    void prefixEncodingIsAPrefixOfEveryValueStartingWithIt() {
        byte[] prefix = KeyCodec.encodePrefix(new AttributeValue.S("ab"));
        for (String s : List.of("ab", "ab\u0000", "abc", "abz")) {
            byte[] full = KeyCodec.encodeValue(new AttributeValue.S(s));
            assertThat(Arrays.copyOf(full, prefix.length)).as(s).isEqualTo(prefix);
        }
        byte[] other = KeyCodec.encodeValue(new AttributeValue.S("a"));
        assertThat(other.length >= prefix.length && Arrays.equals(Arrays.copyOf(other, prefix.length), prefix)).isFalse();
    }

    private static void assertSortedAsEncoded(List<AttributeValue> ascending) {
        List<byte[]> encoded = new ArrayList<>(ascending.stream().map(KeyCodec::encodeValue).toList());
        List<byte[]> sorted = new ArrayList<>(encoded);
        sorted.sort(Arrays::compareUnsigned);
        for (int i = 0; i < encoded.size(); i++) {
            assertThat(sorted.get(i)).as("position %d (%s)", i, ascending.get(i)).isEqualTo(encoded.get(i));
        }
        // strictly increasing: distinct values never share an encoding, and none is a prefix of the next
        for (int i = 1; i < encoded.size(); i++) {
            byte[] prev = encoded.get(i - 1);
            byte[] next = encoded.get(i);
            assertThat(Arrays.compareUnsigned(prev, next)).isNegative();
            assertThat(next.length >= prev.length && Arrays.equals(Arrays.copyOf(next, prev.length), prev))
                    .as("%s is a prefix of %s", ascending.get(i - 1), ascending.get(i)).isFalse();
        }
    }

    private static String randomNumber(Random r) {
        String digits = Long.toString(Math.abs(r.nextLong()) % 1_000_000_000L);
        String text = (r.nextBoolean() ? "-" : "") + digits + "E" + (r.nextInt(200) - 100);
        return Numbers.canonical(text);
    }

    private static String randomString(Random r) {
        int n = r.nextInt(6);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int kind = r.nextInt(4);
            sb.appendCodePoint(kind == 0 ? r.nextInt(3) : kind == 1 ? 'a' + r.nextInt(3) : kind == 2 ? 0xE9 + r.nextInt(2)
                    : 0x1F600 + r.nextInt(2));
        }
        return sb.toString();
    }

    private static AttributeValue bin(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return new AttributeValue.B(Binary.wrap(b));
    }
}
