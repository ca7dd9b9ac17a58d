package dev.dynalog.core.expression;

import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.model.Binary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Short constructors of attribute values for the expression tests. */
final class Values {
    private Values() {
    }

    static AttributeValue s(String v) {
        return new AttributeValue.S(v);
    }

    static AttributeValue n(String v) {
        return new AttributeValue.N(v);
    }

    static AttributeValue b(int... bytes) {
        byte[] raw = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            raw[i] = (byte) bytes[i];
        }
        return new AttributeValue.B(Binary.wrap(raw));
    }

    static AttributeValue l(AttributeValue... values) {
        return new AttributeValue.L(List.of(values));
    }

    static AttributeValue m(Object... keysAndValues) {
        Map<String, AttributeValue> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], (AttributeValue) keysAndValues[i + 1]);
        }
        return new AttributeValue.M(map);
    }

    static Map<String, AttributeValue> item(Object... keysAndValues) {
        return ((AttributeValue.M) m(keysAndValues)).value();
    }
}
