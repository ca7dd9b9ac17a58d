package dev.dynalog.core.expression.legacy;

import static dev.dynalog.core.expression.Values.item;
import static dev.dynalog.core.expression.Values.n;
import static dev.dynalog.core.expression.Values.s;
import static dev.dynalog.core.expression.legacy.Expressions.condition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynalog.core.expression.ast.Condition;
import dev.dynalog.core.expression.eval.ConditionEvaluator;
import dev.dynalog.core.expression.legacy.ExpectedConditions.ExpectedValue;
import dev.dynalog.core.model.AttributeValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Legacy Expected as the ConditionExpression it stands for; messages from DynamoDB Local 2.6.1. */
class ExpectedConditionsTest {

    private static Condition expected(Object... namesAndEntries) {
        return ExpectedConditions.toCondition(map(namesAndEntries), null).orElseThrow();
    }

    private static Condition expectedJoined(String conditionalOperator, Object... namesAndEntries) {
        return ExpectedConditions.toCondition(map(namesAndEntries), conditionalOperator).orElseThrow();
    }

    private static void assertRejected(String message, Object... namesAndEntries) {
        assertThatThrownBy(() -> ExpectedConditions.toCondition(map(namesAndEntries), null)).hasMessage(message);
    }

    static Map<String, ExpectedValue> map(Object... namesAndEntries) {
        Map<String, ExpectedValue> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndEntries.length; i += 2) {
            map.put((String) namesAndEntries[i], (ExpectedValue) namesAndEntries[i + 1]);
        }
        return map;
    }

    @Test
    void valueAloneMeansEquals() {
        assertThat(expected("a", ExpectedValue.value(n("1")))).isEqualTo(condition("a = :0", n("1")));
    }

    @Test
    void existsTrueWithValueMeansEquals() {
        assertThat(expected("a", new ExpectedValue(s("x"), true, null, null))).isEqualTo(condition("a = :0", s("x")));
    }

    @Test
    void existsFalseWithoutValueMeansAttributeNotExists() {
        assertThat(expected("a", ExpectedValue.exists(false))).isEqualTo(condition("attribute_not_exists(a)"));
    }

    @Test
    void existsTrueWithoutValueIsRejected() {
        assertRejected("One or more parameter values were invalid: Value must be provided when Exists is true for Attribute: a",
                "a", ExpectedValue.exists(true));
    }

    @Test
    void entryWithNothingIsRejected() {
        assertRejected("One or more parameter values were invalid: Value must be provided when Exists is null for Attribute: a",
                "a", new ExpectedValue(null, null, null, null));
    }

    @Test
    void existsFalseWithValueIsRejected() {
        assertRejected("One or more parameter values were invalid: Value cannot be used when Exists is false for Attribute: a",
                "a", new ExpectedValue(n("1"), false, null, null));
    }

    @Test
    void valueWithAttributeValueListIsRejectedBeforeAnythingElse() {
        assertRejected("One or more parameter values were invalid: Value and AttributeValueList cannot be used together for Attribute: a",
                "a", new ExpectedValue(n("1"), false, "EQ", List.of(n("1"))));
    }

    @Test
    void existsWithComparisonOperatorIsRejected() {
        assertRejected("One or more parameter values were invalid: Exists and ComparisonOperator cannot be used together for Attribute: a",
                "a", new ExpectedValue(n("1"), true, "EQ", null));
    }

    @Test
    void attributeValueListWithoutComparisonOperatorIsRejected() {
        assertRejected("One or more parameter values were invalid: AttributeValueList can only be used with a ComparisonOperator for Attribute: a",
                "a", new ExpectedValue(null, true, null, List.of()));
    }

    @Test
    void comparisonOperatorWithoutValuesIsRejected() {
        assertRejected("One or more parameter values were invalid: Value or AttributeValueList must be used with ComparisonOperator: LT for Attribute: a",
                "a", new ExpectedValue(null, null, "LT", null));
    }

    @Test
    void emptyAttributeValueListHasTheWrongNumberOfArguments() {
        assertRejected("One or more parameter values were invalid: Invalid number of argument(s) for the EQ ComparisonOperator",
                "a", new ExpectedValue(null, null, "EQ", List.of()));
    }

    @Test
    void valueStandsForAOneElementAttributeValueList() {
        assertThat(expected("a", new ExpectedValue(n("5"), null, "GE", null))).isEqualTo(condition("a >= :0", n("5")));
    }

    @Test
    void valueWithNullOperatorHasTheWrongNumberOfArguments() {
        assertRejected("One or more parameter values were invalid: Invalid number of argument(s) for the NULL ComparisonOperator",
                "a", new ExpectedValue(n("5"), null, "NULL", null));
    }

    @Test
    void nullOperatorNeedsNoValues() {
        assertThat(expected("a", new ExpectedValue(null, null, "NULL", null))).isEqualTo(condition("attribute_not_exists(a)"));
    }

    @Test
    void valueIsCheckedAgainstTheOperatorLikeAnAttributeValueList() {
        assertRejected("One or more parameter values were invalid: ComparisonOperator BEGINS_WITH is not valid for N AttributeValue type",
                "a", new ExpectedValue(n("5"), null, "BEGINS_WITH", null));
    }

    @Test
    void entriesAreJoinedWithAndInRequestOrder() {
        assertThat(expected("a", ExpectedValue.value(n("1")), "b", ExpectedValue.exists(false),
                "c", ExpectedValue.compare("GT", n("2"))))
                .isEqualTo(condition("a = :0 AND attribute_not_exists(b) AND c > :1", n("1"), n("2")));
    }

    @Test
    void conditionalOperatorOrJoinsWithOr() {
        assertThat(expectedJoined("OR", "a", ExpectedValue.value(n("1")), "b", ExpectedValue.exists(false)))
                .isEqualTo(condition("a = :0 OR attribute_not_exists(b)", n("1")));
    }

    @Test
    void notContainsKeepsItsMeaningInsideAnAndChain() {
        assertThat(expected("a", ExpectedValue.value(n("1")), "b", ExpectedValue.compare("NOT_CONTAINS", s("x"))))
                .isEqualTo(condition("a = :0 AND (attribute_exists(b) AND NOT contains(b, :1))", n("1"), s("x")));
    }

    @Test
    void firstInvalidEntryInRequestOrderIsReported() {
        assertRejected("One or more parameter values were invalid: Value or AttributeValueList must be used with ComparisonOperator: EQ for Attribute: b",
                "b", new ExpectedValue(null, null, "EQ", null), "a", ExpectedValue.exists(true));
    }

    @Test
    void emptyExpectedMeansNoCondition() {
        assertThat(ExpectedConditions.toCondition(Map.of(), null)).isEmpty();
        assertThat(ExpectedConditions.toCondition(null, null)).isEmpty();
    }

    @Test
    void conditionalOperatorWithOneEntryIsRejected() {
        assertThatThrownBy(() -> ExpectedConditions.toCondition(map("a", ExpectedValue.value(n("1"))), "AND"))
                .hasMessage("ConditionalOperator can only be used when Filter or Expected has two or more elements");
    }

    @Test
    void conditionalOperatorIsCheckedAfterTheEntries() {
        assertThatThrownBy(() -> ExpectedConditions.toCondition(map("a", ExpectedValue.exists(true)), "AND"))
                .hasMessage("One or more parameter values were invalid: Value must be provided when Exists is true for Attribute: a");
    }

    @Test
    void conditionalOperatorWithoutExpectedIsRejected() {
        assertThatThrownBy(() -> ExpectedConditions.toCondition(Map.of(), "OR"))
                .hasMessage("ConditionalOperator cannot be used without Filter or Expected");
        assertThatThrownBy(() -> ExpectedConditions.toCondition(null, "AND"))
                .hasMessage("ConditionalOperator cannot be used without Filter or Expected");
    }

    /** DynamoDB Local answers "Comparison type does not exist in DynamoDB"; the model makes it a constraint. */
    @Test
    void unknownComparisonOperatorIsAConstraintViolation() {
        assertThatThrownBy(() -> ExpectedConditions.toCondition(map("a", ExpectedValue.compare("XX", n("1"))), null))
                .hasMessage("1 validation error detected: Value 'XX' at 'expected.a.member.comparisonOperator' failed to satisfy "
                        + "constraint: Member must satisfy enum value set: "
                        + "[IN, NULL, BETWEEN, LT, NOT_CONTAINS, EQ, GT, NOT_NULL, NE, LE, BEGINS_WITH, GE, CONTAINS]");
    }

    /** DynamoDB Local fails with an internal error here. */
    @Test
    void unknownConditionalOperatorIsAConstraintViolation() {
        assertThatThrownBy(() -> ExpectedConditions.toCondition(map("a", ExpectedValue.value(n("1")), "b",
                ExpectedValue.compare("lt", n("1"))), "XOR"))
                .hasMessage("2 validation errors detected: Value 'lt' at 'expected.b.member.comparisonOperator' failed to "
                        + "satisfy constraint: Member must satisfy enum value set: "
                        + "[IN, NULL, BETWEEN, LT, NOT_CONTAINS, EQ, GT, NOT_NULL, NE, LE, BEGINS_WITH, GE, CONTAINS]; "
                        + "Value 'XOR' at 'conditionalOperator' failed to satisfy constraint: Member must satisfy enum value set: [OR, AND]");
    }

    @Test
    void expectedOnAMissingItemHoldsOnlyForAbsence() {
        Map<String, AttributeValue> none = item();
        assertThat(ConditionEvaluator.matches(expected("a", ExpectedValue.exists(false)), none)).isTrue();
        assertThat(ConditionEvaluator.matches(expected("a", ExpectedValue.value(n("1"))), none)).isFalse();
    }
}
