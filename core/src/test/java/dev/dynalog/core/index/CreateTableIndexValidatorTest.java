package dev.dynalog.core.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynalog.core.error.DynamoDbException;
import dev.dynalog.core.model.AttributeType;
import dev.dynalog.core.model.BillingMode;
import dev.dynalog.core.model.KeyAttribute;
import dev.dynalog.core.model.KeySchema;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/**
 * CreateTable's rules for LocalSecondaryIndexes and GlobalSecondaryIndexes. Every case was sent
 * to DynamoDB Local 2.6.1; where its message differs from DynamoDB's, the test expects DynamoDB's
 * (as quoted from the service by dynalite's recorded tests and public error reports) and names
 * Local's in a comment.
 */
class CreateTableIndexValidatorTest {
    private static final KeySchema PK_SK = KeySchema.of(s("pk"), s("sk"));
    private static final KeySchema PK_ONLY = KeySchema.of(s("pk"));
    private static final IndexSpec.ProjectionSpec ALL = new IndexSpec.ProjectionSpec("ALL", null);
    private static final IndexSpec.ThroughputSpec ONE = new IndexSpec.ThroughputSpec(1L, 1L);

    @Test
    void tableWithIndexesGetsTheirDefinitionsLocalFirstInRequestOrder() {
        SecondaryIndexes indexes = validate(PK_SK, defs("pk", "sk", "x", "y"), BillingMode.PAY_PER_REQUEST,
                List.of(index("byX", "pk", "x", ALL)),
                List.of(index("byY", "y", null, new IndexSpec.ProjectionSpec("INCLUDE", List.of("a", "b")))));

        assertThat(indexes.all()).extracting(SecondaryIndex::name).containsExactly("byX", "byY");
        SecondaryIndex gsi = indexes.named("byY").orElseThrow();
        assertThat(gsi.kind()).isEqualTo(IndexKind.GLOBAL);
        assertThat(gsi.keySchema()).isEqualTo(KeySchema.of(s("y")));
        assertThat(gsi.projection()).isEqualTo(IndexProjection.include(List.of("a", "b")));
        assertThat(gsi.status()).isEqualTo(IndexStatus.ACTIVE);
        assertThat(indexes.named("byX").orElseThrow().indexId()).isNotEqualTo(gsi.indexId());
    }

    @Test
    void provisionedGsiKeepsItsThroughput() {
        SecondaryIndexes indexes = validate(PK_SK, defs("pk", "sk", "x"), BillingMode.PROVISIONED, null,
                List.of(new IndexSpec("byX", keys("x", null), ALL, new IndexSpec.ThroughputSpec(3L, 4L))));

        assertThat(indexes.all().get(0).readCapacityUnits()).isEqualTo(3);
        assertThat(indexes.all().get(0).writeCapacityUnits()).isEqualTo(4);
    }

    @Test
    void lsiMayUseTheTablesSortKeyAsItsOwn() {
        assertThat(validate(PK_SK, defs("pk", "sk"), BillingMode.PAY_PER_REQUEST,
                List.of(index("same", "pk", "sk", ALL)), null).all()).hasSize(1);
    }

    @Test
    void tableWithoutIndexesMustUseEveryDefinition() {
        // Local: "The number of attributes in key schema must match the number of attributes defined in attribute definitions."
        rejects(PK_SK, defs("pk", "sk", "x"), null, null,
                "One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match number "
                        + "of attributes defined in AttributeDefinitions");
    }

    @Test
    void definitionUsedByNoKeySchemaIsRejectedWhenTheTableHasIndexes() {
        // Local: "The number of attributes in key schema must match the number of attributes defined in attribute definitions."
        rejects(PK_SK, defs("pk", "sk", "x", "unused"), null, List.of(index("byX", "x", null, ALL)),
                "One or more parameter values were invalid: Some AttributeDefinitions are not used. AttributeDefinitions: "
                        + "[pk, sk, x, unused], keys used: [sk, x, pk]");
    }

    @Test
    void emptyLsiListIsRejected() {
        // Local accepts an empty LocalSecondaryIndexes list.
        rejects(PK_SK, defs("pk", "sk"), List.of(), null,
                "One or more parameter values were invalid: List of LocalSecondaryIndexes is empty");
    }

    @Test
    void emptyGsiListIsRejected() {
        // Local: "GSI list is empty/invalid"
        rejects(PK_SK, defs("pk", "sk"), null, List.of(),
                "One or more parameter values were invalid: List of GlobalSecondaryIndexes is empty");
    }

    @Test
    void lsiNeedsATableWithASortKey() {
        // Local: "Local Secondary indices are not allowed on hash tables, only hash and range tables"
        rejects(PK_ONLY, defs("pk", "x"), List.of(index("byX", "pk", "x", ALL)), null,
                "One or more parameter values were invalid: Table KeySchema does not have a range key, which is required "
                        + "when specifying a LocalSecondaryIndex");
    }

    @Test
    void lsiKeyAttributesMustBeDefined() {
        // Local: "Local Secondary Index range key not specified in Attribute Definitions.Type unknown."
        rejects(PK_SK, defs("pk", "sk"), List.of(index("byY", "pk", "y", ALL)), null,
                "One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. "
                        + "Keys: [pk, y], AttributeDefinitions: [pk, sk]");
    }

    @Test
    void lsiMustHaveASortKey() {
        // Local: "Local secondary indices must have a range key"
        rejects(PK_SK, defs("pk", "sk"), List.of(index("byPk", "pk", null, ALL)), null,
                "One or more parameter values were invalid: Index KeySchema does not have a range key for index: byPk");
    }

    @Test
    void lsiMustShareTheTablesPartitionKey() {
        // Local: "Local Secondary indices must have the same hash key as the main table"
        rejects(PK_SK, defs("pk", "sk", "x"), List.of(index("byX", "x", "sk", ALL)), null,
                "One or more parameter values were invalid: Index KeySchema does not have the same leading hash key as table "
                        + "KeySchema for index: byX. index hash key: x, table hash key: pk");
    }

    @Test
    void moreThanFiveLsisAreRejected() {
        List<String> names = new ArrayList<>(List.of("pk", "sk"));
        List<IndexSpec> lsis = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            names.add("a" + i);
            lsis.add(index("lsi" + i, "pk", "a" + i, ALL));
        }
        // Local: "Cannot have more than 5 local secondary indexes per table"
        rejects(PK_SK, defs(names.toArray(String[]::new)), lsis, null,
                "One or more parameter values were invalid: Number of LocalSecondaryIndexes exceeds per-table limit of 5");
    }

    @Test
    void moreThanTwentyGsisAreRejected() {
        List<String> names = new ArrayList<>(List.of("pk"));
        List<IndexSpec> gsis = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            names.add("a" + i);
            gsis.add(index("gsi" + i, "a" + i, null, ALL));
        }
        // Local: "GlobalSecondaryIndex count exceeds the per-table limit"
        rejects(PK_ONLY, defs(names.toArray(String[]::new)), null, gsis,
                "One or more parameter values were invalid: GlobalSecondaryIndex count exceeds the per-table limit of 20");
    }

    @Test
    void twentyGsisAreAccepted() {
        List<String> names = new ArrayList<>(List.of("pk"));
        List<IndexSpec> gsis = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            names.add("a" + i);
            gsis.add(index("gsi" + i, "a" + i, null, ALL));
        }
        assertThat(validate(PK_ONLY, defs(names.toArray(String[]::new)), BillingMode.PAY_PER_REQUEST, null, gsis).all())
                .hasSize(20);
    }

    @Test
    void gsiKeyAttributesMustBeDefined() {
        // Local: "Global Secondary Index hash key not specified in Attribute Definitions.Type unknown."
        rejects(PK_SK, defs("pk", "sk"), null, List.of(index("byX", "x", "sk", ALL)),
                "One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. "
                        + "Keys: [x, sk], AttributeDefinitions: [pk, sk]");
    }

    @Test
    void gsiKeyMustNotNameOneAttributeTwice() {
        // Local: "Two keys can not have the same name"
        rejects(PK_SK, defs("pk", "sk", "x"), null, List.of(index("byX", "x", "x", ALL)),
                "Both the Hash Key and the Range Key element in the KeySchema have the same name");
    }

    @Test
    void gsiKeyMustStartWithItsHashKey() {
        IndexSpec spec = new IndexSpec("byX", List.of(new IndexSpec.KeyElement("x", "RANGE")), ALL, null);
        // Local: "No Hash Key specified in schema.  All Dynamo DB tables must have exactly one hash key"
        rejects(PK_SK, defs("pk", "sk", "x"), null, List.of(spec),
                "Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
    }

    @Test
    void gsiKeySecondElementMustBeItsRangeKey() {
        IndexSpec spec = new IndexSpec("byX", List.of(new IndexSpec.KeyElement("x", "HASH"),
                new IndexSpec.KeyElement("sk", "HASH")), ALL, null);
        // Local: "Too many hash keys specified.  All Dynamo DB tables must have exactly one hash key"
        rejects(PK_SK, defs("pk", "sk", "x"), null, List.of(spec),
                "Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
    }

    @Test
    void gsiKeyOfThreeAttributesIsRejectedWithLocalsWords() {
        IndexSpec spec = new IndexSpec("byX", List.of(new IndexSpec.KeyElement("x", "HASH"),
                new IndexSpec.KeyElement("sk", "RANGE"), new IndexSpec.KeyElement("pk", "RANGE")), ALL, null);
        rejects(PK_SK, defs("pk", "sk", "x"), null, List.of(spec),
                "Key Schema too big.  Key Schema must at most consist of the hash and range key of a table");
    }

    @Test
    void projectionNeedsAType() {
        // Local: "Indexes must have a projection specified"
        rejects(PK_SK, defs("pk", "sk", "x"), null, List.of(index("byX", "x", null, new IndexSpec.ProjectionSpec(null, null))),
                "One or more parameter values were invalid: Unknown ProjectionType: null");
    }

    @Test
    void includeProjectionNeedsNonKeyAttributes() {
        // Local: "If Projection type INCLUDE is specified, some non-key attributes to include in the projection must be specified as well"
        rejects(PK_SK, defs("pk", "sk", "x"), null,
                List.of(index("byX", "x", null, new IndexSpec.ProjectionSpec("INCLUDE", null))),
                "One or more parameter values were invalid: ProjectionType is INCLUDE, but NonKeyAttributes is not specified");
    }

    @Test
    void onlyIncludeProjectionNamesNonKeyAttributes() {
        // Local: "No attributes should be specified to be projected unless projection type is INCLUDE"
        rejects(PK_SK, defs("pk", "sk", "x"), null,
                List.of(index("byX", "x", null, new IndexSpec.ProjectionSpec("KEYS_ONLY", List.of("a")))),
                "One or more parameter values were invalid: ProjectionType is KEYS_ONLY, but NonKeyAttributes is specified");
    }

    @Test
    void nonKeyAttributeNamedTwiceIsRejected() {
        // Local: "Cannot have two attributes with the same name"
        rejects(PK_SK, defs("pk", "sk", "x"), null,
                List.of(index("byX", "x", null, new IndexSpec.ProjectionSpec("INCLUDE", List.of("a", "a")))),
                "One or more parameter values were invalid: Duplicate element in NonKeyAttributes: a");
    }

    @Test
    void nonKeyAttributesMayNameKeyAttributes() {
        // Local accepts this too.
        assertThat(validate(PK_SK, defs("pk", "sk", "x"), BillingMode.PAY_PER_REQUEST, null,
                List.of(index("byX", "x", null, new IndexSpec.ProjectionSpec("INCLUDE", List.of("pk", "x"))))).all())
                .hasSize(1);
    }

    @Test
    void aHundredProjectedAttributesAcrossIndexesAreAccepted() {
        assertThat(validate(PK_SK, defs("pk", "sk", "x", "y"), BillingMode.PAY_PER_REQUEST,
                List.of(index("byX", "pk", "x", include("a", 50))), List.of(index("byY", "y", null, include("a", 50)))).all())
                .hasSize(2);
    }

    @Test
    void moreThanAHundredProjectedAttributesAcrossIndexesAreRejected() {
        // Local counts the same way (the same attribute in two indexes counts twice) but says
        // "No more than 20 attributes per table can be projected into Local Secondary Indices".
        rejects(PK_SK, defs("pk", "sk", "x", "y"), List.of(index("byX", "pk", "x", include("a", 50))),
                List.of(index("byY", "y", null, include("a", 51))),
                "One or more parameter values were invalid: Number of projected attributes in all indexes exceeds limit of 100");
    }

    @Test
    void provisionedTableNeedsThroughputForEachGsi() {
        // Local: "No provisioned throughput specified for the global secondary index"
        rejects(PK_SK, defs("pk", "sk", "x"), BillingMode.PROVISIONED, null, List.of(index("byX", "x", null, ALL)),
                "One or more parameter values were invalid: ProvisionedThroughput is not specified for index: byX");
    }

    @Test
    void onDemandTableRejectsThroughputForAGsi() {
        // DynamoDB Local accepts this request; DynamoDB rejects it.
        rejects(PK_SK, defs("pk", "sk", "x"), BillingMode.PAY_PER_REQUEST, null,
                List.of(new IndexSpec("byX", keys("x", null), ALL, ONE)),
                "One or more parameter values were invalid: ProvisionedThroughput should not be specified for index: byX "
                        + "when BillingMode is PAY_PER_REQUEST");
    }

    @Test
    void twoLsisWithOneNameAreRejected() {
        // Local: "Two local secondary indices have the same name"
        rejects(PK_SK, defs("pk", "sk", "x", "y"), List.of(index("idx", "pk", "x", ALL), index("idx", "pk", "y", ALL)), null,
                "One or more parameter values were invalid: Duplicate index name: idx");
    }

    @Test
    void twoGsisWithOneNameAreRejected() {
        // Local: "Two global secondary indices have the same name"
        rejects(PK_SK, defs("pk", "sk", "x", "y"), null, List.of(index("idx", "x", null, ALL), index("idx", "y", null, ALL)),
                "One or more parameter values were invalid: Duplicate index name: idx");
    }

    @Test
    void anLsiAndAGsiWithOneNameAreRejected() {
        // Local: "Local Secondary Indices AND Global Secondary Indices must have different names"
        rejects(PK_SK, defs("pk", "sk", "x", "y"), List.of(index("idx", "pk", "x", ALL)), List.of(index("idx", "y", null, ALL)),
                "One or more parameter values were invalid: Duplicate index name: idx");
    }

    @Test
    void aBrokenIndexIsReportedBeforeTheIndexCount() {
        List<String> names = new ArrayList<>(List.of("pk", "sk"));
        List<IndexSpec> lsis = new ArrayList<>();
        IntStream.range(0, 5).forEach(i -> {
            names.add("a" + i);
            lsis.add(index("lsi" + i, "pk", "a" + i, ALL));
        });
        lsis.add(index("broken", "pk", null, ALL));
        rejects(PK_SK, defs(names.toArray(String[]::new)), lsis, null,
                "One or more parameter values were invalid: Index KeySchema does not have a range key for index: broken");
    }

    @Test
    void localIndexesAreCheckedBeforeGlobalOnes() {
        rejects(PK_SK, defs("pk", "sk", "x"), List.of(index("byX", "x", "sk", ALL)), List.of(index("byY", "y", null, ALL)),
                "One or more parameter values were invalid: Index KeySchema does not have the same leading hash key as table "
                        + "KeySchema for index: byX. index hash key: x, table hash key: pk");
    }

    private static void rejects(KeySchema table, List<KeyAttribute> defs, List<IndexSpec> lsis, List<IndexSpec> gsis,
            String message) {
        rejects(table, defs, BillingMode.PAY_PER_REQUEST, lsis, gsis, message);
    }

    private static void rejects(KeySchema table, List<KeyAttribute> defs, BillingMode billing, List<IndexSpec> lsis,
            List<IndexSpec> gsis, String message) {
        AbstractThrowableAssert<?, ?> thrown = assertThatThrownBy(() -> validate(table, defs, billing, lsis, gsis))
                .isInstanceOf(DynamoDbException.class).hasMessage(message);
        thrown.extracting(e -> ((DynamoDbException) e).type()).isEqualTo("ValidationException");
    }

    private static SecondaryIndexes validate(KeySchema table, List<KeyAttribute> defs, BillingMode billing,
            List<IndexSpec> lsis, List<IndexSpec> gsis) {
        AtomicInteger ids = new AtomicInteger();
        return CreateTableIndexValidator.validate(table, defs, billing, lsis, gsis,
                () -> String.format("%032x", ids.incrementAndGet()));
    }

    static IndexSpec index(String name, String hash, String range, IndexSpec.ProjectionSpec projection) {
        return new IndexSpec(name, keys(hash, range), projection, null);
    }

    static List<IndexSpec.KeyElement> keys(String hash, String range) {
        return range == null ? List.of(new IndexSpec.KeyElement(hash, "HASH"))
                : List.of(new IndexSpec.KeyElement(hash, "HASH"), new IndexSpec.KeyElement(range, "RANGE"));
    }

    private static IndexSpec.ProjectionSpec include(String prefix, int count) {
        return new IndexSpec.ProjectionSpec("INCLUDE", IntStream.range(0, count).mapToObj(i -> prefix + i).toList());
    }

    private static List<KeyAttribute> defs(String... names) {
        return java.util.Arrays.stream(names).map(CreateTableIndexValidatorTest::s).toList();
    }

    private static KeyAttribute s(String name) {
        return new KeyAttribute(name, AttributeType.S);
    }
}
