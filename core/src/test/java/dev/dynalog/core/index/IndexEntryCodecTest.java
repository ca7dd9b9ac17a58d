package dev.dynalog.core.index;

import static dev.dynalog.core.index.TestIndexes.GSI;
import static dev.dynalog.core.index.TestIndexes.LSI;
import static dev.dynalog.core.index.TestIndexes.TABLE;
import static dev.dynalog.core.index.TestIndexes.item;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dynalog.core.model.AttributeValue;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The entry key layout: index key, then the base table key. */
class IndexEntryCodecTest {

    @Test
    void entryKeyDecodesToIndexKeyAndTableKey() {
        byte[] key = IndexEntryCodec.encodeKey(GSI, TABLE, item("pk", "p", "sk", "s", "gk", "g", "gs", -12, "a", "x"));

        IndexEntryCodec.DecodedKey decoded = IndexEntryCodec.decodeKey(GSI, TABLE, key);
        assertThat(decoded.indexKey()).isEqualTo(item("gk", "g", "gs", -12));
        assertThat(decoded.tableKey()).isEqualTo(item("pk", "p", "sk", "s"));
    }

    @Test
    void lsiEntryKeyRepeatsThePartitionKeyAndStillDecodes() {
        byte[] key = IndexEntryCodec.encodeKey(LSI, TABLE, item("pk", "p", "sk", "s", "lk", new byte[] {0, 1}));

        assertThat(IndexEntryCodec.decodeKey(LSI, TABLE, key).allKeyAttributes())
                .isEqualTo(item("pk", "p", "lk", new byte[] {0, 1}, "sk", "s"));
    }

    @Test
    void entriesSortByIndexSortKeyWithinAnIndexPartition() {
        byte[] nine = IndexEntryCodec.encodeKey(GSI, TABLE, item("pk", "a", "sk", "s", "gk", "g", "gs", 9));
        byte[] ten = IndexEntryCodec.encodeKey(GSI, TABLE, item("pk", "a", "sk", "s", "gk", "g", "gs", 10));

        assertThat(Arrays.compareUnsigned(nine, ten)).isNegative();
    }

    @Test
    void entriesSharingAnIndexKeyAreDistinctAndSortByTableKey() {
        List<byte[]> keys = List.of(
                IndexEntryCodec.encodeKey(GSI, TABLE, item("pk", "b", "sk", "1", "gk", "g", "gs", 1)),
                IndexEntryCodec.encodeKey(GSI, TABLE, item("pk", "a", "sk", "2", "gk", "g", "gs", 1)),
                IndexEntryCodec.encodeKey(GSI, TABLE, item("pk", "a", "sk", "1", "gk", "g", "gs", 1)));

        List<Map<String, AttributeValue>> order = keys.stream().sorted(Arrays::compareUnsigned)
                .map(k -> IndexEntryCodec.decodeKey(GSI, TABLE, k).tableKey()).toList();
        assertThat(order).containsExactly(item("pk", "a", "sk", "1"), item("pk", "a", "sk", "2"), item("pk", "b", "sk", "1"));
    }

    @Test
    void everyEntryOfAnIndexPartitionStartsWithItsPrefix() {
        byte[] key = IndexEntryCodec.encodeKey(GSI, TABLE, item("pk", "p", "sk", "s", "gk", "g", "gs", 1));
        byte[] prefix = IndexEntryCodec.partitionPrefix(TestIndexes.value("g"));

        assertThat(Arrays.copyOf(key, prefix.length)).isEqualTo(prefix);
    }
}
