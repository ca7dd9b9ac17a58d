package dev.dynalog.core.expression.legacy;

import static dev.dynalog.core.expression.Values.b;
import static dev.dynalog.core.expression.Values.item;
import static dev.dynalog.core.expression.Values.l;
import static dev.dynalog.core.expression.Values.m;
import static dev.dynalog.core.expression.Values.n;
import static dev.dynalog.core.expression.Values.s;
import static dev.dynalog.core.expression.legacy.Expressions.condition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynalog.core.expression.ast.Condition;
import dev.dynalog.core.expression.eval.ConditionEvaluator;
import dev.dynalog.core.expression.legacy.LegacyFilters.FilterCondition;
import dev.dynalog.core.model.AttributeValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Each ComparisonOperator as the expression it equals, and DynamoDB's checks of its
 * AttributeValueList (shown through ScanFilter; Expected and QueryFilter share them). Messages and
 * results from DynamoDB Local 2.6.1.
 */
class ComparisonOperatorTest {
    private static final AttributeValue BOOL = new AttributeValue.Bool(true);
    private static final AttributeValue SS = new AttributeValue.SS(List.of("a"));

    private static Condition filter(String op, AttributeValue... values) {
        return LegacyFilters.scanFilter(Map.of("a", FilterCondition.of(op, values)), null).orElseThrow();
    }

    private static void assertRejected(String message, String op, AttributeValue... values) {
        assertThatThrownBy(() -> filter(op, values)).hasMessage(message);
    }

    @Test
    void eqIsEquals() {
        assertThat(filter("EQ", SS)).isEqualTo(condition("a = :0", SS));
    }

    @Test
    void neIsNotEqualsAndHoldsForAMissingAttribute() {
        assertThat(filter("NE", s("x"))).isEqualTo(condition("a <> :0", s("x")));
        assertThat(ConditionEvaluator.matches(filter("NE", s("x")), item())).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"LE, <=", "LT, <", "GE, >=", "GT, >"})
    void orderingOperatorsAreComparisons(String op, String comparator) {
        assertThat(filter(op, n("5"))).isEqualTo(condition("a " + comparator + " :0", n("5")));
    }

    @Test
    void notNullIsAttributeExists() {
        assertThat(filter("NOT_NULL")).isEqualTo(condition("attribute_exists(a)"));
    }

    @Test
    void nullIsAttributeNotExistsSoAnAttributeOfTypeNullIsNotNull() {
        assertThat(filter("NULL")).isEqualTo(condition("attribute_not_exists(a)"));
        assertThat(ConditionEvaluator.matches(filter("NULL"), item("a", AttributeValue.Null.INSTANCE))).isFalse();
    }

    @Test
    void containsIsTheContainsFunctionForStringsSetsAndLists() {
        assertThat(filter("CONTAINS", s("ell"))).isEqualTo(condition("contains(a, :0)", s("ell")));
        assertThat(ConditionEvaluator.matches(filter("CONTAINS", s("ell")), item("a", s("hello")))).isTrue();
        assertThat(ConditionEvaluator.matches(filter("CONTAINS", s("a")), item("a", SS))).isTrue();
        assertThat(ConditionEvaluator.matches(filter("CONTAINS", n("1")), item("a", l(s("x"), n("1"))))).isTrue();
    }

    @Test
    void notContainsRequiresTheAttributeToExist() {
        assertThat(filter("NOT_CONTAINS", s("x"))).isEqualTo(condition("attribute_exists(a) AND NOT contains(a, :0)", s("x")));
        assertThat(ConditionEvaluator.matches(filter("NOT_CONTAINS", s("x")), item())).isFalse();
        assertThat(ConditionEvaluator.matches(filter("NOT_CONTAINS", s("x")), item("a", n("5")))).isTrue();
        assertThat(ConditionEvaluator.matches(filter("NOT_CONTAINS", s("ell")), item("a", s("hello")))).isFalse();
    }

    @Test
    void beginsWithIsTheBeginsWithFunction() {
        assertThat(filter("BEGINS_WITH", b(1))).isEqualTo(condition("begins_with(a, :0)", b(1)));
    }

    @Test
    void inIsIn() {
        assertThat(filter("IN", s("x"), s("y"))).isEqualTo(condition("a IN (:0, :1)", s("x"), s("y")));
    }

    @Test
    void inWithMoreValuesThanAnExpressionAllowsIsSplitIntoOrs() {
        List<AttributeValue> values = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            values.add(n(Integer.toString(i)));
        }
        Condition c = filter("IN", values.toArray(AttributeValue[]::new));
        assertThat(c).isInstanceOf(Condition.Or.class);
        Condition.Or or = (Condition.Or) c;
        assertThat(((Condition.In) or.left()).candidates()).hasSize(100);
        assertThat(((Condition.In) or.right()).candidates()).hasSize(50);
        assertThat(ConditionEvaluator.matches(c, item("a", n("149")))).isTrue();
    }

    @Test
    void betweenIsBetween() {
        assertThat(filter("BETWEEN", n("1"), n("5"))).isEqualTo(condition("a BETWEEN :0 AND :1", n("1"), n("5")));
    }

    @ParameterizedTest
    @CsvSource({"EQ, 0", "EQ, 2", "NE, 0", "LE, 2", "LT, 0", "GE, 0", "GT, 2", "NOT_NULL, 1", "NULL, 1",
            "CONTAINS, 0", "NOT_CONTAINS, 2", "BEGINS_WITH, 0", "IN, 0", "BETWEEN, 1", "BETWEEN, 3"})
    void wrongNumberOfValuesIsRejected(String op, int count) {
        AttributeValue[] values = new AttributeValue[count];
        java.util.Arrays.fill(values, s("a"));
        assertRejected("One or more parameter values were invalid: Invalid number of argument(s) for the " + op
                + " ComparisonOperator", op, values);
    }

    @Test
    void missingAttributeValueListIsNoValues() {
        assertThatThrownBy(() -> LegacyFilters.scanFilter(Map.of("a", new FilterCondition("EQ", null)), null))
                .hasMessage("One or more parameter values were invalid: Invalid number of argument(s) for the EQ ComparisonOperator");
    }

    @ParameterizedTest
    @ValueSource(strings = {"LE", "LT", "GE", "GT", "IN"})
    void orderingAndInRejectNonScalarValues(String op) {
        assertRejected("One or more parameter values were invalid: ComparisonOperator " + op
                + " is not valid for BOOL AttributeValue type", op, BOOL);
        assertRejected("One or more parameter values were invalid: ComparisonOperator " + op
                + " is not valid for SS AttributeValue type", op, SS);
    }

    @Test
    void betweenRejectsNonScalarValues() {
        assertRejected("One or more parameter values were invalid: ComparisonOperator BETWEEN is not valid for M AttributeValue type",
                "BETWEEN", m(), m());
    }

    @Test
    void beginsWithRejectsNumberValues() {
        assertRejected("One or more parameter values were invalid: ComparisonOperator BEGINS_WITH is not valid for N AttributeValue type",
                "BEGINS_WITH", n("1"));
    }

    @Test
    void containsRejectsSetListAndMapValuesButNotBooleanOrNull() {
        assertRejected("One or more parameter values were invalid: ComparisonOperator CONTAINS is not valid for SS AttributeValue type",
                "CONTAINS", SS);
        assertRejected("One or more parameter values were invalid: ComparisonOperator NOT_CONTAINS is not valid for L AttributeValue type",
                "NOT_CONTAINS", l());
        assertThat(filter("CONTAINS", BOOL)).isEqualTo(condition("contains(a, :0)", BOOL));
        assertThat(filter("NOT_CONTAINS", AttributeValue.Null.INSTANCE)).isNotNull();
    }

    @Test
    void eqAndNeAcceptEveryType() {
        assertThat(filter("EQ", m())).isEqualTo(condition("a = :0", m()));
        assertThat(filter("NE", l())).isEqualTo(condition("a <> :0", l()));
    }

    @Test
    void valuesOfDifferentTypesAreRejected() {
        assertRejected("One or more parameter values were invalid: AttributeValues inside AttributeValueList must be of same type",
                "IN", s("a"), n("1"), BOOL);
        assertRejected("One or more parameter values were invalid: AttributeValues inside AttributeValueList must be of same type",
                "BETWEEN", s("a"), n("1"));
    }

    @Test
    void eachValueIsCheckedForItsTypeBeforeTheNextIsCompared() {
        assertRejected("One or more parameter values were invalid: ComparisonOperator IN is not valid for BOOL AttributeValue type",
                "IN", s("a"), BOOL);
    }

    @Test
    void betweenRejectsALowerBoundAboveTheUpperBound() {
        assertRejected("The BETWEEN condition was provided a range where the lower bound is greater than the upper bound",
                "BETWEEN", n("2"), n("1"));
    }
}
