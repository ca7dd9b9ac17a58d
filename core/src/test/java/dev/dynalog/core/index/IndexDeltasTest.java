package dev.dynalog.core.index;

import static dev.dynalog.core.index.TestIndexes.GSI;
import static dev.dynalog.core.index.TestIndexes.TABLE;
import static dev.dynalog.core.index.TestIndexes.item;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dynalog.core.model.AttributeValue;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The per-index change of one base write (old item → new item). */
class IndexDeltasTest {
    private static final Map<String, AttributeValue> G1 = item("pk", "p", "sk", "s", "gk", "g", "gs", 1, "a", "x");

    @Test
    void insertingAnIndexedItemPutsItsEntry() {
        IndexDelta delta = IndexDeltas.of(GSI, TABLE, null, G1);

        assertThat(delta.removed()).isEmpty();
        assertThat(delta.put()).isEqualTo(IndexProjector.entry(GSI, TABLE, G1));
    }

    @Test
    void deletingAnIndexedItemRemovesItsEntry() {
        IndexDelta delta = IndexDeltas.of(GSI, TABLE, G1, null);

        assertThat(delta.removed()).isEqualTo(IndexProjector.entry(GSI, TABLE, G1));
        assertThat(delta.put()).isEmpty();
    }

    @Test
    void changingTheIndexKeyRemovesTheOldEntryAndPutsTheNew() {
        Map<String, AttributeValue> moved = item("pk", "p", "sk", "s", "gk", "h", "gs", 1, "a", "x");
        IndexDelta delta = IndexDeltas.of(GSI, TABLE, G1, moved);

        assertThat(delta.removed()).isEqualTo(IndexProjector.entry(GSI, TABLE, G1));
        assertThat(delta.put()).isEqualTo(IndexProjector.entry(GSI, TABLE, moved));
    }

    @Test
    void changingAProjectedAttributeOverwritesTheEntryInPlace() {
        Map<String, AttributeValue> changed = item("pk", "p", "sk", "s", "gk", "g", "gs", 1, "a", "y");
        IndexDelta delta = IndexDeltas.of(GSI, TABLE, G1, changed);

        assertThat(delta.removed()).isEmpty();
        assertThat(delta.put()).isEqualTo(IndexProjector.entry(GSI, TABLE, changed));
    }

    @Test
    void changingOnlyANonProjectedAttributeChangesNothing() {
        Map<String, AttributeValue> changed = item("pk", "p", "sk", "s", "gk", "g", "gs", 1, "a", "x", "c", "new");

        assertThat(IndexDeltas.of(GSI, TABLE, G1, changed).isEmpty()).isTrue();
    }

    @Test
    void removingAnIndexKeyAttributeTakesTheItemOutOfTheIndex() {
        Map<String, AttributeValue> unindexed = item("pk", "p", "sk", "s", "gk", "g", "a", "x");
        IndexDelta delta = IndexDeltas.of(GSI, TABLE, G1, unindexed);

        assertThat(delta.removed()).isPresent();
        assertThat(delta.put()).isEmpty();
    }

    @Test
    void writingAnItemThatIsInNeitherVersionChangesNothing() {
        assertThat(IndexDeltas.of(GSI, TABLE, item("pk", "p", "sk", "s"), item("pk", "p", "sk", "s", "a", "x")).isEmpty())
                .isTrue();
    }
}
