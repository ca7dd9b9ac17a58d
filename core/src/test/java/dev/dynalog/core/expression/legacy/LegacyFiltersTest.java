package dev.dynalog.core.expression.legacy;

import static dev.dynalog.core.expression.Values.b;
import static dev.dynalog.core.expression.Values.n;
import static dev.dynalog.core.expression.Values.s;
import static dev.dynalog.core.expression.legacy.Expressions.condition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynalog.core.expression.KeyCondition;
import dev.dynalog.core.expression.KeyConditions;
import dev.dynalog.core.expression.SortKeyCondition;
import dev.dynalog.core.expression.legacy.LegacyFilters.FilterCondition;
import dev.dynalog.core.expression.legacy.LegacyFilters.LegacyQuery;
import dev.dynalog.core.model.AttributeType;
import dev.dynalog.core.model.KeyAttribute;
import dev.dynalog.core.model.KeySchema;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** ScanFilter, QueryFilter and KeyConditions; messages from DynamoDB Local 2.6.1. */
class LegacyFiltersTest {
    private static final KeySchema TABLE = KeySchema.of(
            new KeyAttribute("pk", AttributeType.S), new KeyAttribute("sk", AttributeType.N));
    private static final KeySchema HASH_ONLY = KeySchema.of(new KeyAttribute("pk", AttributeType.S));
    private static final FilterCondition PK_EQ = FilterCondition.of("EQ", s("p"));

    static Map<String, FilterCondition> map(Object... namesAndConditions) {
        Map<String, FilterCondition> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndConditions.length; i += 2) {
            map.put((String) namesAndConditions[i], (FilterCondition) namesAndConditions[i + 1]);
        }
        return map;
    }

    private static KeyCondition keys(KeySchema schema, Object... namesAndConditions) {
        return KeyConditions.analyze(LegacyFilters.keyConditions(map(namesAndConditions), schema), schema);
    }

    private static void assertKeysRejected(String message, KeySchema schema, Object... namesAndConditions) {
        assertThatThrownBy(() -> keys(schema, namesAndConditions)).hasMessage(message);
    }

    // ---- ScanFilter ---------------------------------------------------------------------------

    @Test
    void scanFilterEntriesAreJoinedWithAndInRequestOrder() {
        assertThat(LegacyFilters.scanFilter(map("b", FilterCondition.of("GT", n("1")), "a", FilterCondition.of("NULL")), null))
                .contains(condition("b > :0 AND attribute_not_exists(a)", n("1")));
    }

    @Test
    void scanFilterWithOrIsJoinedWithOr() {
        assertThat(LegacyFilters.scanFilter(map("b", FilterCondition.of("GT", n("1")), "a", FilterCondition.of("NULL")), "OR"))
                .contains(condition("b > :0 OR attribute_not_exists(a)", n("1")));
    }

    @Test
    void scanFilterMayTestKeyAttributes() {
        assertThat(LegacyFilters.scanFilter(map("pk", FilterCondition.of("NOT_NULL")), null))
                .contains(condition("attribute_exists(pk)"));
    }

    @Test
    void emptyScanFilterFiltersNothing() {
        assertThat(LegacyFilters.scanFilter(Map.of(), null)).isEmpty();
    }

    @Test
    void conditionalOperatorNeedsTwoFilterEntries() {
        assertThatThrownBy(() -> LegacyFilters.scanFilter(map("a", FilterCondition.of("NULL")), "AND"))
                .hasMessage("ConditionalOperator can only be used when Filter or Expected has two or more elements");
        assertThatThrownBy(() -> LegacyFilters.scanFilter(null, "OR"))
                .hasMessage("ConditionalOperator cannot be used without Filter or Expected");
    }

    @Test
    void filterEntriesAreCheckedInRequestOrder() {
        assertThatThrownBy(() -> LegacyFilters.scanFilter(map("z", FilterCondition.of("LT", new dev.dynalog.core.model.AttributeValue.Bool(true)),
                "a", FilterCondition.of("EQ")), null))
                .hasMessage("One or more parameter values were invalid: ComparisonOperator LT is not valid for BOOL AttributeValue type");
    }

    /** DynamoDB Local answers "Comparison type does not exist in DynamoDB"; ComparisonOperator is required by the model. */
    @Test
    void missingComparisonOperatorIsAConstraintViolation() {
        assertThatThrownBy(() -> LegacyFilters.scanFilter(map("a", new FilterCondition(null, null),
                "b", FilterCondition.of("")), null))
                .hasMessage("2 validation errors detected: Value null at 'scanFilter.a.member.comparisonOperator' failed to "
                        + "satisfy constraint: Member must not be null; Value '' at 'scanFilter.b.member.comparisonOperator' "
                        + "failed to satisfy constraint: Member must satisfy enum value set: "
                        + "[IN, NULL, BETWEEN, LT, NOT_CONTAINS, EQ, GT, NOT_NULL, NE, LE, BEGINS_WITH, GE, CONTAINS]");
    }

    @Test
    void constraintViolationsAreListedForTheRequestHandler() {
        assertThat(LegacyFilters.constraintViolations(LegacyFilters.QUERY_FILTER, map("a", FilterCondition.of("XX"))))
                .containsExactly("Value 'XX' at 'queryFilter.a.member.comparisonOperator' failed to satisfy constraint: "
                        + "Member must satisfy enum value set: "
                        + "[IN, NULL, BETWEEN, LT, NOT_CONTAINS, EQ, GT, NOT_NULL, NE, LE, BEGINS_WITH, GE, CONTAINS]");
    }

    // ---- KeyConditions ------------------------------------------------------------------------

    @Test
    void keyConditionsAreTheKeyConditionExpressionTheyStandFor() {
        assertThat(LegacyFilters.keyConditions(map("sk", FilterCondition.of("BETWEEN", n("1"), n("5")), "pk", PK_EQ), TABLE))
                .isEqualTo(condition("pk = :0 AND sk BETWEEN :1 AND :2", s("p"), n("1"), n("5")));
    }

    @Test
    void equalityOnThePartitionKeyAlone() {
        assertThat(keys(TABLE, "pk", PK_EQ)).isEqualTo(new KeyCondition(s("p"), Optional.empty()));
    }

    @Test
    void sortKeyTakesComparisonsBetweenAndBeginsWith() {
        assertThat(keys(TABLE, "pk", PK_EQ, "sk", FilterCondition.of("LE", n("3"))).sortKey())
                .contains(SortKeyCondition.of(SortKeyCondition.Operator.LE, n("3")));
        KeySchema stringSort = KeySchema.of(new KeyAttribute("pk", AttributeType.S), new KeyAttribute("sk", AttributeType.S));
        assertThat(keys(stringSort, "pk", PK_EQ, "sk", FilterCondition.of("BEGINS_WITH", s("x"))).sortKey())
                .contains(SortKeyCondition.of(SortKeyCondition.Operator.BEGINS_WITH, s("x")));
    }

    @Test
    void oneOrTwoConditionsOnly() {
        assertKeysRejected("Conditions can be of length 1 or 2 only", TABLE);
        assertKeysRejected("Conditions can be of length 1 or 2 only", TABLE,
                "pk", FilterCondition.of("NULL"), "sk", PK_EQ, "zz", PK_EQ);
    }

    @Test
    void entriesAreCheckedBeforeTheirNumber() {
        assertKeysRejected("One or more parameter values were invalid: Invalid number of argument(s) for the EQ ComparisonOperator",
                TABLE, "a", FilterCondition.of("EQ"), "b", FilterCondition.of("NULL"), "c", FilterCondition.of("NULL"));
    }

    @Test
    void twoConditionsOnATableWithoutSortKeyAreNotSupported() {
        assertKeysRejected("Query key condition not supported", HASH_ONLY, "pk", PK_EQ, "sk", FilterCondition.of("NULL"));
    }

    @Test
    void partitionKeyMustBeConstrained() {
        assertKeysRejected("Query condition missed key schema element", TABLE, "sk", FilterCondition.of("EQ", n("1")));
        assertKeysRejected("Query condition missed key schema element", HASH_ONLY, "zz", FilterCondition.of("NULL"));
    }

    @Test
    void partitionKeyExistenceTestsAreRejected() {
        assertKeysRejected("Only scalar types can be used as Hash Key values", TABLE, "pk", FilterCondition.of("NOT_NULL"));
    }

    @Test
    void partitionKeyTakesOnlyEquality() {
        assertKeysRejected("Query key condition not supported", TABLE, "pk", FilterCondition.of("BEGINS_WITH", s("p")));
        assertKeysRejected("Query key condition not supported", TABLE, "pk", FilterCondition.of("IN", s("p"), s("q")));
        assertKeysRejected("Query key condition not supported", TABLE, "pk", FilterCondition.of("NE", s("p")));
    }

    @Test
    void partitionKeyIsCheckedBeforeTheOtherCondition() {
        assertKeysRejected("Query key condition not supported", TABLE,
                "zz", PK_EQ, "pk", FilterCondition.of("GT", s("a")));
        assertKeysRejected("One or more parameter values were invalid: Condition parameter type does not match schema type",
                TABLE, "sk", FilterCondition.of("IN", n("1")), "pk", FilterCondition.of("EQ", n("1")));
    }

    @Test
    void secondConditionMustBeOnTheSortKey() {
        assertKeysRejected("Query condition missed key schema element", TABLE, "pk", PK_EQ, "zz", FilterCondition.of("NULL"));
    }

    @Test
    void sortKeyExistenceTestsAreRejected() {
        assertKeysRejected("Only scalar types can be used as Range Key values", TABLE, "pk", PK_EQ, "sk", FilterCondition.of("NULL"));
    }

    /** DynamoDB Local fails NE on a sort key with an internal error; it is as unindexable as IN. */
    @Test
    void sortKeyRejectsOperatorsTheKeyOrderCannotServe() {
        for (String op : new String[] {"IN", "CONTAINS", "NOT_CONTAINS", "NE"}) {
            assertKeysRejected("Attempted conditional constraint is not an indexable operation", TABLE,
                    "pk", PK_EQ, "sk", FilterCondition.of(op, n("1")));
        }
    }

    @Test
    void valuesMustHaveTheKeyType() {
        assertKeysRejected("One or more parameter values were invalid: Condition parameter type does not match schema type",
                TABLE, "pk", PK_EQ, "sk", FilterCondition.of("BETWEEN", s("a"), s("b")));
        assertKeysRejected("One or more parameter values were invalid: Condition parameter type does not match schema type",
                TABLE, "pk", PK_EQ, "sk", FilterCondition.of("BEGINS_WITH", b(1)));
    }

    @Test
    void operatorTypeChecksComeFirst() {
        assertKeysRejected("One or more parameter values were invalid: ComparisonOperator BEGINS_WITH is not valid for N AttributeValue type",
                TABLE, "pk", PK_EQ, "sk", FilterCondition.of("BEGINS_WITH", n("1")));
        assertKeysRejected("The BETWEEN condition was provided a range where the lower bound is greater than the upper bound",
                TABLE, "pk", PK_EQ, "sk", FilterCondition.of("BETWEEN", n("2"), n("1")));
    }

    // ---- Query: KeyConditions with QueryFilter ------------------------------------------------

    @Test
    void queryFilterIsAFilterOnNonKeyAttributes() {
        LegacyQuery q = LegacyFilters.query(map("pk", PK_EQ), map("a", FilterCondition.of("CONTAINS", s("x")),
                "b", FilterCondition.of("NOT_NULL")), "OR", TABLE);
        assertThat(q.keyCondition()).isEqualTo(new KeyCondition(s("p"), Optional.empty()));
        assertThat(q.filter()).contains(condition("contains(a, :0) OR attribute_exists(b)", s("x")));
    }

    @Test
    void queryFilterMayNotTestKeyAttributes() {
        assertThatThrownBy(() -> LegacyFilters.query(map("pk", PK_EQ), map("sk", FilterCondition.of("EQ", n("1"))), null, TABLE))
                .hasMessage("QueryFilter can only contain non-primary key attributes: Primary key attribute: sk");
    }

    @Test
    void queryFilterEntriesAreCheckedBeforeTheKeyConditionsShape() {
        assertThatThrownBy(() -> LegacyFilters.query(map("zz", PK_EQ), map("a", FilterCondition.of("EQ")), null, TABLE))
                .hasMessage("One or more parameter values were invalid: Invalid number of argument(s) for the EQ ComparisonOperator");
    }

    @Test
    void keyConditionsShapeIsCheckedBeforeTheQueryFiltersKeys() {
        assertThatThrownBy(() -> LegacyFilters.query(map("zz", PK_EQ), map("sk", FilterCondition.of("EQ", n("1"))), null, TABLE))
                .hasMessage("Query condition missed key schema element");
    }

    @Test
    void conditionalOperatorWithoutQueryFilterIsRejected() {
        assertThatThrownBy(() -> LegacyFilters.query(map("pk", PK_EQ), null, "AND", TABLE))
                .hasMessage("ConditionalOperator cannot be used without Filter or Expected");
    }
}
