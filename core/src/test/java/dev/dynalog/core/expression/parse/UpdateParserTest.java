package dev.dynalog.core.expression.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynalog.core.expression.ast.ArithmeticOperator;
import dev.dynalog.core.expression.ast.DocumentPath;
import dev.dynalog.core.expression.ast.Function;
import dev.dynalog.core.expression.ast.Operand;
import dev.dynalog.core.expression.ast.PathElement;
import dev.dynalog.core.expression.ast.UpdateAction;
import dev.dynalog.core.expression.ast.UpdateExpression;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Update grammar; messages from DynamoDB Local 2.6.1. */
class UpdateParserTest {

    private static UpdateExpression parse(String text) {
        return UpdateParser.parse(text, "UpdateExpression");
    }

    private static void assertRejected(String text, String message) {
        assertThatThrownBy(() -> parse(text)).hasMessage(message);
    }

    private static DocumentPath path(String name) {
        return DocumentPath.of(new PathElement.AttributeName(name));
    }

    private static Operand value(String placeholder) {
        return new Operand.ValueRef(placeholder);
    }

    @Test
    void setAssignsValues() {
        assertThat(parse("SET a = :a, b = :b").actions()).containsExactly(
                new UpdateAction.Set(path("a"), value(":a")), new UpdateAction.Set(path("b"), value(":b")));
    }

    @Test
    void clausesKeepTheirWrittenOrderAndAnyCase() {
        assertThat(parse("remove a add b :n delete c :s set d = :v").actions()).containsExactly(
                new UpdateAction.Remove(path("a")), new UpdateAction.Add(path("b"), value(":n")),
                new UpdateAction.Delete(path("c"), value(":s")), new UpdateAction.Set(path("d"), value(":v")));
    }

    @Test
    void setTakesOneArithmeticOperator() {
        assertThat(parse("SET a = b - :n").actions()).containsExactly(new UpdateAction.Set(path("a"),
                new Operand.Arithmetic(path("b"), ArithmeticOperator.MINUS, value(":n"))));
    }

    @Test
    void secondArithmeticOperatorIsASyntaxError() {
        assertRejected("SET a = b + c - :n", "Invalid UpdateExpression: Syntax error; token: \"-\", near: \"c - :n\"");
    }

    @Test
    void parenthesizedSumCannotBeExtended() {
        assertThat(parse("SET a = (b + :n)").actions()).hasSize(1);
        assertRejected("SET a = (b + :n) + :n", "Invalid UpdateExpression: Syntax error; token: \"+\", near: \") + :n\"");
    }

    @Test
    void parenthesizedOperandsMayBeAdded() {
        assertThat(parse("SET a = (b) + :n").actions()).containsExactly(new UpdateAction.Set(path("a"),
                new Operand.Arithmetic(path("b"), ArithmeticOperator.PLUS, value(":n"))));
    }

    @Test
    void updateFunctionsNest() {
        assertThat(parse("SET a = list_append(if_not_exists(a, :empty), :l)").actions()).containsExactly(
                new UpdateAction.Set(path("a"), new Operand.FunctionCall(Function.LIST_APPEND, List.of(
                        new Operand.FunctionCall(Function.IF_NOT_EXISTS, List.of(path("a"), value(":empty"))),
                        value(":l")))));
    }

    @Test
    void eachClauseAppearsOnce() {
        assertRejected("SET a = :v SET b = :v",
                "Invalid UpdateExpression: The \"SET\" section can only be used once in an update expression;");
        assertRejected("remove a remove b",
                "Invalid UpdateExpression: The \"REMOVE\" section can only be used once in an update expression;");
    }

    @Test
    void addNeedsAValuePlaceholder() {
        assertRejected("ADD a b", "Invalid UpdateExpression: Syntax error; token: \"b\", near: \"a b\"");
    }

    @Test
    void removeTakesPathsOnly() {
        assertRejected("REMOVE :n", "Invalid UpdateExpression: Syntax error; token: \":n\", near: \"REMOVE :n\"");
    }

    @Test
    void unknownClauseIsASyntaxError() {
        assertRejected("FOO a", "Invalid UpdateExpression: Syntax error; token: \"FOO\", near: \"FOO a\"");
    }

    @Test
    void clauseWithoutActionIsASyntaxError() {
        assertRejected("SET", "Invalid UpdateExpression: Syntax error; token: \"<EOF>\", near: \"SET\"");
        assertRejected("SET a = :s,", "Invalid UpdateExpression: Syntax error; token: \"<EOF>\", near: \",\"");
    }

    @Test
    void setTargetCannotBeParenthesized() {
        assertRejected("SET (a) = :n", "Invalid UpdateExpression: Syntax error; token: \"(\", near: \"SET (a\"");
    }

    @Test
    void clauseKeywordIsNotAnAttributeName() {
        assertRejected("SET a = :v, set = :v", "Invalid UpdateExpression: Syntax error; token: \"set\", near: \", set =\"");
    }

    @Test
    void doubledParenthesesAreRedundant() {
        assertRejected("SET a = ((b))", "Invalid UpdateExpression: The expression has redundant parentheses;");
    }

    @Test
    void emptyUpdateIsRejected() {
        assertRejected("", "Invalid UpdateExpression: The expression can not be empty;");
    }
}
