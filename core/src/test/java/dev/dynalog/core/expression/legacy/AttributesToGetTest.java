package dev.dynalog.core.expression.legacy;

import static dev.dynalog.core.expression.Values.item;
import static dev.dynalog.core.expression.Values.n;
import static dev.dynalog.core.expression.Values.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynalog.core.expression.ast.DocumentPath;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Legacy AttributesToGet as a projection of top-level attributes. */
class AttributesToGetTest {

    @Test
    void namesAreTopLevelAttributesTakenLiterally() {
        assertThat(AttributesToGet.toPaths(List.of("b", "a.b", "c[0]"), AttributesToGet.MEMBER))
                .containsExactly(DocumentPath.attribute("b"), DocumentPath.attribute("a.b"), DocumentPath.attribute("c[0]"));
    }

    @Test
    void projectionKeepsTheNamedAttributesThatExist() {
        assertThat(AttributesToGet.toProjection(List.of("a", "zz")).apply(item("a", n("1"), "b", s("x"))))
                .isEqualTo(item("a", n("1")));
    }

    @Test
    void duplicateNamesAreRejected() {
        assertThatThrownBy(() -> AttributesToGet.toProjection(List.of("a", "b", "a")))
                .hasMessage("One or more parameter values were invalid: Duplicate value in attribute name: a");
    }

    @Test
    void emptyNameIsRejected() {
        assertThatThrownBy(() -> AttributesToGet.toProjection(List.of(""))).hasMessage("Empty attribute name");
    }

    @Test
    void emptyListIsAConstraintViolation() {
        assertThatThrownBy(() -> AttributesToGet.toProjection(List.of()))
                .hasMessage("1 validation error detected: Value '[]' at 'attributesToGet' failed to satisfy constraint: "
                        + "Member must have length greater than or equal to 1");
        assertThat(AttributesToGet.constraintViolations(List.of(), "requestItems.t.member.attributesToGet"))
                .containsExactly("Value '[]' at 'requestItems.t.member.attributesToGet' failed to satisfy constraint: "
                        + "Member must have length greater than or equal to 1");
    }

    @Test
    void manyNamesAreAllowed() {
        List<String> names = java.util.stream.IntStream.range(0, 1000).mapToObj(Integer::toString).toList();
        assertThat(AttributesToGet.toPaths(names, AttributesToGet.MEMBER)).hasSize(1000);
    }
}
