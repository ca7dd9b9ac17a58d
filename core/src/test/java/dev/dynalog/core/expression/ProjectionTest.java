package dev.dynalog.core.expression;

import static dev.dynalog.core.expression.Values.item;
import static dev.dynalog.core.expression.Values.l;
import static dev.dynalog.core.expression.Values.m;
import static dev.dynalog.core.expression.Values.n;
import static dev.dynalog.core.expression.Values.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynalog.core.model.AttributeValue;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Projection results as DynamoDB Local 2.6.1 returns them for the same item. */
class ProjectionTest {
    private static final Map<String, AttributeValue> ITEM = item(
            "pk", s("p1"),
            "a", m("b", s("1"), "c", l(s("x"), s("y"), m("d", n("1"), "e", n("2")))),
            "l", l(n("0"), n("1"), n("2"), n("3")),
            "x", n("9"));

    private static Map<String, AttributeValue> project(String expression) {
        return Projection.parse(expression, ExpressionAttributes.of(Map.of("#l", "l"), null)).apply(ITEM);
    }

    private static Map<String, AttributeValue> projectWithoutNames(String expression) {
        return Projection.parse(expression, ExpressionAttributes.none()).apply(ITEM);
    }

    @Test
    void topLevelAttributesAreCopied() {
        assertThat(projectWithoutNames("pk, x")).isEqualTo(item("pk", s("p1"), "x", n("9")));
    }

    @Test
    void nestedMapPathKeepsTheEnclosingMap() {
        assertThat(projectWithoutNames("a.b")).isEqualTo(item("a", m("b", s("1"))));
    }

    @Test
    void listIndexYieldsAOneElementList() {
        assertThat(projectWithoutNames("a.c[1]")).isEqualTo(item("a", m("c", l(s("y")))));
    }

    @Test
    void pathThroughAListKeepsOnlyTheNamedKeys() {
        assertThat(projectWithoutNames("a.c[2].e")).isEqualTo(item("a", m("c", l(m("e", n("2"))))));
    }

    @Test
    void listIndexesAreGatheredInIndexOrder() {
        assertThat(project("#l[3], #l[1]")).isEqualTo(item("l", l(n("1"), n("3"))));
    }

    @Test
    void indexesBeyondTheListAreSkipped() {
        assertThat(projectWithoutNames("l[7], l[1]")).isEqualTo(item("l", l(n("1"))));
    }

    @Test
    void pathsIntoTheSameListElementMerge() {
        assertThat(projectWithoutNames("a.c[2].e, a.c[2].d")).isEqualTo(item("a", m("c", l(m("e", n("2"), "d", n("1"))))));
    }

    @Test
    void mapAndListPathsUnderOneAttributeMerge() {
        assertThat(projectWithoutNames("a.b, a.c[1], l[0]"))
                .isEqualTo(item("a", m("b", s("1"), "c", l(s("y"))), "l", l(n("0"))));
    }

    @Test
    void missingPathsContributeNothing() {
        assertThat(projectWithoutNames("zz, a.zz, x.y, l[1].q")).isEmpty();
        assertThat(projectWithoutNames("x[0]")).isEmpty();
    }

    @Test
    void topLevelAttributesAreListedOnce() {
        assertThat(Projection.parse("a.b, a.c, x", ExpressionAttributes.none()).topLevelAttributes()).containsExactly("a", "x");
    }

    @Test
    void overlappingPathsAreRejected() {
        assertThatThrownBy(() -> projectWithoutNames("a, a.b")).hasMessage(
                "Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a, b]");
    }

    @Test
    void repeatedPathOverlapsItself() {
        assertThatThrownBy(() -> projectWithoutNames("x, x")).hasMessage(
                "Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [x], path two: [x]");
    }

    @Test
    void placeholderPathOverlapsItsSubstitute() {
        assertThatThrownBy(() -> project("l[1], #l")).hasMessage(
                "Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [l, [1]], path two: [l]");
    }

    @Test
    void conflictingPathsAreRejected() {
        assertThatThrownBy(() -> projectWithoutNames("a.b, a[1]")).hasMessage(
                "Invalid ProjectionExpression: Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [a, b], path two: [a, [1]]");
    }
}
