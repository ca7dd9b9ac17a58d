package dev.dynalog.core.index;

import static dev.dynalog.core.index.TestIndexes.BOTH;
import static dev.dynalog.core.index.TestIndexes.item;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynalog.core.model.AttributeValue;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Writes whose index key attributes DynamoDB rejects; each case sent to DynamoDB Local 2.6.1. */
class IndexKeyValidatorTest {

    @Test
    void itemWithoutIndexKeyAttributesIsAccepted() {
        assertThatCode(() -> IndexKeyValidator.validatePut(BOTH, item("pk", "p", "sk", "s", "a", 1))).doesNotThrowAnyException();
    }

    @Test
    void itemWithOnlyPartOfAGsiKeyIsAccepted() {
        assertThatCode(() -> IndexKeyValidator.validatePut(BOTH, item("pk", "p", "sk", "s", "gk", "g"))).doesNotThrowAnyException();
    }

    @Test
    void gsiKeyOfAnotherTypeIsRejected() {
        // Local: "One or more parameter values were invalid: Type mismatch for Index Key"
        assertThatThrownBy(() -> IndexKeyValidator.validatePut(BOTH, item("pk", "p", "sk", "s", "gk", 1)))
                .hasMessage("One or more parameter values were invalid: Type mismatch for Index Key gk Expected: S Actual: N "
                        + "IndexName: gsi1");
    }

    @Test
    void gsiKeyOfADocumentTypeIsRejectedAsATypeMismatch() {
        // Local: "Invalid attribute value type"
        assertThatThrownBy(() -> IndexKeyValidator.validatePut(BOTH,
                item("pk", "p", "sk", "s", "gk", new AttributeValue.L(List.of()))))
                .hasMessage("One or more parameter values were invalid: Type mismatch for Index Key gk Expected: S Actual: L "
                        + "IndexName: gsi1");
    }

    @Test
    void emptyStringGsiKeyIsRejected() {
        assertThatThrownBy(() -> IndexKeyValidator.validatePut(BOTH, item("pk", "p", "sk", "s", "gk", "")))
                .hasMessage("One or more parameter values are not valid. A value specified for a secondary index key is not "
                        + "supported. The AttributeValue for a key attribute cannot contain an empty string value. "
                        + "IndexName: gsi1, IndexKey: gk");
    }

    @Test
    void emptyBinaryLsiKeyIsRejected() {
        assertThatThrownBy(() -> IndexKeyValidator.validatePut(BOTH, item("pk", "p", "sk", "s", "lk", new byte[0])))
                .hasMessage("One or more parameter values are not valid. A value specified for a secondary index key is not "
                        + "supported. The AttributeValue for a key attribute cannot contain an empty binary value. "
                        + "IndexName: lsi1, IndexKey: lk");
    }

    @Test
    void localIndexesAreCheckedBeforeGlobalOnes() {
        assertThatThrownBy(() -> IndexKeyValidator.validatePut(BOTH,
                item("pk", "p", "sk", "s", "gk", "", "lk", new byte[0])))
                .hasMessageEndingWith("IndexName: lsi1, IndexKey: lk");
    }

    @Test
    void lsiSortKeyOver1024BytesIsRejected() {
        assertThatThrownBy(() -> IndexKeyValidator.validatePut(BOTH, item("pk", "p", "sk", "s", "lk", new byte[1025])))
                .hasMessage("One or more parameter values were invalid: Size limit exceeded");
    }

    @Test
    void gsiPartitionKeyOver2048BytesIsRejected() {
        assertThatThrownBy(() -> IndexKeyValidator.validatePut(BOTH, item("pk", "p", "sk", "s", "gk", "x".repeat(2049))))
                .hasMessage("One or more parameter values were invalid: Size limit exceeded");
    }

    @Test
    void gsiPartitionKeyOf2048BytesIsAccepted() {
        assertThatCode(() -> IndexKeyValidator.validatePut(BOTH, item("pk", "p", "sk", "s", "gk", "x".repeat(2048))))
                .doesNotThrowAnyException();
    }

    @Test
    void updateSettingAnEmptyIndexKeyIsRejectedWithTheUpdateWording() {
        assertThatThrownBy(() -> IndexKeyValidator.validateUpdate(BOTH, item("pk", "p", "sk", "s", "gk", ""), Set.of("gk")))
                .hasMessage("One or more parameter values are not valid. The update expression attempted to update a "
                        + "secondary index key to a value that is not supported. The AttributeValue for a key attribute "
                        + "cannot contain an empty string value.");
    }

    @Test
    void updateSettingAnIndexKeyOfAnotherTypeIsRejected() {
        // DynamoDB Local accepts this update; DynamoDB rejects it (dynalite's recorded tests).
        assertThatThrownBy(() -> IndexKeyValidator.validateUpdate(BOTH, item("pk", "p", "sk", "s", "gk", 1), Set.of("gk")))
                .hasMessage("One or more parameter values were invalid: Type mismatch for Index Key gk Expected: S Actual: N "
                        + "IndexName: gsi1");
    }

    @Test
    void updateLeavingAnOldInvalidIndexKeyAloneIsAccepted() {
        Map<String, AttributeValue> newItem = item("pk", "p", "sk", "s", "gk", 1, "a", "x");
        assertThatCode(() -> IndexKeyValidator.validateUpdate(BOTH, newItem, Set.of("a"))).doesNotThrowAnyException();
    }
}
