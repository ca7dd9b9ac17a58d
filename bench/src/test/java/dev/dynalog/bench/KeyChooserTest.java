package dev.dynalog.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Key choosers stay in range; zipfian concentrates on a few hot keys. */
class KeyChooserTest {

    @Test
    void uniformCoversTheKeySpaceEvenly() {
        int[] hits = count(KeyChooser.of("uniform", 10), 100_000);
        for (int h : hits) {
            assertThat(h).isBetween(9_000, 11_000);
        }
    }

    @Test
    void zipfianSendsMostOperationsToFewKeys() {
        int[] hits = count(KeyChooser.of("zipfian", 1000), 100_000);
        int hottest = 0;
        for (int h : hits) {
            hottest = Math.max(hottest, h);
        }
        // rank 1 of a Zipf(0.99) law over 1000 keys takes roughly 1/H(1000) ≈ 13% of draws
        assertThat(hottest).isGreaterThan(10_000);
    }

    @Test
    void zipfianCanDrawEveryKeyEachRankHavingItsOwn() {
        for (long n : new long[] {300, 1000, 10_000, 65_536}) {
            KeyChooser.Zipfian zipfian = new KeyChooser.Zipfian(n, 0.99);
            java.util.Set<Long> keys = new java.util.HashSet<>();
            for (long rank = 0; rank < n; rank++) {
                keys.add(zipfian.key(rank));
            }
            assertThat(keys).as("keys of %d ranks", n).hasSize((int) n).allMatch(k -> k >= 0 && k < n);
        }
    }

    private static int[] count(KeyChooser chooser, int draws) {
        SplittableRandom random = new SplittableRandom(7);
        int n = chooser instanceof KeyChooser.Zipfian ? 1000 : 10;
        int[] hits = new int[n];
        for (int i = 0; i < draws; i++) {
            long k = chooser.next(random);
            assertThat(k).isBetween(0L, (long) n - 1);
            hits[(int) k]++;
        }
        return hits;
    }
}
