package dev.dynalog.core.expression.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynalog.core.expression.ast.DocumentPath;
import dev.dynalog.core.expression.ast.PathElement;
import org.junit.jupiter.api.Test;

class ProjectionParserTest {

    private static void assertRejected(String text, String message) {
        assertThatThrownBy(() -> ProjectionParser.parse(text, "ProjectionExpression")).hasMessage(message);
    }

    @Test
    void commaSeparatedPaths() {
        assertThat(ProjectionParser.parse("a, #b.c, l[1]", "ProjectionExpression")).containsExactly(
                DocumentPath.of(new PathElement.AttributeName("a")),
                DocumentPath.of(new PathElement.NameRef("#b"), new PathElement.AttributeName("c")),
                DocumentPath.of(new PathElement.AttributeName("l"), new PathElement.ListIndex(1)));
    }

    @Test
    void trailingCommaIsASyntaxError() {
        assertRejected("x,", "Invalid ProjectionExpression: Syntax error; token: \"<EOF>\", near: \",\"");
    }

    @Test
    void missingCommaIsASyntaxError() {
        assertRejected("x y", "Invalid ProjectionExpression: Syntax error; token: \"y\", near: \"x y\"");
    }

    @Test
    void keywordInAPathIsASyntaxError() {
        assertRejected("a.remove", "Invalid ProjectionExpression: Syntax error; token: \"remove\", near: \".remove\"");
    }

    @Test
    void reservedWordIsRejected() {
        assertRejected("name", "Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: name");
    }

    @Test
    void emptyProjectionIsRejected() {
        assertRejected("", "Invalid ProjectionExpression: The expression can not be empty;");
    }
}
