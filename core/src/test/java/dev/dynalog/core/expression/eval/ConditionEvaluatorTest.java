package dev.dynalog.core.expression.eval;

import static dev.dynalog.core.expression.Values.item;
import static dev.dynalog.core.expression.Values.l;
import static dev.dynalog.core.expression.Values.m;
import static dev.dynalog.core.expression.Values.n;
import static dev.dynalog.core.expression.Values.s;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dynalog.core.expression.ExpressionAttributes;
import dev.dynalog.core.expression.ExpressionParser;
import dev.dynalog.core.expression.ExpressionResolver;
import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.number.Numbers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConditionEvaluatorTest {
    private static final Map<String, AttributeValue> ITEM = item(
            "s", s("héllo"), "n", n("10"), "l", l(s("x"), n("1")), "m", m("k", s("v")),
            "ss", new AttributeValue.SS(List.of("a", "b")), "flag", AttributeValue.Bool.TRUE);

    private static boolean holds(String condition, Object... values) {
        Map<String, AttributeValue> v = values.length == 0 ? null : item(values);
        return ConditionEvaluator.matches(ExpressionResolver.resolveCondition(
                ExpressionParser.parseCondition(condition, ExpressionParser.CONDITION_EXPRESSION),
                ExpressionAttributes.of(null, v), ExpressionParser.CONDITION_EXPRESSION), ITEM);
    }

    /** Values reach the evaluator in canonical form, as the JSON codec leaves every number. */
    private static AttributeValue number(String text) {
        return n(Numbers.canonical(text));
    }

    @Test
    void numbersCompareByValueNotByText() {
        assertThat(holds("n = :v", ":v", number("10.0"))).isTrue();
        assertThat(holds("n = :v", ":v", number("1E1"))).isTrue();
        assertThat(holds("n > :v", ":v", n("9.5"))).isTrue();
    }

    @Test
    void valuesOfDifferentTypesAreNeverEqualAndAlwaysUnequal() {
        assertThat(holds("n = :v", ":v", s("10"))).isFalse();
        assertThat(holds("n <> :v", ":v", s("10"))).isTrue();
        assertThat(holds("n < :v", ":v", s("99"))).isFalse();
    }

    @Test
    void aMissingAttributeFailsEveryComparisonButNotEqual() {
        assertThat(holds("nope = :v", ":v", s("x"))).isFalse();
        assertThat(holds("nope < :v", ":v", s("x"))).isFalse();
        assertThat(holds("nope <> :v", ":v", s("x"))).isTrue();
        assertThat(holds("NOT nope < :v", ":v", s("x"))).isTrue();
        assertThat(holds("l[5] <> :v", ":v", s("x"))).isTrue();
    }

    @Test
    void setsAreEqualWhateverTheOrderOfTheirMembers() {
        assertThat(holds("ss = :v", ":v", new AttributeValue.SS(List.of("b", "a")))).isTrue();
    }

    @Test
    void sizeCountsCharactersOfStringsAndMembersOfCollections() {
        assertThat(holds("size(s) = :v", ":v", n("5"))).isTrue();
        assertThat(holds("size(l) = :v AND size(m) = :w AND size(ss) = :v", ":v", n("2"), ":w", n("1"))).isTrue();
    }

    @Test
    void sizeOfATypeWithoutSizeHasNoValue() {
        assertThat(holds("size(n) = :v", ":v", n("2"))).isFalse();
        assertThat(holds("size(n) <> :v", ":v", n("2"))).isTrue();
    }

    @Test
    void containsLooksForSubstringsSetMembersAndListElements() {
        assertThat(holds("contains(s, :v)", ":v", s("éll"))).isTrue();
        assertThat(holds("contains(ss, :v)", ":v", s("a"))).isTrue();
        assertThat(holds("contains(l, :v)", ":v", number("1.00"))).isTrue();
        assertThat(holds("contains(m, :v)", ":v", s("k"))).isFalse();
    }

    @Test
    void nestedPathsReachIntoMapsAndLists() {
        assertThat(holds("m.k = :v AND l[0] = :w", ":v", s("v"), ":w", s("x"))).isTrue();
        assertThat(holds("attribute_exists(l[2])")).isFalse();
    }

    @Test
    void betweenAndInFollowTheSameRulesAsComparisons() {
        assertThat(holds("n BETWEEN :a AND :b", ":a", n("10"), ":b", n("11"))).isTrue();
        assertThat(holds("n IN (:a, :b)", ":a", s("10"), ":b", n("10"))).isTrue();
        assertThat(holds("nope IN (:a)", ":a", s("10"))).isFalse();
    }

    @Test
    void functionsTestExistenceTypeAndPrefix() {
        assertThat(holds("attribute_type(n, :t) AND begins_with(s, :p)", ":t", s("N"), ":p", s("hé"))).isTrue();
        assertThat(holds("attribute_not_exists(nope) AND attribute_exists(flag)")).isTrue();
        assertThat(holds("begins_with(n, :p)", ":p", s("1"))).isFalse();
    }

    @Test
    void notAndOrCombineWithTwoValuedLogic() {
        assertThat(holds("flag = :f OR NOT (n > :v)", ":f", AttributeValue.Bool.FALSE, ":v", n("1"))).isFalse();
        assertThat(holds("NOT attribute_type(nope, :t)", ":t", s("N"))).isTrue();
    }
}
