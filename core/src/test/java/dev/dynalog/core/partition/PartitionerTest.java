package dev.dynalog.core.partition;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynalog.core.encoding.KeyCodec;
import dev.dynalog.core.model.AttributeValue;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The partitioner is part of the stored format: these vectors must never change. */
class PartitionerTest {

    @Test
    void murmur3MatchesTheReferenceVectors() {
        assertThat(Partitioner.murmur3(new byte[0])).isEqualTo(0);
        assertThat(Partitioner.murmur3("hello".getBytes(StandardCharsets.UTF_8))).isEqualTo(0x248bfa47);
        assertThat(Partitioner.murmur3("The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(0x2e4ff723);
    }

    @Test
    void partitionsOfKnownKeysArePinned() {
        // Computed once; a change of hash or key encoding would move existing items.
        assertThat(partition("a", 4)).isEqualTo(0);
        assertThat(partition("b", 4)).isEqualTo(2);
        assertThat(partition("c", 4)).isEqualTo(0);
    }

    @Test
    void partitionsAreInRangeAndAllUsed() {
        boolean[] used = new boolean[8];
        for (int i = 0; i < 1000; i++) {
            int p = partition("key-" + i, 8);
            assertThat(p).isBetween(0, 7);
            used[p] = true;
        }
        assertThat(used).containsOnly(true);
    }

    private static int partition(String key, int n) {
        return Partitioner.partition(KeyCodec.encodeValue(new AttributeValue.S(key)), n);
    }
}
