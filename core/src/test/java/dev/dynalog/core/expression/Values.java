package dev.dynalog.core.expression;

import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.model.Binary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Short constructors of attribute values for the expression tests. */
public final class Values {
    private Values() {
    }

    public static AttributeValue s(String v) {
        return new AttributeValue.S(v);
    }

    public static AttributeValue n(String v) {
        return new AttributeValue.N(v);
    }

    public static AttributeValue b(int... bytes) {
        byte[] raw = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            raw[i] = (byte) bytes[i];
        }
        return new AttributeValue.B(Binary.wrap(raw));
    }

    public static AttributeValue l(AttributeValue... values) {
        return new AttributeValue.L(List.of(values));
    }

    public static AttributeValue m(Object... keysAndValues) {
        Map<String, AttributeValue> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], (AttributeValue) keysAndValues[i + 1]);
        }
        return new AttributeValue.M(map);
    }

    public static Map<String, AttributeValue> item(Object... keysAndValues) {
        return ((AttributeValue.M) m(keysAndValues)).value();
    }
}
