package dev.dynalog.core.partition;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ScanSegmentTest {

    private static byte[] key(int i) {
        return ("key-" + i).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void everyItemBelongsToExactlyOneSegmentAndItsPartitionIsOneTheSegmentReads() {
        for (int partitions : new int[] {1, 3, 4, 16}) {
            for (int total : new int[] {1, 2, 3, 4, 7, 16, 100}) {
                for (int i = 0; i < 2000; i++) {
                    byte[] key = key(i);
                    int owners = 0;
                    for (int s = 0; s < total; s++) {
                        ScanSegment segment = new ScanSegment(s, total);
                        if (segment.contains(key, partitions)) {
                            owners++;
                            int partition = Partitioner.partition(key, partitions);
                            assertThat(partition).isBetween(segment.firstPartition(partitions),
                                    segment.lastPartition(partitions));
                        }
                    }
                    assertThat(owners).as("owners of key %d with %d partitions, %d segments", i, partitions, total)
                            .isEqualTo(1);
                }
            }
        }
    }

    @Test
    void asManySegmentsAsPartitionsGivesEachSegmentOnePartition() {
        for (int s = 0; s < 4; s++) {
            ScanSegment segment = new ScanSegment(s, 4);
            assertThat(segment.firstPartition(4)).isEqualTo(s);
            assertThat(segment.lastPartition(4)).isEqualTo(s);
        }
    }

    @Test
    void segmentsSplitTheItemsRoughlyEvenly() {
        int[] counts = new int[8];
        for (int i = 0; i < 8000; i++) {
            for (int s = 0; s < 8; s++) {
                if (new ScanSegment(s, 8).contains(key(i), 4)) {
                    counts[s]++;
                }
            }
        }
        for (int c : counts) {
            assertThat(c).isBetween(800, 1200);
        }
    }
}
