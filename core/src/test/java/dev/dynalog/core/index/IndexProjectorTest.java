package dev.dynalog.core.index;

import static dev.dynalog.core.index.TestIndexes.GSI;
import static dev.dynalog.core.index.TestIndexes.LSI;
import static dev.dynalog.core.index.TestIndexes.TABLE;
import static dev.dynalog.core.index.TestIndexes.item;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What an index entry holds per projection type, and what an LSI read must fetch from the item. */
class IndexProjectorTest {

    @Test
    void keysOnlyEntryHoldsTableAndIndexKeys() {
        assertThat(IndexProjector.project(LSI, TABLE, item("pk", "p", "sk", "s", "lk", new byte[] {1}, "a", "x")))
                .isEqualTo(item("pk", "p", "sk", "s", "lk", new byte[] {1}));
    }

    @Test
    void includeEntryAddsTheNamedAttributesTheItemHas() {
        assertThat(IndexProjector.project(GSI, TABLE, item("pk", "p", "sk", "s", "gk", "g", "gs", 1, "a", "x", "c", "y")))
                .isEqualTo(item("pk", "p", "sk", "s", "gk", "g", "gs", 1, "a", "x"));
    }

    @Test
    void allEntryHoldsTheWholeItem() {
        SecondaryIndex all = TestIndexes.withProjection(GSI, IndexProjection.all());
        assertThat(IndexProjector.project(all, TABLE, item("pk", "p", "sk", "s", "gk", "g", "gs", 1, "c", "y")))
                .isEqualTo(item("pk", "p", "sk", "s", "gk", "g", "gs", 1, "c", "y"));
    }

    @Test
    void itemOutsideASparseIndexHasNoEntry() {
        assertThat(IndexProjector.entry(GSI, TABLE, item("pk", "p", "sk", "s", "a", "x"))).isEmpty();
    }

    @Test
    void entryIsRoutedByItsIndexPartitionKey() {
        assertThat(IndexProjector.entry(GSI, TABLE, item("pk", "p", "sk", "s", "gk", "g", "gs", 1)).orElseThrow()
                .partitionKey()).isEqualTo(TestIndexes.value("g"));
    }

    @Test
    void lsiReadOfANonProjectedAttributeNeedsTheBaseItem() {
        assertThat(IndexProjector.projectsAll(LSI, TABLE, List.of("pk", "lk", "a"))).isFalse();
    }

    @Test
    void readOfKeysAndIncludedAttributesIsServedByTheIndex() {
        assertThat(IndexProjector.projectsAll(GSI, TABLE, List.of("pk", "sk", "gk", "gs", "a", "b"))).isTrue();
    }
}
