package dev.dynalog.core.encoding;

import dev.dynalog.core.model.AttributeType;
import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.model.Binary;
import dev.dynalog.core.model.KeyAttribute;
import dev.dynalog.core.model.KeySchema;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Order-preserving encoding of key values: the unsigned byte order of encodings is DynamoDB's key
 * order, and every encoding is self-delimiting (no encoding is a prefix of another), so a
 * partition key followed by a sort key sorts by partition key first.
 *
 * <pre>
 * S, B:  the bytes (UTF-8 for S), each 0x00 written as 0x00 0xFF, then the terminator 0x00 0x01.
 *        UTF-8 byte order is DynamoDB's string order; the escape keeps "a" &lt; "a\0" &lt; "ab".
 * N:     0x02 for zero; otherwise a sign marker (0x01 negative, 0x03 positive), then the number
 *        written as 0.d1d2...dk × 10^E with d1 ≠ 0 and no trailing zero:
 *          positive: [E + 129] [d1 + 1] ... [dk + 1] [0x00]
 *          negative: [126 - E] [10 - d1] ... [10 - dk] [0xFF]
 *        E lies in [-129, 126] for every DynamoDB number, so it fits one byte. For negatives
 *        everything is inverted, and the terminator sorts after every digit, so that a longer
 *        mantissa (a more negative number) sorts first.
 * </pre>
 */
public final class KeyCodec {
    private static final int EXPONENT_BIAS = 129;
    private static final byte NEGATIVE = 0x01;
    private static final byte ZERO = 0x02;
    private static final byte POSITIVE = 0x03;

    private KeyCodec() {
    }

    /** The encoding of one S, N or B key value. */
    public static byte[] encodeValue(AttributeValue value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32);
        writeValue(out, value);
        return out.toByteArray();
    }

    /** Partition key encoding followed by sort key encoding; reads only the key attributes. */
    public static byte[] encodePrimaryKey(KeySchema schema, Map<String, AttributeValue> item) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(48);
        writeValue(out, item.get(schema.partitionKey().name()));
        if (schema.sortKey().isPresent()) {
            writeValue(out, item.get(schema.sortKey().get().name()));
        }
        return out.toByteArray();
    }

    /** The key attributes encoded by {@link #encodePrimaryKey}. */
    public static Map<String, AttributeValue> decodePrimaryKey(KeySchema schema, byte[] encoded) {
        Cursor c = new Cursor(encoded, 0);
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        key.put(schema.partitionKey().name(), decodeValue(schema.partitionKey().type(), c));
        if (schema.sortKey().isPresent()) {
            KeyAttribute sk = schema.sortKey().get();
            key.put(sk.name(), decodeValue(sk.type(), c));
        }
        return key;
    }

    /**
     * The encoding of an S or B value without its terminator: every value that starts with the
     * given one has an encoding that starts with these bytes (for begins_with).
     */
    public static byte[] encodePrefix(AttributeValue value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32);
        writeEscaped(out, rawBytes(value));
        return out.toByteArray();
    }

    /** A read position in an encoded key. */
    public static final class Cursor {
        private final byte[] bytes;
        private int position;

        public Cursor(byte[] bytes, int position) {
            this.bytes = bytes;
            this.position = position;
        }

        public int position() {
            return position;
        }

        int next() {
            return bytes[position++] & 0xFF;
        }
    }

    /** Decodes one value of the given type at the cursor and advances it past the value. */
    public static AttributeValue decodeValue(AttributeType type, Cursor c) {
        switch (type) {
            case S:
                return new AttributeValue.S(new String(readEscaped(c), StandardCharsets.UTF_8));
            case B:
                return new AttributeValue.B(Binary.wrap(readEscaped(c)));
            case N:
                return new AttributeValue.N(readNumber(c));
            default:
                throw new IllegalArgumentException("not a key type: " + type);
        }
    }

    private static void writeValue(ByteArrayOutputStream out, AttributeValue value) {
        if (value instanceof AttributeValue.N n) {
            writeNumber(out, n.value());
        } else {
            writeEscaped(out, rawBytes(value));
            out.write(0x00);
            out.write(0x01);
        }
    }

    private static byte[] rawBytes(AttributeValue value) {
        if (value instanceof AttributeValue.S s) {
            return s.value().getBytes(StandardCharsets.UTF_8);
        }
        if (value instanceof AttributeValue.B b) {
            return b.value().unsafeArray();
        }
        throw new IllegalArgumentException("not an S or B key value: " + value);
    }

    private static void writeEscaped(ByteArrayOutputStream out, byte[] raw) {
        for (byte b : raw) {
            out.write(b);
            if (b == 0) {
                out.write(0xFF);
            }
        }
    }

    private static byte[] readEscaped(Cursor c) {
        ByteArrayOutputStream raw = new ByteArrayOutputStream(16);
        while (true) {
            int b = c.next();
            if (b != 0) {
                raw.write(b);
                continue;
            }
            int marker = c.next();
            if (marker == 0x01) {
                return raw.toByteArray();
            }
            raw.write(0); // marker 0xFF: an escaped zero byte
        }
    }

    private static void writeNumber(ByteArrayOutputStream out, String canonical) {
        BigDecimal value = new BigDecimal(canonical);
        if (value.signum() == 0) {
            out.write(ZERO);
            return;
        }
        value = value.stripTrailingZeros();
        String digits = value.unscaledValue().abs().toString();
        int exponent = digits.length() - value.scale();
        boolean negative = value.signum() < 0;
        out.write(negative ? NEGATIVE : POSITIVE);
        int biased = exponent + EXPONENT_BIAS;
        out.write(negative ? 255 - biased : biased);
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(i) - '0';
            out.write(negative ? 10 - d : d + 1);
        }
        out.write(negative ? 0xFF : 0x00);
    }

    private static String readNumber(Cursor c) {
        int marker = c.next();
        if (marker == ZERO) {
            return "0";
        }
        boolean negative = marker == NEGATIVE;
        int biased = c.next();
        int exponent = (negative ? 255 - biased : biased) - EXPONENT_BIAS;
        StringBuilder digits = new StringBuilder(38);
        while (true) {
            int b = c.next();
            if (b == (negative ? 0xFF : 0x00)) {
                break;
            }
            digits.append((char) ('0' + (negative ? 10 - b : b - 1)));
        }
        BigDecimal value = new BigDecimal(new BigInteger(digits.toString()), digits.length() - exponent);
        return (negative ? value.negate() : value).stripTrailingZeros().toPlainString();
    }
}
