package dev.dynalog.core.expression;

import static dev.dynalog.core.expression.Values.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatNoException;

import dev.dynalog.core.model.AttributeValue;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Placeholder maps of a request; messages from DynamoDB Local 2.6.1. */
class ExpressionAttributesTest {

    @Test
    void allSubstitutionVariablesTogetherMayHoldTwoMegabytesAndNoMore() {
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        for (int i = 0; i < 5; i++) {
            values.put(":v" + i, s("x".repeat(400_000)));
        }
        assertThatNoException().isThrownBy(() -> ExpressionAttributes.of(Map.of("#n", "name"), values));

        values.put(":v5", s("x".repeat(200_000)));
        assertThatThrownBy(() -> ExpressionAttributes.of(Map.of("#n", "name"), values))
                .hasMessageContaining("maximum size of all substitution variables in an expression: 2 MB");
    }

    @Test
    void emptyNamesMapIsRejected() {
        assertThatThrownBy(() -> ExpressionAttributes.of(Map.of(), null))
                .hasMessage("ExpressionAttributeNames must not be empty");
    }

    @Test
    void emptyValuesMapIsRejected() {
        assertThatThrownBy(() -> ExpressionAttributes.of(null, Map.of()))
                .hasMessage("ExpressionAttributeValues must not be empty");
    }

    @Test
    void namesAreCheckedBeforeValues() {
        assertThatThrownBy(() -> ExpressionAttributes.of(Map.of(), Map.of()))
                .hasMessage("ExpressionAttributeNames must not be empty");
    }

    @Test
    void nameKeyWithoutHashIsRejected() {
        assertThatThrownBy(() -> ExpressionAttributes.of(Map.of("x", "y"), null))
                .hasMessage("ExpressionAttributeNames contains invalid key: Syntax error; key: \"x\"");
    }

    @Test
    void nameKeyWithPunctuationIsRejected() {
        assertThatThrownBy(() -> ExpressionAttributes.of(Map.of("#n-x", "y"), null))
                .hasMessage("ExpressionAttributeNames contains invalid key: Syntax error; key: \"#n-x\"");
    }

    @Test
    void emptyAttributeNameIsRejected() {
        assertThatThrownBy(() -> ExpressionAttributes.of(Map.of("#n", ""), null))
                .hasMessage("ExpressionAttributeNames contains invalid value: Empty attribute name for key #n");
    }

    @Test
    void valueKeyWithoutColonIsRejected() {
        assertThatThrownBy(() -> ExpressionAttributes.of(null, Map.of("v", s("x"))))
                .hasMessage("ExpressionAttributeValues contains invalid key: Syntax error; key: \"v\"");
    }

    @Test
    void undefinedNameIsRejectedNamingTheExpression() {
        ExpressionAttributes attrs = ExpressionAttributes.none();
        assertThatThrownBy(() -> attrs.name("#x", "ConditionExpression")).hasMessage(
                "Invalid ConditionExpression: An expression attribute name used in the document path is not defined; attribute name: #x");
    }

    @Test
    void undefinedValueIsRejectedNamingTheExpression() {
        ExpressionAttributes attrs = ExpressionAttributes.of(null, Map.of(":v", s("x")));
        assertThatThrownBy(() -> attrs.value(":x", "KeyConditionExpression")).hasMessage(
                "Invalid KeyConditionExpression: An expression attribute value used in expression is not defined; attribute value: :x");
    }

    @Test
    void unusedNamesAreReportedInDynamoDbsOrder() {
        Map<String, String> names = new LinkedHashMap<>();
        for (String k : new String[] {"#zz", "#a", "#b10", "#b9", "#B"}) {
            names.put(k, "x");
        }
        assertThatThrownBy(() -> ExpressionAttributes.of(names, null).assertAllUsed())
                .hasMessage("Value provided in ExpressionAttributeNames unused in expressions: keys: {#zz, #b9, #a, #b10, #B}");
    }

    @Test
    void unusedValuesAreReported() {
        ExpressionAttributes attrs = ExpressionAttributes.of(null, Map.of(":a", s("x"), ":b", s("y")));
        attrs.value(":b", "FilterExpression");
        assertThatThrownBy(attrs::assertAllUsed)
                .hasMessage("Value provided in ExpressionAttributeValues unused in expressions: keys: {:a}");
    }

    @Test
    void unusedNamesAreReportedBeforeUnusedValues() {
        ExpressionAttributes attrs = ExpressionAttributes.of(Map.of("#n", "a"), Map.of(":v", s("x")));
        assertThatThrownBy(attrs::assertAllUsed)
                .hasMessage("Value provided in ExpressionAttributeNames unused in expressions: keys: {#n}");
    }

    @Test
    void useInAnyExpressionOfTheRequestCounts() {
        ExpressionAttributes attrs = ExpressionAttributes.of(Map.of("#n", "a"), Map.of(":v", s("x")));
        ExpressionResolver.resolveCondition(ExpressionParser.parseCondition("#n = :v", "FilterExpression"), attrs, "FilterExpression");
        Projection.parse("#n", attrs);
        assertThatNoException().isThrownBy(attrs::assertAllUsed);
    }

    @Test
    void substitutedNameIsUsedVerbatim() {
        ExpressionAttributes attrs = ExpressionAttributes.of(Map.of("#n", "name.with.dots"), null);
        assertThat(attrs.name("#n", "ProjectionExpression")).isEqualTo("name.with.dots");
    }

    @Test
    void valuesComeBackUnchanged() {
        AttributeValue v = s("x");
        assertThat(ExpressionAttributes.of(null, Map.of(":v", v)).value(":v", "FilterExpression")).isSameAs(v);
    }
}
