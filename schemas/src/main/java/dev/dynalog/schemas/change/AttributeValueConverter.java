package dev.dynalog.schemas.change;

import dev.dynalog.core.model.Binary;
import dev.dynalog.core.number.Numbers;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts between core's attribute values and their Avro form ({@link AttributeValue}, one
 * field per DynamoDB type). The conversion is exact both ways: number texts, byte strings, the
 * order of list and set members, and nesting are kept as they are.
 *
 * <p>Reading Avro checks what the schema cannot express: exactly one field is set, NULL is true,
 * sets are non-empty and numbers are canonical, so a record from a foreign or faulty writer is
 * rejected rather than turned into a value DynamoDB could never hold.
 */
public final class AttributeValueConverter {
    private AttributeValueConverter() {
    }

    /** The Avro form of an item (attribute name to value), keeping the attribute order. */
    public static Map<String, AttributeValue> toAvro(Map<String, dev.dynalog.core.model.AttributeValue> item) {
        Map<String, AttributeValue> out = new LinkedHashMap<>(capacity(item.size()));
        item.forEach((name, value) -> out.put(name, toAvro(value)));
        return out;
    }

    public static AttributeValue toAvro(dev.dynalog.core.model.AttributeValue value) {
        AttributeValue out = new AttributeValue();
        if (value instanceof dev.dynalog.core.model.AttributeValue.S s) {
            out.setS(s.value());
        } else if (value instanceof dev.dynalog.core.model.AttributeValue.N n) {
            out.setN(n.value());
        } else if (value instanceof dev.dynalog.core.model.AttributeValue.B b) {
            out.setB(bytes(b.value()));
        } else if (value instanceof dev.dynalog.core.model.AttributeValue.Bool b) {
            out.setBOOL(b.value());
        } else if (value instanceof dev.dynalog.core.model.AttributeValue.Null) {
            out.setNULL(true);
        } else if (value instanceof dev.dynalog.core.model.AttributeValue.M m) {
            out.setM(toAvro(m.value()));
        } else if (value instanceof dev.dynalog.core.model.AttributeValue.L l) {
            List<AttributeValue> members = new ArrayList<>(l.value().size());
            for (dev.dynalog.core.model.AttributeValue member : l.value()) {
                members.add(toAvro(member));
            }
            out.setL(members);
        } else if (value instanceof dev.dynalog.core.model.AttributeValue.SS ss) {
            out.setSS(new ArrayList<>(ss.value()));
        } else if (value instanceof dev.dynalog.core.model.AttributeValue.NS ns) {
            out.setNS(new ArrayList<>(ns.value()));
        } else if (value instanceof dev.dynalog.core.model.AttributeValue.BS bs) {
            List<ByteBuffer> members = new ArrayList<>(bs.value().size());
            for (Binary member : bs.value()) {
                members.add(bytes(member));
            }
            out.setBS(members);
        } else {
            throw new IllegalArgumentException("unknown attribute value type " + value.type());
        }
        return out;
    }

    /** An item from its Avro form. */
    public static Map<String, dev.dynalog.core.model.AttributeValue> fromAvro(Map<String, AttributeValue> item) {
        Map<String, dev.dynalog.core.model.AttributeValue> out = new LinkedHashMap<>(capacity(item.size()));
        item.forEach((name, value) -> out.put(name.toString(), fromAvro(value)));
        return out;
    }

    /**
     * A value from its Avro form.
     *
     * @throws IllegalArgumentException if the record is not a valid DynamoDB value
     */
    public static dev.dynalog.core.model.AttributeValue fromAvro(AttributeValue value) {
        dev.dynalog.core.model.AttributeValue result = null;
        int set = 0;
        if (value.getS() != null) {
            set++;
            result = new dev.dynalog.core.model.AttributeValue.S(value.getS());
        }
        if (value.getN() != null) {
            set++;
            result = new dev.dynalog.core.model.AttributeValue.N(canonicalNumber(value.getN()));
        }
        if (value.getB() != null) {
            set++;
            result = new dev.dynalog.core.model.AttributeValue.B(binary(value.getB()));
        }
        if (value.getBOOL() != null) {
            set++;
            result = dev.dynalog.core.model.AttributeValue.Bool.of(value.getBOOL());
        }
        if (value.getNULL() != null) {
            set++;
            if (!value.getNULL()) {
                throw new IllegalArgumentException("NULL must be true when set");
            }
            result = dev.dynalog.core.model.AttributeValue.Null.INSTANCE;
        }
        if (value.getM() != null) {
            set++;
            result = new dev.dynalog.core.model.AttributeValue.M(fromAvro(value.getM()));
        }
        if (value.getL() != null) {
            set++;
            List<dev.dynalog.core.model.AttributeValue> members = new ArrayList<>(value.getL().size());
            for (AttributeValue member : value.getL()) {
                members.add(fromAvro(member));
            }
            result = new dev.dynalog.core.model.AttributeValue.L(members);
        }
        if (value.getSS() != null) {
            set++;
            List<String> members = new ArrayList<>(value.getSS().size());
            for (CharSequence member : value.getSS()) {
                members.add(member.toString());
            }
            result = new dev.dynalog.core.model.AttributeValue.SS(distinctNonEmpty("SS", members));
        }
        if (value.getNS() != null) {
            set++;
            List<String> members = new ArrayList<>(value.getNS().size());
            for (CharSequence member : value.getNS()) {
                members.add(canonicalNumber(member.toString()));
            }
            result = new dev.dynalog.core.model.AttributeValue.NS(distinctNonEmpty("NS", members));
        }
        if (value.getBS() != null) {
            set++;
            List<Binary> members = new ArrayList<>(value.getBS().size());
            for (ByteBuffer member : value.getBS()) {
                members.add(binary(member));
            }
            result = new dev.dynalog.core.model.AttributeValue.BS(distinctNonEmpty("BS", members));
        }
        if (set != 1) {
            throw new IllegalArgumentException("an AttributeValue must have exactly one type field set, found " + set);
        }
        return result;
    }

    private static ByteBuffer bytes(Binary binary) {
        // A copy: the Avro record is mutable and may be handed to user code.
        return ByteBuffer.wrap(binary.toByteArray());
    }

    private static Binary binary(ByteBuffer buffer) {
        // Read through a duplicate so the record's buffer position stays where Avro left it.
        ByteBuffer view = buffer.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return Binary.wrap(bytes);
    }

    private static String canonicalNumber(String text) {
        String canonical;
        try {
            canonical = Numbers.canonical(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a DynamoDB number: " + text, e);
        }
        if (!canonical.equals(text)) {
            throw new IllegalArgumentException("number not in canonical form: " + text + " (expected " + canonical + ")");
        }
        return canonical;
    }

    private static <T> List<T> distinctNonEmpty(String type, List<T> members) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException(type + " must not be empty");
        }
        if (new HashSet<>(members).size() != members.size()) {
            throw new IllegalArgumentException(type + " must not contain duplicates");
        }
        return members;
    }

    private static int capacity(int size) {
        return (int) (size / 0.75f) + 1;
    }
}
