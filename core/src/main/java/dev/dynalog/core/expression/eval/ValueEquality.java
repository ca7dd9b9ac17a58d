package dev.dynalog.core.expression.eval;

import dev.dynalog.core.model.AttributeValue;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * DynamoDB's equality of attribute values: same type and same value. Numbers are canonical, so
 * their texts compare; sets are equal as sets, whatever the order their members were given in;
 * lists and maps are equal element by element.
 */
public final class ValueEquality {
    private ValueEquality() {
    }

    public static boolean equal(AttributeValue a, AttributeValue b) {
        if (a.type() != b.type()) {
            return false;
        }
        if (a instanceof AttributeValue.SS x && b instanceof AttributeValue.SS y) {
            return sameMembers(x.value(), y.value());
        }
        if (a instanceof AttributeValue.NS x && b instanceof AttributeValue.NS y) {
            return sameMembers(x.value(), y.value());
        }
        if (a instanceof AttributeValue.BS x && b instanceof AttributeValue.BS y) {
            return sameMembers(x.value(), y.value());
        }
        if (a instanceof AttributeValue.L x && b instanceof AttributeValue.L y) {
            List<AttributeValue> l = x.value();
            List<AttributeValue> r = y.value();
            if (l.size() != r.size()) {
                return false;
            }
            for (int i = 0; i < l.size(); i++) {
                if (!equal(l.get(i), r.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof AttributeValue.M x && b instanceof AttributeValue.M y) {
            Map<String, AttributeValue> l = x.value();
            Map<String, AttributeValue> r = y.value();
            if (l.size() != r.size()) {
                return false;
            }
            for (Map.Entry<String, AttributeValue> e : l.entrySet()) {
                AttributeValue other = r.get(e.getKey());
                if (other == null || !equal(e.getValue(), other)) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    private static <T> boolean sameMembers(List<T> a, List<T> b) {
        // Set members are distinct, so equal sizes and containment mean equal sets.
        return a.size() == b.size() && new HashSet<>(a).containsAll(b);
    }
}
