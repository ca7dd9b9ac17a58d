package dev.dynalog.core.expression.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynalog.core.error.DynamoDbException;
import dev.dynalog.core.expression.ast.Comparator;
import dev.dynalog.core.expression.ast.Condition;
import dev.dynalog.core.expression.ast.DocumentPath;
import dev.dynalog.core.expression.ast.Function;
import dev.dynalog.core.expression.ast.Operand;
import dev.dynalog.core.expression.ast.PathElement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Condition grammar; every message was taken from DynamoDB Local 2.6.1. */
class ConditionParserTest {

    /** DynamoDB (and DynamoDB Local 2.6.1) answer 4,096 open parentheses with a syntax error at the end. */
    @Test
    void thousandsOfUnclosedParenthesesAreASyntaxErrorAtTheEndNotAStackOverflow() {
        assertRejected("(".repeat(4096), "Invalid FilterExpression: Syntax error; token: \"<EOF>\", near: \"(\"");
    }

    @Test
    void thousandsOfClosedParenthesesAreRedundant() {
        assertRejected("(".repeat(2000) + "attribute_exists(a)" + ")".repeat(2000),
                "Invalid FilterExpression: The expression has redundant parentheses;");
    }

    @Test
    void parenthesesAsDeepAsTheOperatorBudgetAllowsStillParse() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 149; i++) {
            text.append("(a").append(i).append(" = :v AND ");
        }
        text.append("b = :v").append(")".repeat(149));
        assertThat(parse(text.toString())).isInstanceOf(Condition.And.class);
    }

    private static Condition parse(String text) {
        return ConditionParser.parse(text, "FilterExpression");
    }

    private static void assertRejected(String text, String message) {
        assertThatThrownBy(() -> parse(text))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.type()).isEqualTo("ValidationException"))
                .hasMessage(message);
    }

    private static DocumentPath path(String name) {
        return DocumentPath.of(new PathElement.AttributeName(name));
    }

    private static Condition eq(String name, String value) {
        return new Condition.Comparison(path(name), Comparator.EQ, new Operand.ValueRef(value));
    }

    @Test
    void comparisonOfPathAndValue() {
        assertThat(parse("a = :v")).isEqualTo(eq("a", ":v"));
    }

    @Test
    void everyComparatorIsRecognised() {
        assertThat(parse("a <> :v")).isEqualTo(new Condition.Comparison(path("a"), Comparator.NE, new Operand.ValueRef(":v")));
        assertThat(parse("a<:v")).extracting(c -> ((Condition.Comparison) c).comparator()).isEqualTo(Comparator.LT);
        assertThat(parse("a<=:v")).extracting(c -> ((Condition.Comparison) c).comparator()).isEqualTo(Comparator.LE);
        assertThat(parse("a>:v")).extracting(c -> ((Condition.Comparison) c).comparator()).isEqualTo(Comparator.GT);
        assertThat(parse("a>=:v")).extracting(c -> ((Condition.Comparison) c).comparator()).isEqualTo(Comparator.GE);
    }

    @Test
    void andBindsTighterThanOr() {
        assertThat(parse("a = :a OR b = :b AND c = :c"))
                .isEqualTo(new Condition.Or(eq("a", ":a"), new Condition.And(eq("b", ":b"), eq("c", ":c"))));
    }

    @Test
    void notBindsTighterThanAnd() {
        assertThat(parse("NOT a = :a AND b = :b"))
                .isEqualTo(new Condition.And(new Condition.Not(eq("a", ":a")), eq("b", ":b")));
    }

    @Test
    void parenthesesOverridePrecedence() {
        assertThat(parse("(a = :a OR b = :b) AND c = :c"))
                .isEqualTo(new Condition.And(new Condition.Or(eq("a", ":a"), eq("b", ":b")), eq("c", ":c")));
    }

    @Test
    void andIsLeftAssociative() {
        assertThat(parse("a = :a AND b = :b AND c = :c"))
                .isEqualTo(new Condition.And(new Condition.And(eq("a", ":a"), eq("b", ":b")), eq("c", ":c")));
    }

    @Test
    void keywordsAreCaseInsensitive() {
        assertThat(parse("a between :x and :y or not b in (:z)")).isEqualTo(new Condition.Or(
                new Condition.Between(path("a"), new Operand.ValueRef(":x"), new Operand.ValueRef(":y")),
                new Condition.Not(new Condition.In(path("b"), List.of(new Operand.ValueRef(":z"))))));
    }

    @Test
    void parenthesizedOperandsMayBeCompared() {
        assertThat(parse("(a) = :v")).isEqualTo(eq("a", ":v"));
        assertThat(parse("a = (:v)")).isEqualTo(eq("a", ":v"));
    }

    @Test
    void parenthesizedFunctionStandsAsCondition() {
        assertThat(parse("(attribute_exists(a))")).isEqualTo(new Condition.FunctionCondition(
                new Operand.FunctionCall(Function.ATTRIBUTE_EXISTS, List.of(path("a")))));
    }

    @Test
    void everyConditionFunctionParses() {
        for (String text : List.of("attribute_exists(a)", "attribute_not_exists(a)", "attribute_type(a, :t)",
                "begins_with(a, :p)", "contains(a, :v)")) {
            assertThat(parse(text)).isInstanceOf(Condition.FunctionCondition.class);
        }
    }

    @Test
    void sizeIsAnOperand() {
        assertThat(parse("size(a) > :n")).isEqualTo(new Condition.Comparison(
                new Operand.FunctionCall(Function.SIZE, List.of(path("a"))), Comparator.GT, new Operand.ValueRef(":n")));
    }

    @Test
    void functionNameMayBeFollowedBySpace() {
        assertThat(parse("attribute_exists (a)")).isInstanceOf(Condition.FunctionCondition.class);
    }

    @Test
    void functionNamesAreAlsoAttributeNames() {
        assertThat(parse("size = :v")).isEqualTo(eq("size", ":v"));
    }

    @Test
    void documentPathsNestMapsAndLists() {
        Condition c = parse("a.#b[2][0].c = :v");
        assertThat(((Condition.Comparison) c).left()).isEqualTo(DocumentPath.of(
                new PathElement.AttributeName("a"), new PathElement.NameRef("#b"), new PathElement.ListIndex(2),
                new PathElement.ListIndex(0), new PathElement.AttributeName("c")));
    }

    @Test
    void inAcceptsAHundredOperands() {
        String list = String.join(",", java.util.Collections.nCopies(100, ":v"));
        assertThat(parse("a IN (" + list + ")")).isInstanceOf(Condition.In.class);
    }

    @Test
    void inWithMoreThanAHundredOperandsIsRejected() {
        String list = String.join(",", java.util.Collections.nCopies(101, ":v"));
        assertRejected("a IN (" + list + ")",
                "Invalid FilterExpression: The IN operator is provided with too many operands; number of operands: 101");
    }

    @Test
    void missingRightOperandIsASyntaxErrorAtEnd() {
        assertRejected("a =", "Invalid FilterExpression: Syntax error; token: \"<EOF>\", near: \"=\"");
    }

    @Test
    void syntaxErrorShowsTokensAroundTheOffendingOne() {
        assertRejected("a = = :v", "Invalid FilterExpression: Syntax error; token: \"=\", near: \"= = :v\"");
        assertRejected("a = :v b", "Invalid FilterExpression: Syntax error; token: \"b\", near: \":v b\"");
        assertRejected("a[x] = :v", "Invalid FilterExpression: Syntax error; token: \"x\", near: \"[x]\"");
    }

    @Test
    void danglingAndIsASyntaxError() {
        assertRejected("a = :v AND", "Invalid FilterExpression: Syntax error; token: \"<EOF>\", near: \"AND\"");
    }

    @Test
    void bareAttributeIsNotACondition() {
        assertRejected("a", "Invalid FilterExpression: Syntax error; token: \"<EOF>\", near: \"a\"");
    }

    @Test
    void unknownCharactersAreSyntaxErrors() {
        assertRejected("a != :v", "Invalid FilterExpression: Syntax error; token: \"!\", near: \"a !=\"");
        assertRejected("a = \"x\"", "Invalid FilterExpression: Syntax error; token: \"\"\", near: \"= \"x\"");
        assertRejected("_a = :v", "Invalid FilterExpression: Syntax error; token: \"_\", near: \"_a\"");
    }

    @Test
    void namesStartWithALetter() {
        assertRejected("1a = :v", "Invalid FilterExpression: Syntax error; token: \"1\", near: \"1a\"");
    }

    @Test
    void keywordIsNotAnAttributeName() {
        assertRejected("between = :v", "Invalid FilterExpression: Syntax error; token: \"between\", near: \"between =\"");
    }

    @Test
    void listIndexHasNoLeadingZeros() {
        assertRejected("a[007] = :v", "Invalid FilterExpression: Syntax error; token: \"0\", near: \"007\"");
    }

    @Test
    void negativeListIndexIsASyntaxError() {
        assertRejected("a[-1] = :v", "Invalid FilterExpression: Syntax error; token: \"-\", near: \"[-1\"");
    }

    @Test
    void listIndexBeyondIntegerRangeIsRejected() {
        assertRejected("a[99999999999] = :v",
                "Invalid FilterExpression: List index is not within the allowable range; index: [99999999999]");
    }

    @Test
    void emptyFunctionArgumentsAreASyntaxError() {
        assertRejected("size() = :v", "Invalid FilterExpression: Syntax error; token: \")\", near: \"() =\"");
    }

    @Test
    void whitespaceOnlyExpressionIsASyntaxError() {
        assertRejected("   ", "Invalid FilterExpression: Syntax error; token: \"<EOF>\", near: \"   \"");
    }

    @Test
    void emptyExpressionIsRejected() {
        assertRejected("", "Invalid FilterExpression: The expression can not be empty;");
    }

    @Test
    void reservedWordAsBareNameIsRejected() {
        assertRejected("name = :v", "Invalid FilterExpression: Attribute name is a reserved keyword; reserved keyword: name");
    }

    @Test
    void reservedWordInsideAPathIsRejectedAsWritten() {
        assertRejected("a.NAME = :v", "Invalid FilterExpression: Attribute name is a reserved keyword; reserved keyword: NAME");
    }

    @Test
    void syntaxErrorWinsOverReservedWord() {
        assertRejected("name = :v AND", "Invalid FilterExpression: Syntax error; token: \"<EOF>\", near: \"AND\"");
    }

    @Test
    void unknownFunctionIsRejected() {
        assertRejected("foo(a)", "Invalid FilterExpression: Invalid function name; function: foo");
    }

    @Test
    void functionNamesAreCaseSensitive() {
        assertRejected("Size(a) = :v", "Invalid FilterExpression: Invalid function name; function: Size");
    }

    @Test
    void leftmostDeferredProblemIsReported() {
        assertRejected("foo(name)", "Invalid FilterExpression: Invalid function name; function: foo");
        assertRejected("name = :v AND foo(a)", "Invalid FilterExpression: Attribute name is a reserved keyword; reserved keyword: name");
    }

    @Test
    void doubledParenthesesAreRedundant() {
        assertRejected("((a = :v))", "Invalid FilterExpression: The expression has redundant parentheses;");
        assertRejected("((a)) = :v", "Invalid FilterExpression: The expression has redundant parentheses;");
        assertRejected("a = ((:v))", "Invalid FilterExpression: The expression has redundant parentheses;");
    }

    @Test
    void redundantParenthesesAreReportedBeforeALaterSyntaxError() {
        assertRejected("((a = :v)) AND", "Invalid FilterExpression: The expression has redundant parentheses;");
    }

    @Test
    void nestedButNotDoubledParenthesesAreFine() {
        assertThat(parse("((a = :a) AND b = :b)")).isInstanceOf(Condition.And.class);
        assertThat(parse("a IN ((:v))")).isInstanceOf(Condition.In.class);
    }

    @Test
    void expressionOf4096CharactersIsAccepted() {
        String text = "a = :v AND " + "b".repeat(4096 - 16) + " = :v";
        assertThat(text).hasSize(4096);
        assertThat(parse(text)).isInstanceOf(Condition.And.class);
    }

    @Test
    void expressionOver4096CharactersIsRejected() {
        String text = "a = :v AND " + "b".repeat(4097 - 16) + " = :v";
        assertRejected(text, "Invalid FilterExpression: Expression size has exceeded the maximum allowed size; expression size: 4097");
    }

    @Test
    void threeHundredOperatorsAreAccepted() {
        String text = String.join(" AND ", java.util.Collections.nCopies(150, "a = :v"));
        assertThat(parse(text)).isInstanceOf(Condition.And.class);
    }

    @Test
    void moreThanThreeHundredOperatorsAreRejected() {
        String text = String.join(" AND ", java.util.Collections.nCopies(151, "a = :v"));
        assertRejected(text, "Invalid FilterExpression: The expression contains too many operators; operator count: 301");
    }

    @Test
    void pathOf32LevelsIsAccepted() {
        assertThat(parse("a" + ".b".repeat(31) + " = :v")).isInstanceOf(Condition.Comparison.class);
    }

    @Test
    void pathDeeperThan32LevelsIsRejected() {
        assertRejected("a" + "[0]".repeat(32) + " = :v",
                "Invalid FilterExpression: The document path has too many nesting levels; nesting levels: 33");
    }

    @Test
    void errorsNameTheParameter() {
        assertThatThrownBy(() -> ConditionParser.parse("a =", "ConditionExpression"))
                .hasMessage("Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"=\"");
    }
}
