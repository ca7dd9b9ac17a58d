package dev.dynalog.core.expression;

import static dev.dynalog.core.expression.Values.b;
import static dev.dynalog.core.expression.Values.n;
import static dev.dynalog.core.expression.Values.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynalog.core.expression.SortKeyCondition.Operator;
import dev.dynalog.core.model.AttributeType;
import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.model.KeyAttribute;
import dev.dynalog.core.model.KeySchema;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Query key conditions; messages from DynamoDB Local 2.6.1. */
class KeyConditionsTest {
    private static final KeySchema NUMERIC_SORT = KeySchema.of(
            new KeyAttribute("pk", AttributeType.S), new KeyAttribute("sk", AttributeType.N));
    private static final KeySchema STRING_SORT = KeySchema.of(
            new KeyAttribute("pk", AttributeType.S), new KeyAttribute("sk", AttributeType.S));
    private static final KeySchema BINARY_SORT = KeySchema.of(
            new KeyAttribute("pk", AttributeType.S), new KeyAttribute("sk", AttributeType.B));
    private static final KeySchema HASH_ONLY = KeySchema.of(new KeyAttribute("pk", AttributeType.S));

    private static Map<String, AttributeValue> values() {
        Map<String, AttributeValue> v = new LinkedHashMap<>();
        v.put(":p", s("a"));
        v.put(":s", s("x"));
        v.put(":n", n("1"));
        v.put(":n5", n("5"));
        v.put(":bin", b(1));
        return v;
    }

    private static KeyCondition analyze(String text, KeySchema schema) {
        return KeyConditions.parse(text, ExpressionAttributes.of(Map.of("#s", "sk"), values()), schema);
    }

    private static void assertRejected(String text, KeySchema schema, String message) {
        assertThatThrownBy(() -> analyze(text, schema)).hasMessage(message);
    }

    @Test
    void partitionKeyEqualityAlone() {
        assertThat(analyze("pk = :p", NUMERIC_SORT)).isEqualTo(new KeyCondition(s("a"), Optional.empty()));
    }

    @Test
    void partitionKeyWithSortKeyRange() {
        assertThat(analyze("pk = :p AND sk > :n", NUMERIC_SORT))
                .isEqualTo(new KeyCondition(s("a"), Optional.of(SortKeyCondition.of(Operator.GT, n("1")))));
    }

    @Test
    void conditionsMayComeInEitherOrderAndInParentheses() {
        assertThat(analyze("(sk <= :n) AND pk = :p", NUMERIC_SORT))
                .isEqualTo(new KeyCondition(s("a"), Optional.of(SortKeyCondition.of(Operator.LE, n("1")))));
    }

    @Test
    void reversedOperandsMirrorTheComparator() {
        assertThat(analyze(":p = pk AND :n < #s", NUMERIC_SORT))
                .isEqualTo(new KeyCondition(s("a"), Optional.of(SortKeyCondition.of(Operator.GT, n("1")))));
    }

    @Test
    void betweenOnSortKey() {
        assertThat(analyze("pk = :p AND sk BETWEEN :n AND :n5", NUMERIC_SORT).sortKey())
                .contains(SortKeyCondition.between(n("1"), n("5")));
    }

    @Test
    void betweenWithEqualBoundsIsAccepted() {
        assertThat(analyze("pk = :p AND sk BETWEEN :n AND :n", NUMERIC_SORT).sortKey())
                .contains(SortKeyCondition.between(n("1"), n("1")));
    }

    @Test
    void beginsWithOnStringSortKey() {
        assertThat(analyze("pk = :p AND begins_with(sk, :s)", STRING_SORT).sortKey())
                .contains(SortKeyCondition.of(Operator.BEGINS_WITH, s("x")));
    }

    @Test
    void beginsWithOnBinarySortKey() {
        assertThat(analyze("pk = :p AND begins_with(sk, :bin)", BINARY_SORT).sortKey())
                .contains(SortKeyCondition.of(Operator.BEGINS_WITH, b(1)));
    }

    @Test
    void betweenOnSortKeyWithLowerAboveUpperIsRejected() {
        assertRejected("pk = :p AND sk BETWEEN :n5 AND :n", NUMERIC_SORT,
                "Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {N:5}, upper bound operand: AttributeValue: {N:1}");
    }

    @Test
    void beginsWithANumberIsRejected() {
        assertRejected("pk = :p AND begins_with(sk, :n)", NUMERIC_SORT,
                "Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N");
    }

    @Test
    void beginsWithOnNumericSortKeyIsATypeMismatch() {
        assertRejected("pk = :p AND begins_with(sk, :s)", NUMERIC_SORT,
                "One or more parameter values were invalid: Condition parameter type does not match schema type");
    }

    @Test
    void sortKeyValueOfWrongTypeIsRejected() {
        assertRejected("pk = :p AND sk = :s", NUMERIC_SORT,
                "One or more parameter values were invalid: Condition parameter type does not match schema type");
    }

    @Test
    void partitionKeyValueOfWrongTypeIsRejected() {
        assertRejected("pk = :n", NUMERIC_SORT,
                "One or more parameter values were invalid: Condition parameter type does not match schema type");
    }

    @Test
    void missingPartitionKeyIsRejected() {
        assertRejected("sk = :n", NUMERIC_SORT, "Query condition missed key schema element");
    }

    @Test
    void conditionOnNonKeyAttributeIsRejected() {
        assertRejected("pk = :p AND foo = :n", NUMERIC_SORT, "Query condition missed key schema element");
    }

    @Test
    void partitionKeyRangeIsNotSupported() {
        assertRejected("pk < :p", NUMERIC_SORT, "Query key condition not supported");
    }

    @Test
    void secondConditionOnHashOnlyTableIsNotSupported() {
        assertRejected("pk = :p AND sk = :p", HASH_ONLY, "Query key condition not supported");
    }

    @Test
    void orIsNotAllowed() {
        assertRejected("pk = :p OR sk = :n", NUMERIC_SORT, "Invalid operator used in KeyConditionExpression: OR");
    }

    @Test
    void notEqualIsNotAllowed() {
        assertRejected("pk = :p AND sk <> :n", NUMERIC_SORT, "Invalid operator used in KeyConditionExpression: <>");
    }

    @Test
    void notAndInAreNotAllowed() {
        assertRejected("NOT pk = :p", NUMERIC_SORT, "Invalid operator used in KeyConditionExpression: NOT");
        assertRejected("pk IN (:p)", NUMERIC_SORT, "Invalid operator used in KeyConditionExpression: IN");
    }

    @Test
    void otherFunctionsAreNotAllowed() {
        assertRejected("pk = :p AND attribute_exists(sk)", NUMERIC_SORT,
                "Invalid operator used in KeyConditionExpression: attribute_exists");
    }

    @Test
    void twoConditionsOnOneKeyAreRejected() {
        assertRejected("pk = :p AND sk > :n AND sk < :n5", NUMERIC_SORT,
                "KeyConditionExpressions must only contain one condition per key");
    }

    @Test
    void threeConditionsAreRejected() {
        assertRejected("pk = :p AND sk = :n AND foo = :n", NUMERIC_SORT, "Conditions can be of length 1 or 2 only");
    }

    @Test
    void sizeIsANestedOperation() {
        assertRejected("pk = :p AND size(sk) > :n", NUMERIC_SORT, "KeyConditionExpressions cannot contain nested operations");
    }

    @Test
    void nestedKeyPathIsRejected() {
        assertRejected("pk = :p AND sk.x > :n", NUMERIC_SORT,
                "Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: Key: sk");
    }

    @Test
    void nestedNonKeyPathIsRejected() {
        assertRejected("pk = :p AND foo.x = :p", NUMERIC_SORT, "KeyConditionExpressions cannot have conditions on nested attributes");
    }

    @Test
    void twoValuesAndNoAttributeAreRejected() {
        assertRejected("pk = :p AND :n < :n5", NUMERIC_SORT, "Invalid condition in KeyConditionExpression: No key attribute specified");
    }

    @Test
    void twoAttributesInOneConditionAreRejected() {
        assertRejected("pk = :p AND sk BETWEEN :n AND pk", NUMERIC_SORT,
                "Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition");
    }

    @Test
    void betweenNeedsTheKeyFirst() {
        assertRejected("pk = :p AND :n BETWEEN sk AND :n5", NUMERIC_SORT,
                "Invalid condition in KeyConditionExpression: BETWEEN operator must have the key attribute as its first operand");
    }

    @Test
    void beginsWithNeedsTheKeyFirst() {
        assertRejected("pk = :p AND begins_with(:s, sk)", STRING_SORT,
                "Invalid condition in KeyConditionExpression: begins_with operator must have the key attribute as its first operand");
    }

    @Test
    void keyComparedWithItselfIsRejected() {
        assertRejected("pk = pk", NUMERIC_SORT,
                "Invalid KeyConditionExpression: The first operand must be distinct from the remaining operands for this operator or function; operator: =, first operand: [pk]");
    }

    @Test
    void syntaxErrorNamesKeyConditionExpression() {
        assertRejected("a =", NUMERIC_SORT, "Invalid KeyConditionExpression: Syntax error; token: \"<EOF>\", near: \"=\"");
    }

    @Test
    void emptyKeyConditionIsRejected() {
        assertRejected("", NUMERIC_SORT, "Invalid KeyConditionExpression: The expression can not be empty;");
    }
}
