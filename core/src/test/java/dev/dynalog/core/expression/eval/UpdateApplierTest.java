package dev.dynalog.core.expression.eval;

import static dev.dynalog.core.expression.Values.item;
import static dev.dynalog.core.expression.Values.l;
import static dev.dynalog.core.expression.Values.m;
import static dev.dynalog.core.expression.Values.n;
import static dev.dynalog.core.expression.Values.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynalog.core.error.DynamoDbException;
import dev.dynalog.core.expression.ExpressionAttributes;
import dev.dynalog.core.expression.ExpressionParser;
import dev.dynalog.core.expression.ExpressionResolver;
import dev.dynalog.core.model.AttributeValue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UpdateApplierTest {
    private static final Map<String, AttributeValue> ITEM = item(
            "id", s("doc"), "s", s("str"), "n", n("10"), "l", l(s("x"), n("1"), s("z")), "m", m("k", s("v")),
            "ss", new AttributeValue.SS(List.of("a", "b")));

    private static Map<String, AttributeValue> apply(String update, Object... values) {
        return result(update, values).item();
    }

    private static UpdateApplier.Result result(String update, Object... values) {
        Map<String, AttributeValue> v = values.length == 0 ? null : item(values);
        return UpdateApplier.apply(ExpressionResolver.resolveUpdate(ExpressionParser.parseUpdate(update),
                ExpressionAttributes.of(null, v), ExpressionParser.UPDATE_EXPRESSION), ITEM);
    }

    @Test
    void arithmeticReadsTheOldItem() {
        assertThat(apply("SET n = n + :v", ":v", n("5")).get("n")).isEqualTo(n("15"));
        assertThat(apply("SET n = :v - n", ":v", n("0.5")).get("n")).isEqualTo(n("-9.5"));
    }

    @Test
    void everyActionSeesTheItemAsItWasBeforeTheUpdate() {
        Map<String, AttributeValue> swapped = apply("SET s = n, n = s");
        assertThat(swapped.get("s")).isEqualTo(n("10"));
        assertThat(swapped.get("n")).isEqualTo(s("str"));
    }

    @Test
    void removeSeveralListElementsUsesOldPositions() {
        assertThat(apply("REMOVE l[0], l[2]").get("l")).isEqualTo(l(n("1")));
    }

    @Test
    void setPastTheEndOfAListAppends() {
        assertThat(apply("SET l[10] = :v", ":v", s("end")).get("l")).isEqualTo(l(s("x"), n("1"), s("z"), s("end")));
    }

    @Test
    void addToMissingNumberStartsFromZeroAndAddToASetJoinsIt() {
        Map<String, AttributeValue> updated = apply("ADD fresh :v, ss :w", ":v", n("3"),
                ":w", new AttributeValue.SS(List.of("c", "a")));
        assertThat(updated.get("fresh")).isEqualTo(n("3"));
        assertThat(updated.get("ss")).isEqualTo(new AttributeValue.SS(List.of("a", "b", "c")));
    }

    @Test
    void deletingEveryMemberOfASetRemovesTheAttribute() {
        assertThat(apply("DELETE ss :v", ":v", new AttributeValue.SS(List.of("a", "b")))).doesNotContainKey("ss");
    }

    @Test
    void ifNotExistsAndListAppend() {
        Map<String, AttributeValue> updated = apply("SET a = if_not_exists(nope, :v), b = if_not_exists(n, :v), "
                + "l = list_append(:w, l)", ":v", n("7"), ":w", l(n("0")));
        assertThat(updated.get("a")).isEqualTo(n("7"));
        assertThat(updated.get("b")).isEqualTo(n("10"));
        assertThat(updated.get("l")).isEqualTo(l(n("0"), s("x"), n("1"), s("z")));
    }

    @Test
    void removingWhatIsNotThereChangesNothing() {
        assertThat(apply("REMOVE nope, l[7], m.zz")).isEqualTo(ITEM);
    }

    @Test
    void theResultNamesThePathsTheUpdateWrote() {
        assertThat(result("SET m.k = :v REMOVE s", ":v", n("1")).updatedPaths()).hasSize(2);
    }

    @Test
    void anOperandThatDoesNotExistFails() {
        assertThatThrownBy(() -> apply("SET x = nope")).isInstanceOf(DynamoDbException.class)
                .hasMessage("The provided expression refers to an attribute that does not exist in the item");
    }

    @Test
    void aPathThroughAMissingOrScalarParentFails() {
        for (String update : List.of("SET nope.a = :v", "SET s[0] = :v", "REMOVE s.x")) {
            assertThatThrownBy(() -> apply(update, ":v", n("1"))).as(update)
                    .hasMessage("The document path provided in the update expression is invalid for update");
        }
    }

    @Test
    void operandsOfTheWrongTypeFail() {
        for (String update : List.of("SET s = s + :v", "ADD s :v", "SET l = list_append(:w, s)")) {
            assertThatThrownBy(() -> apply(update, ":v", n("1"), ":w", l())).as(update)
                    .hasMessage("An operand in the update expression has an incorrect data type");
        }
    }

    @Test
    void aWrongTypeIsReportedBeforeAMissingOperand() {
        assertThatThrownBy(() -> apply("SET a = nope, c = s + :v", ":v", n("1")))
                .hasMessage("An operand in the update expression has an incorrect data type");
    }

    @Test
    void arithmeticBeyondDynamoDbsPrecisionFails() {
        assertThatThrownBy(() -> apply("SET n = :v - n", ":v", n("0.00000000000000000000000000000000000001")))
                .hasMessage("DynamoDB only supports precision up to 38 digits");
    }
}
