package dev.dynalog.core.index;

import dev.dynalog.core.model.AttributeType;
import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.model.Binary;
import dev.dynalog.core.model.KeyAttribute;
import dev.dynalog.core.model.KeySchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The table of these specs: key (pk S, sk S), an LSI on lk (B) and a GSI on (gk S, gs N). */
final class TestIndexes {
    static final KeySchema TABLE = KeySchema.of(new KeyAttribute("pk", AttributeType.S), new KeyAttribute("sk", AttributeType.S));
    static final SecondaryIndex LSI = new SecondaryIndex("lsi1", "01".repeat(16), IndexKind.LOCAL,
            KeySchema.of(new KeyAttribute("pk", AttributeType.S), new KeyAttribute("lk", AttributeType.B)),
            IndexProjection.keysOnly(), IndexStatus.ACTIVE, false, 0, 0);
    static final SecondaryIndex GSI = new SecondaryIndex("gsi1", "02".repeat(16), IndexKind.GLOBAL,
            KeySchema.of(new KeyAttribute("gk", AttributeType.S), new KeyAttribute("gs", AttributeType.N)),
            IndexProjection.include(List.of("a", "b")), IndexStatus.ACTIVE, false, 0, 0);
    static final SecondaryIndexes BOTH = new SecondaryIndexes(List.of(LSI, GSI));

    private TestIndexes() {
    }

    static SecondaryIndex withProjection(SecondaryIndex index, IndexProjection projection) {
        return new SecondaryIndex(index.name(), index.indexId(), index.kind(), index.keySchema(), projection,
                index.status(), index.backfilling(), 0, 0);
    }

    /** An item from name/value pairs; values: String → S, Integer → N, byte[] → B, AttributeValue as is. */
    static Map<String, AttributeValue> item(Object... pairs) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            item.put((String) pairs[i], value(pairs[i + 1]));
        }
        return item;
    }

    static AttributeValue value(Object v) {
        if (v instanceof String s) {
            return new AttributeValue.S(s);
        }
        if (v instanceof Integer n) {
            return new AttributeValue.N(n.toString());
        }
        if (v instanceof byte[] b) {
            return new AttributeValue.B(Binary.copyOf(b));
        }
        return (AttributeValue) v;
    }
}
