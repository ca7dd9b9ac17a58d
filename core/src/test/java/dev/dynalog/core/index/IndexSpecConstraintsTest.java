package dev.dynalog.core.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Model constraints of the index lists, in DynamoDB's constraint-violation words. DynamoDB Local
 * 2.6.1 answers each with its own sentence instead (named in the comments).
 */
class IndexSpecConstraintsTest {
    private static final IndexSpec.ProjectionSpec ALL = new IndexSpec.ProjectionSpec("ALL", null);

    @Test
    void wellFormedIndexHasNoViolation() {
        assertThat(IndexSpecConstraints.violations("globalSecondaryIndexes",
                List.of(CreateTableIndexValidatorTest.index("byX", "x", null, ALL)))).isEmpty();
    }

    @Test
    void indexNameShorterThanThreeIsAViolation() {
        // Local: "Invalid table/index name.  Table/index names must be between 3 and 255 characters long, ..."
        assertThat(IndexSpecConstraints.violations("globalSecondaryIndexes",
                List.of(CreateTableIndexValidatorTest.index("ab", "x", null, ALL)))).containsExactly(
                "Value 'ab' at 'globalSecondaryIndexes.1.member.indexName' failed to satisfy constraint: "
                        + "Member must have length greater than or equal to 3");
    }

    @Test
    void indexNameWithOtherCharactersIsAViolation() {
        assertThat(IndexSpecConstraints.violations("localSecondaryIndexes",
                List.of(CreateTableIndexValidatorTest.index("okay", "pk", "x", ALL),
                        CreateTableIndexValidatorTest.index("ab!c", "pk", "x", ALL)))).containsExactly(
                "Value 'ab!c' at 'localSecondaryIndexes.2.member.indexName' failed to satisfy constraint: "
                        + "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
    }

    @Test
    void missingProjectionIsAViolation() {
        // Local: "Indexes must have a projection specified"
        assertThat(IndexSpecConstraints.violations("globalSecondaryIndexes",
                List.of(new IndexSpec("byX", CreateTableIndexValidatorTest.keys("x", null), null, null)))).containsExactly(
                "Value null at 'globalSecondaryIndexes.1.member.projection' failed to satisfy constraint: "
                        + "Member must not be null");
    }

    @Test
    void unknownProjectionTypeIsAViolation() {
        // Local: "Projection type must be INCLUDE, ALL, or KEYS_ONLY"
        assertThat(IndexSpecConstraints.violations("globalSecondaryIndexes", List.of(CreateTableIndexValidatorTest.index(
                "byX", "x", null, new IndexSpec.ProjectionSpec("FOO", null))))).containsExactly(
                "Value 'FOO' at 'globalSecondaryIndexes.1.member.projection.projectionType' failed to satisfy constraint: "
                        + "Member must satisfy enum value set: [ALL, INCLUDE, KEYS_ONLY]");
    }

    @Test
    void emptyNonKeyAttributesIsAViolation() {
        // Local: "If Projection type INCLUDE is specified, some non-key attributes ... must be specified as well"
        assertThat(IndexSpecConstraints.violations("globalSecondaryIndexes", List.of(CreateTableIndexValidatorTest.index(
                "byX", "x", null, new IndexSpec.ProjectionSpec("INCLUDE", List.of()))))).containsExactly(
                "Value '[]' at 'globalSecondaryIndexes.1.member.projection.nonKeyAttributes' failed to satisfy constraint: "
                        + "Member must have length greater than or equal to 1");
    }

    @Test
    void moreThanTwentyNonKeyAttributesInOneIndexIsAViolation() {
        List<String> names = java.util.stream.IntStream.range(0, 21).mapToObj(i -> "a" + i).toList();
        // DynamoDB Local accepts up to 100 in one index.
        assertThat(IndexSpecConstraints.violations("globalSecondaryIndexes", List.of(CreateTableIndexValidatorTest.index(
                "byX", "x", null, new IndexSpec.ProjectionSpec("INCLUDE", names))))).containsExactly(
                "Value '" + names + "' at 'globalSecondaryIndexes.1.member.projection.nonKeyAttributes' failed to satisfy "
                        + "constraint: Member must have length less than or equal to 20");
    }

    @Test
    void gsiCapacityBelowOneIsAViolation() {
        // Local: "Global Secondary Index's read and write throughput must be at least 1, and cannot be null"
        assertThat(IndexSpecConstraints.violations("globalSecondaryIndexes", List.of(new IndexSpec("byX",
                CreateTableIndexValidatorTest.keys("x", null), ALL, new IndexSpec.ThroughputSpec(0L, null))))).containsExactly(
                "Value '0' at 'globalSecondaryIndexes.1.member.provisionedThroughput.readCapacityUnits' failed to satisfy "
                        + "constraint: Member must have value greater than or equal to 1",
                "Value null at 'globalSecondaryIndexes.1.member.provisionedThroughput.writeCapacityUnits' failed to satisfy "
                        + "constraint: Member must not be null");
    }
}
