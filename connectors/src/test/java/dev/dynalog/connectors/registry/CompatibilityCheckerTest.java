package dev.dynalog.connectors.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynalog.schemas.registry.CompatibilityLevel;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The compatibility levels as Confluent documents them, decided by Avro's schema resolution:
 * BACKWARD, the new schema reads old data; FORWARD, old schemas read new data; FULL, both;
 * TRANSITIVE, against every earlier version instead of only the latest.
 */
class CompatibilityCheckerTest {
    static final Schema ID_ONLY = SchemaBuilder.record("Order").fields().requiredString("id").endRecord();
    static final Schema ID_AND_QTY_WITH_DEFAULT = SchemaBuilder.record("Order").fields()
            .requiredString("id").name("qty").type().intType().intDefault(1).endRecord();
    static final Schema ID_AND_QTY_REQUIRED = SchemaBuilder.record("Order").fields()
            .requiredString("id").requiredInt("qty").endRecord();
    static final Schema ID_AS_INT = SchemaBuilder.record("Order").fields().requiredInt("id").endRecord();

    static boolean compatible(Schema candidate, List<Schema> earlier, CompatibilityLevel level) {
        return CompatibilityChecker.incompatibilities(candidate, earlier, level).isEmpty();
    }

    @Test
    void addingAFieldWithADefaultIsFullyCompatible() {
        assertThat(compatible(ID_AND_QTY_WITH_DEFAULT, List.of(ID_ONLY), CompatibilityLevel.FULL)).isTrue();
    }

    @Test
    void addingAFieldWithoutADefaultIsForwardButNotBackwardCompatible() {
        assertThat(compatible(ID_AND_QTY_REQUIRED, List.of(ID_ONLY), CompatibilityLevel.BACKWARD)).isFalse();
        assertThat(compatible(ID_AND_QTY_REQUIRED, List.of(ID_ONLY), CompatibilityLevel.FORWARD)).isTrue();
        assertThat(compatible(ID_AND_QTY_REQUIRED, List.of(ID_ONLY), CompatibilityLevel.FULL)).isFalse();
    }

    @Test
    void removingAFieldWithoutADefaultIsBackwardButNotForwardCompatible() {
        assertThat(compatible(ID_ONLY, List.of(ID_AND_QTY_REQUIRED), CompatibilityLevel.BACKWARD)).isTrue();
        assertThat(compatible(ID_ONLY, List.of(ID_AND_QTY_REQUIRED), CompatibilityLevel.FORWARD)).isFalse();
    }

    @Test
    void plainLevelsCompareWithTheLatestVersionOnlyTransitiveOnesWithAll() {
        // v3 reads v2's data (qty is there) but not v1's (qty is missing and has no default).
        List<Schema> earlier = List.of(ID_ONLY, ID_AND_QTY_WITH_DEFAULT);

        assertThat(compatible(ID_AND_QTY_REQUIRED, earlier, CompatibilityLevel.BACKWARD)).isTrue();
        assertThat(compatible(ID_AND_QTY_REQUIRED, earlier, CompatibilityLevel.BACKWARD_TRANSITIVE)).isFalse();
        assertThat(compatible(ID_AND_QTY_REQUIRED, earlier, CompatibilityLevel.FULL)).isTrue();
        assertThat(compatible(ID_AND_QTY_REQUIRED, earlier, CompatibilityLevel.FULL_TRANSITIVE)).isFalse();
    }

    @Test
    void forwardTransitiveNeedsEveryEarlierSchemaToReadTheNewData() {
        // v1 needs qty; v2 gave it a default; v3 drops it: v2 reads v3's data, v1 cannot.
        List<Schema> earlier = List.of(ID_AND_QTY_REQUIRED, ID_AND_QTY_WITH_DEFAULT);

        assertThat(compatible(ID_ONLY, earlier, CompatibilityLevel.FORWARD)).isTrue();
        assertThat(compatible(ID_ONLY, earlier, CompatibilityLevel.FORWARD_TRANSITIVE)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = CompatibilityLevel.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void changingAFieldsTypeIsIncompatibleUnderEveryCheckingLevel(CompatibilityLevel level) {
        assertThat(compatible(ID_AS_INT, List.of(ID_ONLY), level)).isFalse();
    }

    @Test
    void noneAcceptsAnything() {
        assertThat(compatible(ID_AS_INT, List.of(ID_ONLY), CompatibilityLevel.NONE)).isTrue();
    }

    @Test
    void theFirstVersionIsCompatibleUnderEveryLevel() {
        for (CompatibilityLevel level : CompatibilityLevel.values()) {
            assertThat(compatible(ID_AS_INT, List.of(), level)).as(level.name()).isTrue();
        }
    }

    @Test
    void incompatibilitiesSayWhatAndWhere() {
        List<String> problems = CompatibilityChecker.incompatibilities(ID_AND_QTY_REQUIRED, List.of(ID_ONLY),
                CompatibilityLevel.BACKWARD);

        assertThat(problems).singleElement().asString().contains("READER_FIELD_MISSING_DEFAULT_VALUE").contains("qty");
    }
}
