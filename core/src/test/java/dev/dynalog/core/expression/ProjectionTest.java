package dev.dynalog.core.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynalog.core.model.AttributeValue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ProjectionExpression parsing and application. */
class ProjectionTest {
    private static final Map<String, AttributeValue> ITEM = Map.of(
            "a", new AttributeValue.S("A"),
            "b", new AttributeValue.M(Map.of("c", new AttributeValue.N("1"), "d", new AttributeValue.N("2"))),
            "l", new AttributeValue.L(List.of(new AttributeValue.S("x"), new AttributeValue.S("y"), new AttributeValue.S("z"))),
            "name", new AttributeValue.S("reserved"));

    @Test
    void topLevelAttributesAreKeptAndMissingOnesIgnored() {
        assertThat(project("a, nosuch", null)).isEqualTo(Map.of("a", new AttributeValue.S("A")));
    }

    @Test
    void nestedPathsKeepTheirEnclosingMaps() {
        assertThat(project("b.c", null)).isEqualTo(Map.of("b", new AttributeValue.M(Map.of("c", new AttributeValue.N("1")))));
    }

    @Test
    void listElementsComeBackInIndexOrder() {
        assertThat(project("l[2], l[0]", null)).isEqualTo(Map.of("l", new AttributeValue.L(List.of(
                new AttributeValue.S("x"), new AttributeValue.S("z")))));
    }

    @Test
    void reservedWordsNeedAPlaceholder() {
        assertThatThrownBy(() -> project("name", null))
                .hasMessage("Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: name");
        assertThat(project("#n", Map.of("#n", "name"))).isEqualTo(Map.of("name", new AttributeValue.S("reserved")));
    }

    @Test
    void overlappingPathsAreRejected() {
        assertThatThrownBy(() -> project("a, a.b", null)).hasMessage("Invalid ProjectionExpression: Two document paths overlap "
                + "with each other; must remove or rewrite one of these paths; path one: [a], path two: [a, b]");
    }

    @Test
    void doubleCommaIsASyntaxError() {
        assertThatThrownBy(() -> project("a,,b", null))
                .hasMessage("Invalid ProjectionExpression: Syntax error; token: \",\", near: \",,b\"");
    }

    private static Map<String, AttributeValue> project(String expression, Map<String, String> names) {
        return Projection.parse(expression, ExpressionAttributes.of(names, null)).apply(ITEM);
    }
}
