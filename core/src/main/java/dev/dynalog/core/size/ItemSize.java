package dev.dynalog.core.size;

import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.model.Binary;
import dev.dynalog.core.number.Numbers;
import java.util.Map;

/**
 * Item sizes by DynamoDB's rules, which decide the 400 KB item limit, capacity units and
 * TableSizeBytes:
 * <ul>
 *   <li>an attribute costs its name's UTF-8 length plus its value's size;</li>
 *   <li>S: UTF-8 length; B: byte length; N: 1 byte per two significant digits, plus 1;</li>
 *   <li>BOOL and NULL: 1 byte;</li>
 *   <li>M and L: 3 bytes, plus 1 byte per element, plus the elements (and, for M, their names);</li>
 *   <li>SS, NS, BS: the sum of their members' sizes.</li>
 * </ul>
 */
public final class ItemSize {
    /** DynamoDB's maximum item size, 400 KB. */
    public static final long MAX_ITEM_BYTES = 400 * 1024;

    private ItemSize() {
    }

    public static long of(Map<String, AttributeValue> item) {
        long size = 0;
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            size += utf8Length(e.getKey()) + ofValue(e.getValue());
        }
        return size;
    }

    public static long ofValue(AttributeValue v) {
        if (v instanceof AttributeValue.S s) {
            return utf8Length(s.value());
        }
        if (v instanceof AttributeValue.N n) {
            return numberSize(n.value());
        }
        if (v instanceof AttributeValue.B b) {
            return b.value().length();
        }
        if (v instanceof AttributeValue.Bool || v instanceof AttributeValue.Null) {
            return 1;
        }
        if (v instanceof AttributeValue.M m) {
            long size = 3;
            for (Map.Entry<String, AttributeValue> e : m.value().entrySet()) {
                size += 1 + utf8Length(e.getKey()) + ofValue(e.getValue());
            }
            return size;
        }
        if (v instanceof AttributeValue.L l) {
            long size = 3;
            for (AttributeValue element : l.value()) {
                size += 1 + ofValue(element);
            }
            return size;
        }
        if (v instanceof AttributeValue.SS ss) {
            return ss.value().stream().mapToLong(ItemSize::utf8Length).sum();
        }
        if (v instanceof AttributeValue.NS ns) {
            return ns.value().stream().mapToLong(ItemSize::numberSize).sum();
        }
        if (v instanceof AttributeValue.BS bs) {
            return bs.value().stream().mapToLong(Binary::length).sum();
        }
        throw new IllegalArgumentException("unknown attribute value " + v);
    }

    private static long numberSize(String canonical) {
        return (Numbers.significantDigits(canonical) + 1) / 2 + 1;
    }

    /** UTF-8 length without allocating the encoded bytes. */
    public static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

}
