package dev.dynalog.core.index;

import static dev.dynalog.core.index.TestIndexes.GSI;
import static dev.dynalog.core.index.TestIndexes.LSI;
import static dev.dynalog.core.index.TestIndexes.TABLE;
import static dev.dynalog.core.index.TestIndexes.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynalog.core.model.AttributeType;
import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.model.KeyAttribute;
import dev.dynalog.core.model.KeySchema;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** LastEvaluatedKey and ExclusiveStartKey of index reads; each message as DynamoDB Local 2.6.1 answers. */
class IndexStartKeysTest {
    private static final Map<String, AttributeValue> GSI_START = item("gk", "g", "gs", 1, "pk", "p", "sk", "s");

    @Test
    void lastEvaluatedKeyHoldsIndexAndTableKeys() {
        assertThat(IndexStartKeys.lastEvaluatedKey(GSI, TABLE, item("pk", "p", "sk", "s", "gk", "g", "gs", 1, "a", "x")))
                .isEqualTo(GSI_START);
    }

    @Test
    void lastEvaluatedKeyNamesASharedAttributeOnce() {
        SecondaryIndex bySortKey = new SecondaryIndex("bysk", "03".repeat(16), IndexKind.GLOBAL,
                KeySchema.of(new KeyAttribute("sk", AttributeType.S), new KeyAttribute("pk", AttributeType.S)),
                IndexProjection.keysOnly(), IndexStatus.ACTIVE, false, 0, 0);
        assertThat(IndexStartKeys.lastEvaluatedKey(bySortKey, TABLE, item("pk", "a", "sk", "x")))
                .isEqualTo(item("sk", "x", "pk", "a"));
    }

    @Test
    void startKeyResumesAfterTheEntryItNames() {
        assertThat(IndexStartKeys.startEntryKey(GSI, TABLE, GSI_START))
                .isEqualTo(IndexEntryCodec.encodeKey(GSI, TABLE, GSI_START));
    }

    @Test
    void startKeyWithoutTheTableKeyIsRejected() {
        assertThatThrownBy(() -> IndexStartKeys.startEntryKey(GSI, TABLE, item("gk", "g", "gs", 1)))
                .hasMessage("Exclusive Start Key must have same size as table's key schema");
    }

    @Test
    void startKeyWithAnExtraAttributeIsRejected() {
        Map<String, AttributeValue> extra = item("gk", "g", "gs", 1, "pk", "p", "sk", "s", "a", "x");
        assertThatThrownBy(() -> IndexStartKeys.startEntryKey(GSI, TABLE, extra))
                .hasMessage("Exclusive Start Key must have same size as table's key schema");
    }

    @Test
    void startKeyWithAnotherAttributeInPlaceOfAKeyIsRejected() {
        assertThatThrownBy(() -> IndexStartKeys.startEntryKey(GSI, TABLE, item("gk", "g", "gs", 1, "pk", "p", "zz", "s")))
                .hasMessage("The provided starting key is invalid");
    }

    @Test
    void startKeyWithAKeyOfAnotherTypeIsRejected() {
        assertThatThrownBy(() -> IndexStartKeys.startEntryKey(GSI, TABLE, item("gk", "g", "gs", "1", "pk", "p", "sk", "s")))
                .hasMessage("Type mismatch for attribute to update");
    }

    @Test
    void gsiStartKeyWithAnEmptyIndexKeyIsRejected() {
        assertThatThrownBy(() -> IndexStartKeys.startEntryKey(GSI, TABLE, item("gk", "", "gs", 1, "pk", "p", "sk", "s")))
                .hasMessage("The query can return at most one row and cannot be restarted. The provided starting key is "
                        + "invalid: One or more parameter values are not valid. A value specified for a secondary index key "
                        + "is not supported. The AttributeValue for a key attribute cannot contain an empty string value. "
                        + "IndexName: gsi1, IndexKey: gk");
    }

    @Test
    void emptyTableKeyIsReportedBeforeAnEmptyIndexKey() {
        assertThatThrownBy(() -> IndexStartKeys.startEntryKey(GSI, TABLE, item("gk", "", "gs", 1, "pk", "", "sk", "s")))
                .hasMessage("The query can return at most one row and cannot be restarted. The provided starting key is "
                        + "invalid: One or more parameter values are not valid. The AttributeValue for a key attribute "
                        + "cannot contain an empty string value. Key: pk");
    }

    @Test
    void lsiStartKeyWithAnEmptyIndexKeyIsRejectedWithoutTheGsiPreamble() {
        assertThatThrownBy(() -> IndexStartKeys.startEntryKey(LSI, TABLE, item("pk", "p", "sk", "s", "lk", new byte[0])))
                .hasMessage("The provided starting key is invalid: One or more parameter values are not valid. A value "
                        + "specified for a secondary index key is not supported. The AttributeValue for a key attribute "
                        + "cannot contain an empty binary value. IndexName: lsi1, IndexKey: lk");
    }
}
