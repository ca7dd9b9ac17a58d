package dev.dynalog.core.encoding;

import dev.dynalog.core.model.AttributeType;
import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.model.Binary;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * dynalog's binary form of an item, used for RocksDB values and inside commands.
 *
 * <pre>
 * item   := version(1 byte = 1) count(varint) (name value)*
 * name   := length(varint) utf8-bytes
 * value  := type(1 byte, AttributeType code) body
 * body   := S, N: length(varint) utf8-bytes (N holds the canonical number text)
 *           B: length(varint) bytes
 *           BOOL: 0 or 1;  NULL: nothing
 *           M: count(varint) (name value)*;  L: count(varint) value*
 *           SS, NS, BS: count(varint) (length(varint) bytes)*
 * </pre>
 * Varints are unsigned LEB128. Attribute and set member order is kept.
 */
public final class ItemCodec {
    private static final int VERSION = 1;

    private ItemCodec() {
    }

    public static byte[] encode(Map<String, AttributeValue> item) {
        Writer w = new Writer(false);
        w.write(VERSION);
        w.map(item);
        return w.toByteArray();
    }

    /**
     * The encoding of the item with the attributes of every map, its own and nested ones, in name
     * order ({@link String#compareTo}): the same bytes whatever order the item's maps iterate in,
     * so a hash of them is a hash of the item's content.
     */
    public static byte[] encodeCanonical(Map<String, AttributeValue> item) {
        Writer w = new Writer(true);
        w.write(VERSION);
        w.map(item);
        return w.toByteArray();
    }

    public static Map<String, AttributeValue> decode(byte[] bytes) {
        Reader r = new Reader(bytes);
        int version = r.next();
        if (version != VERSION) {
            throw new IllegalArgumentException("unknown item encoding version " + version);
        }
        return r.map();
    }

    /**
     * Writes into a growable array of its own: the encoding writes a byte at a time (types,
     * varints), where ByteArrayOutputStream's synchronized writes cost more than the bytes.
     */
    private static final class Writer {
        private final boolean sortNames;
        private byte[] buf = new byte[256];
        private int size;

        Writer(boolean sortNames) {
            this.sortNames = sortNames;
        }

        void write(int b) {
            if (size == buf.length) {
                grow(1);
            }
            buf[size++] = (byte) b;
        }

        void write(byte[] b, int off, int len) {
            if (size + len > buf.length) {
                grow(len);
            }
            System.arraycopy(b, off, buf, size, len);
            size += len;
        }

        private void grow(int needed) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + needed));
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, size);
        }

        void varint(int v) {
            while ((v & ~0x7F) != 0) {
                write((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            write(v);
        }

        void bytes(byte[] b) {
            varint(b.length);
            write(b, 0, b.length);
        }

        void string(String s) {
            bytes(s.getBytes(StandardCharsets.UTF_8));
        }

        void map(Map<String, AttributeValue> m) {
            varint(m.size());
            if (sortNames && m.size() > 1) {
                String[] names = m.keySet().toArray(new String[0]);
                Arrays.sort(names);
                for (String name : names) {
                    string(name);
                    value(m.get(name));
                }
                return;
            }
            for (Map.Entry<String, AttributeValue> e : m.entrySet()) {
                string(e.getKey());
                value(e.getValue());
            }
        }

        void value(AttributeValue v) {
            write(v.type().code());
            if (v instanceof AttributeValue.S s) {
                string(s.value());
            } else if (v instanceof AttributeValue.N n) {
                string(n.value());
            } else if (v instanceof AttributeValue.B b) {
                bytes(b.value().unsafeArray());
            } else if (v instanceof AttributeValue.Bool b) {
                write(b.value() ? 1 : 0);
            } else if (v instanceof AttributeValue.M m) {
                map(m.value());
            } else if (v instanceof AttributeValue.L l) {
                varint(l.value().size());
                for (AttributeValue element : l.value()) {
                    value(element);
                }
            } else if (v instanceof AttributeValue.SS ss) {
                varint(ss.value().size());
                ss.value().forEach(this::string);
            } else if (v instanceof AttributeValue.NS ns) {
                varint(ns.value().size());
                ns.value().forEach(this::string);
            } else if (v instanceof AttributeValue.BS bs) {
                varint(bs.value().size());
                for (Binary b : bs.value()) {
                    bytes(b.unsafeArray());
                }
            }
        }
    }

    private static final class Reader {
        final byte[] in;
        int pos;

        Reader(byte[] in) {
            this.in = in;
        }

        int next() {
            return in[pos++] & 0xFF;
        }

        int varint() {
            int value = 0;
            for (int shift = 0; ; shift += 7) {
                int b = next();
                value |= (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
        }

        byte[] bytes() {
            int n = varint();
            byte[] b = new byte[n];
            System.arraycopy(in, pos, b, 0, n);
            pos += n;
            return b;
        }

        String string() {
            int n = varint();
            String s = new String(in, pos, n, StandardCharsets.UTF_8);
            pos += n;
            return s;
        }

        Map<String, AttributeValue> map() {
            int n = varint();
            Map<String, AttributeValue> m = new LinkedHashMap<>(Math.max(4, n * 2));
            for (int i = 0; i < n; i++) {
                String name = string();
                m.put(name, value());
            }
            return m;
        }

        AttributeValue value() {
            AttributeType type = AttributeType.ofCode(next());
            switch (type) {
                case S:
                    return new AttributeValue.S(string());
                case N:
                    return new AttributeValue.N(string());
                case B:
                    return new AttributeValue.B(Binary.wrap(bytes()));
                case BOOL:
                    return AttributeValue.Bool.of(next() == 1);
                case NULL:
                    return AttributeValue.Null.INSTANCE;
                case M:
                    return new AttributeValue.M(map());
                case L: {
                    int n = varint();
                    List<AttributeValue> l = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        l.add(value());
                    }
                    return new AttributeValue.L(l);
                }
                case SS:
                case NS: {
                    int n = varint();
                    List<String> members = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        members.add(string());
                    }
                    return type == AttributeType.SS ? new AttributeValue.SS(members) : new AttributeValue.NS(members);
                }
                case BS: {
                    int n = varint();
                    List<Binary> members = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        members.add(Binary.wrap(bytes()));
                    }
                    return new AttributeValue.BS(members);
                }
                default:
                    throw new IllegalArgumentException("unknown type " + type);
            }
        }
    }
}
