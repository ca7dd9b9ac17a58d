package dev.dynalog.core.expression.eval;

import static dev.dynalog.core.expression.Values.b;
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

/**
 * ConditionExpression semantics. Each expectation was checked against DynamoDB Local 2.6.1 with
 * the same item and expression (as the condition of an UpdateItem).
 */
class ConditionEvaluatorTest {
    private static final Map<String, AttributeValue> ITEM = item(
            "s", s("héllo"), "emoji", s("a\uD83D\uDE00b"), "blank", s(""), "n", n("10"),
            "l", l(s("x"), n("1"), m("k", n("1"))), "m", m("k", s("v")), "bin", b(1, 2, 3),
            "ss", ss("a", "b"), "ns", new AttributeValue.NS(List.of("1", "2")),
            "flag", AttributeValue.Bool.TRUE, "nul", AttributeValue.Null.INSTANCE);

    private static AttributeValue ss(String... members) {
        return new AttributeValue.SS(List.of(members));
    }

    private static boolean holds(String condition, Object... values) {
        return holdsFor(ITEM, condition, values);
    }

    private static boolean holdsFor(Map<String, AttributeValue> item, String condition, Object... values) {
        Map<String, AttributeValue> v = values.length == 0 ? null : item(values);
        return ConditionEvaluator.matches(ExpressionResolver.resolveCondition(
                ExpressionParser.parseCondition(condition, ExpressionParser.CONDITION_EXPRESSION),
                ExpressionAttributes.of(null, v), ExpressionParser.CONDITION_EXPRESSION), item);
    }

    /** Values reach the evaluator in canonical form, as the JSON codec leaves every number. */
    private static AttributeValue number(String text) {
        return n(Numbers.canonical(text));
    }

    // ---- comparisons --------------------------------------------------------------------------

    @Test
    void numbersCompareByValueNotByText() {
        assertThat(holds("n = :v", ":v", number("10.0"))).isTrue();
        assertThat(holds("n = :v", ":v", number("1E1"))).isTrue();
        assertThat(holds("n > :v", ":v", n("9.5"))).isTrue();
    }

    @Test
    void stringsOrderByUtf8BytesNotUtf16Units() {
        // U+1F600 is above U+FFFF in UTF-8 (and code point) order, below it in UTF-16 order.
        assertThat(holds("emoji > :v", ":v", s("a\uFFFF"))).isTrue();
    }

    @Test
    void binaryOrdersByUnsignedBytes() {
        assertThat(holds("bin < :v", ":v", b(0x80))).isTrue();
    }

    @Test
    void valuesOfDifferentTypesAreNeverEqual() {
        assertThat(holds("n = :v", ":v", s("10"))).isFalse();
    }

    @Test
    void valuesOfDifferentTypesAreAlwaysUnequal() {
        assertThat(holds("n <> :v", ":v", s("10"))).isTrue();
    }

    @Test
    void valuesOfDifferentTypesHaveNoOrder() {
        assertThat(holds("n < :v", ":v", s("99"))).isFalse();
        assertThat(holds("n >= :v", ":v", s("0"))).isFalse();
    }

    @Test
    void setsAreEqualWhateverTheOrderOfTheirMembers() {
        assertThat(holds("ss = :v", ":v", ss("b", "a"))).isTrue();
    }

    @Test
    void listsAndMapsAreEqualElementByElement() {
        assertThat(holds("l = :v", ":v", l(s("x"), number("1.0"), m("k", n("1"))))).isTrue();
        assertThat(holds("l = :v", ":v", l(n("1"), s("x"), m("k", n("1"))))).isFalse();
        assertThat(holds("m = :v", ":v", m("k", s("v")))).isTrue();
    }

    @Test
    void booleansAndNullCompareForEquality() {
        assertThat(holds("flag = :t AND nul = :null", ":t", AttributeValue.Bool.TRUE, ":null", AttributeValue.Null.INSTANCE))
                .isTrue();
    }

    @Test
    void anOrderingBetweenTwoSetAttributesIsFalse() {
        assertThat(holds("ss < ns")).isFalse();
        assertThat(holds("ss >= ns")).isFalse();
    }

    // ---- missing operands ---------------------------------------------------------------------

    @Test
    void aMissingAttributeFailsEveryComparison() {
        assertThat(holds("nope = :v", ":v", s("x"))).isFalse();
        assertThat(holds("nope < :v", ":v", s("x"))).isFalse();
        assertThat(holds("nope >= :v", ":v", s("x"))).isFalse();
    }

    @Test
    void aMissingAttributeIsUnequalToAnyValue() {
        assertThat(holds("nope <> :v", ":v", s("x"))).isTrue();
    }

    @Test
    void twoMissingAttributesAreUnequal() {
        assertThat(holds("nope = nope2")).isFalse();
        assertThat(holds("nope <> nope2")).isTrue();
    }

    @Test
    void withoutAnItemEveryAttributeIsMissing() {
        assertThat(holdsFor(Map.of(), "a <> :v", ":v", n("2"))).isTrue();
        assertThat(holdsFor(Map.of(), "attribute_not_exists(a)")).isTrue();
        assertThat(holdsFor(Map.of(), "a = :v", ":v", n("2"))).isFalse();
    }

    @Test
    void notOfAFailedComparisonWithAMissingAttributeHolds() {
        assertThat(holds("NOT nope < :v", ":v", s("x"))).isTrue();
    }

    @Test
    void anIndexPastTheEndOfAListIsMissing() {
        assertThat(holds("l[5] <> :v", ":v", s("x"))).isTrue();
        assertThat(holds("attribute_exists(l[3])")).isFalse();
    }

    @Test
    void aPathThroughAScalarOrTheWrongContainerIsMissing() {
        assertThat(holds("attribute_not_exists(m.k.z)")).isTrue();
        assertThat(holds("attribute_not_exists(l.k)")).isTrue();
        assertThat(holds("attribute_not_exists(m[0])")).isTrue();
    }

    @Test
    void nestedPathsReachIntoMapsAndLists() {
        assertThat(holds("m.k = :v AND l[2].k = :w", ":v", s("v"), ":w", n("1"))).isTrue();
    }

    // ---- BETWEEN and IN -----------------------------------------------------------------------

    @Test
    void betweenIncludesBothBounds() {
        assertThat(holds("n BETWEEN :a AND :b", ":a", n("10"), ":b", n("11"))).isTrue();
        assertThat(holds("n BETWEEN :a AND :b", ":a", n("9"), ":b", n("10"))).isTrue();
        assertThat(holds("n BETWEEN :a AND :b", ":a", n("11"), ":b", n("12"))).isFalse();
    }

    @Test
    void betweenWithBoundsOfAnotherTypeIsFalse() {
        assertThat(holds("n BETWEEN s AND blank")).isFalse();
    }

    @Test
    void inHoldsWhenAnyCandidateIsEqual() {
        assertThat(holds("n IN (:a, :b)", ":a", s("10"), ":b", n("10"))).isTrue();
        assertThat(holds("n IN (:a, :b)", ":a", s("10"), ":b", n("11"))).isFalse();
    }

    @Test
    void inWithAMissingSubjectIsFalse() {
        assertThat(holds("nope IN (:a)", ":a", s("10"))).isFalse();
        assertThat(holds("NOT nope IN (:a)", ":a", s("10"))).isTrue();
    }

    // ---- functions ----------------------------------------------------------------------------

    @Test
    void attributeExistsAndNotExists() {
        assertThat(holds("attribute_exists(flag) AND attribute_not_exists(nope)")).isTrue();
        assertThat(holds("attribute_exists(nope) OR attribute_not_exists(nul)")).isFalse();
    }

    @Test
    void attributeTypeNamesTheDescriptor() {
        assertThat(holds("attribute_type(n, :t)", ":t", s("N"))).isTrue();
        assertThat(holds("attribute_type(nul, :t)", ":t", s("NULL"))).isTrue();
        assertThat(holds("attribute_type(l[0], :t)", ":t", s("S"))).isTrue();
        assertThat(holds("attribute_type(ss, :t)", ":t", s("L"))).isFalse();
    }

    @Test
    void attributeTypeOfAMissingAttributeIsFalse() {
        assertThat(holds("NOT attribute_type(nope, :t)", ":t", s("S"))).isTrue();
    }

    @Test
    void beginsWithTestsAStringPrefix() {
        assertThat(holds("begins_with(s, :p)", ":p", s("hé"))).isTrue();
        assertThat(holds("begins_with(s, :p)", ":p", s("é"))).isFalse();
    }

    @Test
    void beginsWithTheEmptyStringHolds() {
        assertThat(holds("begins_with(s, blank)")).isTrue();
    }

    @Test
    void beginsWithTestsABinaryPrefix() {
        assertThat(holds("begins_with(bin, :p)", ":p", b(1, 2))).isTrue();
        assertThat(holds("begins_with(bin, :p)", ":p", b(2))).isFalse();
    }

    @Test
    void beginsWithOnANumberIsFalse() {
        assertThat(holds("begins_with(n, :p)", ":p", s("1"))).isFalse();
        assertThat(holds("begins_with(s, n)")).isFalse();
    }

    @Test
    void containsFindsASubstring() {
        assertThat(holds("contains(s, :v)", ":v", s("éll"))).isTrue();
        assertThat(holds("contains(s, :v)", ":v", s("lé"))).isFalse();
        assertThat(holds("contains(s, :v)", ":v", s(""))).isTrue();
    }

    @Test
    void containsFindsABinarySubsequence() {
        assertThat(holds("contains(bin, :v)", ":v", b(2, 3))).isTrue();
        assertThat(holds("contains(bin, :v)", ":v", b(3, 2))).isFalse();
    }

    @Test
    void containsFindsASetMember() {
        assertThat(holds("contains(ss, :v)", ":v", s("a"))).isTrue();
        assertThat(holds("contains(ns, :v)", ":v", number("2.0"))).isTrue();
    }

    @Test
    void containsOfASetInASetIsFalse() {
        assertThat(holds("contains(ss, :v)", ":v", ss("a"))).isFalse();
    }

    @Test
    void containsFindsAListElementByDeepEquality() {
        assertThat(holds("contains(l, :v)", ":v", number("1.00"))).isTrue();
        assertThat(holds("contains(l, :v)", ":v", m("k", number("1.0")))).isTrue();
    }

    @Test
    void containsDoesNotLookAtMapKeys() {
        assertThat(holds("contains(m, :v)", ":v", s("k"))).isFalse();
    }

    @Test
    void containsWithAValueOfAnotherTypeIsFalse() {
        assertThat(holds("contains(s, :v)", ":v", n("1"))).isFalse();
    }

    @Test
    void sizeOfAStringCountsUtf16CodeUnits() {
        assertThat(holds("size(s) = :v", ":v", n("5"))).isTrue();
        assertThat(holds("size(emoji) = :v", ":v", n("4"))).isTrue();
        assertThat(holds("size(blank) = :v", ":v", n("0"))).isTrue();
    }

    @Test
    void sizeOfABinaryCountsBytes() {
        assertThat(holds("size(bin) = :v", ":v", n("3"))).isTrue();
    }

    @Test
    void sizeOfACollectionCountsItsMembers() {
        assertThat(holds("size(l) = :v AND size(m) = :w AND size(ss) = :x", ":v", n("3"), ":w", n("1"), ":x", n("2")))
                .isTrue();
    }

    @Test
    void sizesCompareWithEachOther() {
        assertThat(holds("size(l) > size(ss)")).isTrue();
    }

    @Test
    void sizeOfATypeWithoutSizeFailsEveryComparisonButNotEqual() {
        assertThat(holds("size(n) = :v", ":v", n("2"))).isFalse();
        assertThat(holds("size(n) <> :v", ":v", n("2"))).isTrue();
        assertThat(holds("size(nope) = size(nope2)")).isFalse();
    }

    // ---- logic --------------------------------------------------------------------------------

    @Test
    void andNeedsBothSides() {
        assertThat(holds("n = :v AND s = :v", ":v", n("10"))).isFalse();
    }

    @Test
    void orNeedsEitherSide() {
        assertThat(holds("n = :v OR s = :v", ":v", n("10"))).isTrue();
    }

    @Test
    void notNegatesTwoValuedLogic() {
        assertThat(holds("flag = :f OR NOT (n > :v)", ":f", AttributeValue.Bool.FALSE, ":v", n("1"))).isFalse();
    }
}
