package dev.dynalog.core.expression;

import static dev.dynalog.core.expression.Values.b;
import static dev.dynalog.core.expression.Values.l;
import static dev.dynalog.core.expression.Values.m;
import static dev.dynalog.core.expression.Values.n;
import static dev.dynalog.core.expression.Values.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynalog.core.expression.ast.Comparator;
import dev.dynalog.core.expression.ast.Condition;
import dev.dynalog.core.expression.ast.DocumentPath;
import dev.dynalog.core.expression.ast.Operand;
import dev.dynalog.core.expression.ast.PathElement;
import dev.dynalog.core.expression.ast.UpdateAction;
import dev.dynalog.core.expression.ast.UpdateExpression;
import dev.dynalog.core.model.AttributeValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Placeholder substitution and the checks made before reading an item; messages from DynamoDB Local 2.6.1. */
class ExpressionResolverTest {
    private static final Map<String, AttributeValue> VALUES = values();

    private static Map<String, AttributeValue> values() {
        Map<String, AttributeValue> v = new LinkedHashMap<>();
        v.put(":s", s("x"));
        v.put(":n", n("1"));
        v.put(":n5", n("5"));
        v.put(":b", new AttributeValue.Bool(true));
        v.put(":nul", AttributeValue.Null.INSTANCE);
        v.put(":m", m());
        v.put(":l", l());
        v.put(":ss", new AttributeValue.SS(List.of("a")));
        v.put(":bin", b(1));
        v.put(":ff", b(0xff));
        v.put(":type", s("SS"));
        return v;
    }

    private static Condition filter(String text) {
        ExpressionAttributes attrs = ExpressionAttributes.of(Map.of("#n", "x"), VALUES);
        return ExpressionResolver.resolveCondition(ExpressionParser.parseCondition(text, "FilterExpression"), attrs, "FilterExpression");
    }

    private static UpdateExpression update(String text) {
        ExpressionAttributes attrs = ExpressionAttributes.of(Map.of("#n", "a"), VALUES);
        return ExpressionResolver.resolveUpdate(ExpressionParser.parseUpdate(text), attrs, "UpdateExpression");
    }

    private static void assertFilterRejected(String text, String message) {
        assertThatThrownBy(() -> filter(text)).hasMessage(message);
    }

    private static void assertUpdateRejected(String text, String message) {
        assertThatThrownBy(() -> update(text)).hasMessage(message);
    }

    @Test
    void placeholdersAreReplacedByNamesAndValues() {
        assertThat(filter("a.#n = :s")).isEqualTo(new Condition.Comparison(
                DocumentPath.of(new PathElement.AttributeName("a"), new PathElement.AttributeName("x")),
                Comparator.EQ, new Operand.Literal(s("x"))));
    }

    @Test
    void undefinedNameIsRejected() {
        assertFilterRejected("#x = :s",
                "Invalid FilterExpression: An expression attribute name used in the document path is not defined; attribute name: #x");
    }

    @Test
    void undefinedValueIsRejected() {
        assertFilterRejected("a = :x",
                "Invalid FilterExpression: An expression attribute value used in expression is not defined; attribute value: :x");
    }

    @Test
    void placeholdersResolveLeftToRight() {
        assertFilterRejected(":x = #x",
                "Invalid FilterExpression: An expression attribute value used in expression is not defined; attribute value: :x");
    }

    @Test
    void comparingAPathWithItselfIsRejected() {
        assertFilterRejected("a.b < a.b",
                "Invalid FilterExpression: The first operand must be distinct from the remaining operands for this operator or function; operator: <, first operand: [a, b]");
    }

    @Test
    void distinctnessIsJudgedAfterSubstitution() {
        assertFilterRejected("a[1].#n < a[1].x",
                "Invalid FilterExpression: The first operand must be distinct from the remaining operands for this operator or function; operator: <, first operand: [a, [1], x]");
    }

    @Test
    void inAndFunctionsAlsoNeedDistinctOperands() {
        assertFilterRejected("a IN (:s, a)",
                "Invalid FilterExpression: The first operand must be distinct from the remaining operands for this operator or function; operator: IN, first operand: [a]");
        assertFilterRejected("contains(a, a)",
                "Invalid FilterExpression: The first operand must be distinct from the remaining operands for this operator or function; operator: contains, first operand: [a]");
    }

    @Test
    void distinctCheckOfAnEarlierNodeWinsOverALaterUndefinedValue() {
        assertFilterRejected("a < a AND b = :x",
                "Invalid FilterExpression: The first operand must be distinct from the remaining operands for this operator or function; operator: <, first operand: [a]");
    }

    @Test
    void orderingComparatorRejectsNonScalarValues() {
        assertFilterRejected("a < :b", "Invalid FilterExpression: Incorrect operand type for operator or function; operator or function: <, operand type: BOOL");
        assertFilterRejected("a >= :ss", "Invalid FilterExpression: Incorrect operand type for operator or function; operator or function: >=, operand type: SS");
    }

    @Test
    void equalityAcceptsAnyValue() {
        assertThat(filter("a = :m AND b <> :b")).isInstanceOf(Condition.And.class);
    }

    @Test
    void betweenWithLowerAboveUpperIsRejected() {
        assertFilterRejected("a BETWEEN :n5 AND :n",
                "Invalid FilterExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {N:5}, upper bound operand: AttributeValue: {N:1}");
    }

    @Test
    void betweenBoundsOfDifferentTypesAreRejected() {
        assertFilterRejected("a BETWEEN :n AND :s",
                "Invalid FilterExpression: The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: AttributeValue: {N:1}, upper bound operand: AttributeValue: {S:x}");
    }

    @Test
    void betweenComparesBinaryUnsigned() {
        assertFilterRejected("a BETWEEN :ff AND :bin",
                "Invalid FilterExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {B:java.nio.HeapByteBuffer[pos=0 lim=1 cap=1]}, upper bound operand: AttributeValue: {B:java.nio.HeapByteBuffer[pos=0 lim=1 cap=1]}");
    }

    @Test
    void betweenRejectsNonScalarBounds() {
        assertFilterRejected("a BETWEEN :m AND :m",
                "Invalid FilterExpression: Incorrect operand type for operator or function; operator or function: BETWEEN, operand type: M");
    }

    @Test
    void functionWithWrongOperandCountIsRejected() {
        assertFilterRejected("attribute_exists(a, b)",
                "Invalid FilterExpression: Incorrect number of operands for operator or function; operator or function: attribute_exists, number of operands: 2");
        assertFilterRejected("begins_with(a)",
                "Invalid FilterExpression: Incorrect number of operands for operator or function; operator or function: begins_with, number of operands: 1");
    }

    @Test
    void sizeAloneIsNotACondition() {
        assertFilterRejected("size(a)",
                "Invalid FilterExpression: The function is not allowed to be used this way in an expression; function: size");
    }

    @Test
    void conditionFunctionIsNotAnOperand() {
        assertFilterRejected("a = attribute_exists(b)",
                "Invalid FilterExpression: The function is not allowed to be used this way in an expression; function: attribute_exists");
    }

    @Test
    void updateFunctionsAreNotAllowedInConditions() {
        assertFilterRejected("a = if_not_exists(b, :s)",
                "Invalid FilterExpression: The function is not allowed in a condition expression; function: if_not_exists");
    }

    @Test
    void attributeExistsNeedsAPath() {
        assertFilterRejected("attribute_exists(:s)",
                "Invalid FilterExpression: Operator or function requires a document path; operator or function: attribute_exists");
    }

    @Test
    void attributeTypeNeedsAKnownTypeName() {
        assertThat(filter("attribute_type(a, :type)")).isInstanceOf(Condition.FunctionCondition.class);
        assertFilterRejected("attribute_type(a, :s)",
                "Invalid FilterExpression: Invalid attribute type name found; type: x, valid types: {N,BS,L,B,NULL,M,S,SS,NS,BOOL}");
        assertFilterRejected("attribute_type(a, :n)",
                "Invalid FilterExpression: Incorrect operand type for operator or function; operator or function: attribute_type, operand type: N");
    }

    @Test
    void beginsWithNeedsStringOrBinary() {
        assertThat(filter("begins_with(a, :bin)")).isInstanceOf(Condition.FunctionCondition.class);
        assertFilterRejected("begins_with(a, :n)",
                "Invalid FilterExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N");
    }

    @Test
    void sizeOfAValueNeedsASizedType() {
        assertThat(filter("size(:l) = a")).isInstanceOf(Condition.Comparison.class);
        assertFilterRejected("size(:nul) = a",
                "Invalid FilterExpression: Incorrect operand type for operator or function; operator or function: size, operand type: NULL");
        assertFilterRejected("size(size(a)) = :n",
                "Invalid FilterExpression: Incorrect operand type for operator or function; operator or function: size, operand type: N");
    }

    @Test
    void updateValuesAreResolved() {
        assertThat(update("SET #n = :n").actions()).containsExactly(
                new UpdateAction.Set(DocumentPath.attribute("a"), new Operand.Literal(n("1"))));
    }

    @Test
    void arithmeticNeedsNumbers() {
        assertUpdateRejected("SET a = :s + :n",
                "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: +, operand type: S");
    }

    @Test
    void listAppendNeedsLists() {
        assertUpdateRejected("SET a = list_append(:l, :n)",
                "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: list_append, operand type: N");
    }

    @Test
    void listAppendCannotBeAnArithmeticOperand() {
        assertUpdateRejected("SET a = :n - list_append(a, b)",
                "Invalid UpdateExpression: The function is not allowed to be used this way in an expression; function: list_append");
    }

    @Test
    void listAppendCannotBeAnIfNotExistsDefault() {
        assertUpdateRejected("SET a = if_not_exists(b, list_append(a, :l))",
                "Invalid UpdateExpression: The function is not allowed to be used this way in an expression; function: list_append");
    }

    @Test
    void conditionFunctionsAreNotAllowedInUpdates() {
        assertUpdateRejected("SET a = size(b)",
                "Invalid UpdateExpression: The function is not allowed in an update expression; function: size");
        assertUpdateRejected("SET a = begins_with(b, :s)",
                "Invalid UpdateExpression: The function is not allowed in an update expression; function: begins_with");
    }

    @Test
    void ifNotExistsNeedsAPath() {
        assertUpdateRejected("SET a = if_not_exists(:n, b)",
                "Invalid UpdateExpression: Operator or function requires a document path; operator or function: if_not_exists");
    }

    @Test
    void addAcceptsNumbersAndSetsOnly() {
        assertThat(update("ADD a :n, b :ss").actions()).hasSize(2);
        assertUpdateRejected("ADD a :s",
                "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: STRING, typeSet: ALLOWED_FOR_ADD_OPERAND");
        assertUpdateRejected("ADD a :l",
                "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: LIST, typeSet: ALLOWED_FOR_ADD_OPERAND");
    }

    @Test
    void deleteAcceptsSetsOnly() {
        assertUpdateRejected("DELETE a :n",
                "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: DELETE, operand type: NUMBER, typeSet: ALLOWED_FOR_DELETE_OPERAND");
    }

    @Test
    void twoActionsOnOnePathOverlap() {
        assertUpdateRejected("SET a = :s REMOVE a",
                "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]");
    }

    @Test
    void overlapIsJudgedAfterSubstitution() {
        assertUpdateRejected("SET a = :n, #n = :n",
                "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]");
    }

    @Test
    void nestedPathUnderAnotherTargetOverlaps() {
        assertUpdateRejected("SET a.b = :n, a.b.c = :n",
                "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a, b], path two: [a, b, c]");
    }

    @Test
    void mapKeyAndListIndexAtOnePlaceConflict() {
        assertUpdateRejected("SET a.b = :n, a[1] = :n",
                "Invalid UpdateExpression: Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [a, b], path two: [a, [1]]");
    }

    @Test
    void siblingPathsAreIndependent() {
        assertThat(update("SET a.b = :s, a.c = :n, l[1] = :n, l[2] = :n").actions()).hasSize(4);
    }
}
