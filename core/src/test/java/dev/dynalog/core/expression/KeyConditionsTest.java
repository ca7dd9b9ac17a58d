package dev.dynalog.core.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynalog.core.expression.SortKeyCondition.Operator;
import dev.dynalog.core.model.AttributeType;
import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.model.KeyAttribute;
import dev.dynalog.core.model.KeySchema;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** KeyConditionExpression as DynamoDB accepts and rejects it (messages as DynamoDB Local gives them). */
class KeyConditionsTest {
    private static final KeySchema SCHEMA = KeySchema.of(new KeyAttribute("id", AttributeType.S),
            new KeyAttribute("sk", AttributeType.N));
    private static final Map<String, AttributeValue> VALUES = Map.of(":a", new AttributeValue.S("x"),
            ":n", new AttributeValue.N("5"), ":m", new AttributeValue.N("1"));

    @Test
    void partitionKeyEqualityAlone() {
        KeyCondition c = parse("id = :a", Map.of(":a", new AttributeValue.S("x")));
        assertThat(c.partitionKey()).isEqualTo(new AttributeValue.S("x"));
        assertThat(c.sortKey()).isEmpty();
    }

    @Test
    void eachSortKeyOperatorIsRecognised() {
        assertThat(sortOp("id = :a AND sk < :n")).isEqualTo(Operator.LT);
        assertThat(sortOp("id = :a AND sk <= :n")).isEqualTo(Operator.LE);
        assertThat(sortOp("id = :a AND sk > :n")).isEqualTo(Operator.GT);
        assertThat(sortOp("id = :a AND sk >= :n")).isEqualTo(Operator.GE);
        assertThat(sortOp("id = :a AND sk = :n")).isEqualTo(Operator.EQ);
        assertThat(sortOp("sk > :n AND id = :a")).isEqualTo(Operator.GT);
        assertThat(sortOp("(id = :a) AND (sk > :n)")).isEqualTo(Operator.GT);
        assertThat(sortOp("id = :a and sk > :n")).isEqualTo(Operator.GT);
    }

    @Test
    void valueOnTheLeftMirrorsTheOperator() {
        assertThat(sortOp("id = :a AND :n > sk")).isEqualTo(Operator.LT);
    }

    @Test
    void betweenKeepsBothBounds() {
        KeyCondition c = parse("id = :a AND sk BETWEEN :m AND :n", VALUES);
        assertThat(c.sortKey().orElseThrow().value()).isEqualTo(new AttributeValue.N("1"));
        assertThat(c.sortKey().orElseThrow().upper()).isEqualTo(new AttributeValue.N("5"));
    }

    @Test
    void betweenWithLowerAboveUpperIsRejected() {
        assertThatThrownBy(() -> parse("id = :a AND sk BETWEEN :n AND :m", VALUES)).hasMessage(
                "Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower "
                        + "bound; lower bound operand: AttributeValue: {N:5}, upper bound operand: AttributeValue: {N:1}");
    }

    @Test
    void beginsWithOnANumberIsRejected() {
        assertThatThrownBy(() -> parse("id = :a AND begins_with(sk, :n)", VALUES)).hasMessage(
                "Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: "
                        + "begins_with, operand type: N");
    }

    @Test
    void conditionOnlyOnTheSortKeyMissesTheSchemaElement() {
        assertThatThrownBy(() -> parse("sk = :n", Map.of(":n", new AttributeValue.N("1"))))
                .hasMessage("Query condition missed key schema element");
    }

    @Test
    void rangeOperatorOnThePartitionKeyIsNotSupported() {
        assertThatThrownBy(() -> parse("id < :a", Map.of(":a", new AttributeValue.S("x"))))
                .hasMessage("Query key condition not supported");
    }

    @Test
    void orIsNotAllowed() {
        assertThatThrownBy(() -> parse("id = :a OR sk = :n", Map.of(":a", new AttributeValue.S("x"), ":n", new AttributeValue.N("1"))))
                .hasMessage("Invalid operator used in KeyConditionExpression: OR");
    }

    @Test
    void twoConditionsOnOneKeyAreRejected() {
        assertThatThrownBy(() -> parse("id = :a AND id = :a", Map.of(":a", new AttributeValue.S("x"))))
                .hasMessage("KeyConditionExpressions must only contain one condition per key");
    }

    @Test
    void valueOfTheWrongTypeIsRejected() {
        assertThatThrownBy(() -> parse("id = :n", Map.of(":n", new AttributeValue.N("1"))))
                .hasMessage("One or more parameter values were invalid: Condition parameter type does not match schema type");
    }

    @Test
    void incompleteExpressionIsASyntaxErrorAtEof() {
        assertThatThrownBy(() -> parse("id = :a AND", Map.of(":a", new AttributeValue.S("x"))))
                .hasMessage("Invalid KeyConditionExpression: Syntax error; token: \"<EOF>\", near: \"AND\"");
    }

    @Test
    void undefinedValueAndNamePlaceholdersAreReported() {
        assertThatThrownBy(() -> parse("id = :undefined", Map.of(":a", new AttributeValue.S("x"))))
                .hasMessage("Invalid KeyConditionExpression: An expression attribute value used in expression is not defined; "
                        + "attribute value: :undefined");
        assertThatThrownBy(() -> parse("#p = :a", Map.of(":a", new AttributeValue.S("x"))))
                .hasMessage("Invalid KeyConditionExpression: An expression attribute name used in the document path is not "
                        + "defined; attribute name: #p");
    }

    @Test
    void unusedValuesAreReportedAfterParsing() {
        ExpressionAttributes attrs = ExpressionAttributes.of(null, Map.of(":a", new AttributeValue.S("x"), ":b", new AttributeValue.S("y")));
        KeyConditions.parse("id = :a", attrs, SCHEMA);
        assertThatThrownBy(attrs::assertAllUsed)
                .hasMessage("Value provided in ExpressionAttributeValues unused in expressions: keys: {:b}");
    }

    @Test
    void emptyExpressionIsRejected() {
        assertThatThrownBy(() -> parse("  ", Map.of(":a", new AttributeValue.S("x"))))
                .hasMessage("Invalid KeyConditionExpression: The expression can not be empty;");
    }

    private static Operator sortOp(String expression) {
        return parse(expression, VALUES).sortKey().orElseThrow().op();
    }

    private static KeyCondition parse(String expression, Map<String, AttributeValue> values) {
        return KeyConditions.parse(expression, ExpressionAttributes.of(null, values), SCHEMA);
    }
}
