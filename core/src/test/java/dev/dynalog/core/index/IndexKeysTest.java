package dev.dynalog.core.index;

import static dev.dynalog.core.index.TestIndexes.GSI;
import static dev.dynalog.core.index.TestIndexes.LSI;
import static dev.dynalog.core.index.TestIndexes.item;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which items an index holds, under which key (sparse indexes). */
class IndexKeysTest {

    @Test
    void itemWithEveryIndexKeyAttributeIsIndexedUnderThem() {
        assertThat(IndexKeys.of(GSI.keySchema(), item("pk", "p", "sk", "s", "gk", "g", "gs", 7)))
                .contains(item("gk", "g", "gs", 7));
    }

    @Test
    void itemMissingTheIndexSortKeyIsNotIndexed() {
        assertThat(IndexKeys.of(GSI.keySchema(), item("pk", "p", "sk", "s", "gk", "g"))).isEmpty();
    }

    @Test
    void itemMissingTheLsiSortKeyIsNotIndexed() {
        assertThat(IndexKeys.of(LSI.keySchema(), item("pk", "p", "sk", "s"))).isEmpty();
    }

    @Test
    void itemWhoseIndexKeyHasAnotherTypeIsNotIndexed() {
        // such items predate the index (writes are rejected); a backfill leaves them out, as DynamoDB does
        assertThat(IndexKeys.of(GSI.keySchema(), item("pk", "p", "sk", "s", "gk", 1, "gs", 7))).isEmpty();
    }
}
