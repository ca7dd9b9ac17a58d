package dev.dynalog.core.expression.eval;

import static dev.dynalog.core.expression.Values.item;
import static dev.dynalog.core.expression.Values.l;
import static dev.dynalog.core.expression.Values.m;
import static dev.dynalog.core.expression.Values.n;
import static dev.dynalog.core.expression.Values.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynalog.core.error.DynamoDbException;
import dev.dynalog.core.expression.ExpressionAttributes;
import dev.dynalog.core.expression.ExpressionParser;
import dev.dynalog.core.expression.ExpressionResolver;
import dev.dynalog.core.expression.ast.UpdateExpression;
import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.number.Numbers;
import dev.dynalog.core.size.ItemSize;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/**
 * UpdateExpression semantics. Each expectation was checked against DynamoDB Local 2.6.1 with the
 * same item and expression, except where a test says DynamoDB's documented behaviour differs.
 */
class UpdateApplierTest {
    private static final String MISSING_OPERAND = "The provided expression refers to an attribute that does not exist in the item";
    private static final String INVALID_PATH = "The document path provided in the update expression is invalid for update";
    private static final String WRONG_TYPE = "An operand in the update expression has an incorrect data type";

    private static final Map<String, AttributeValue> ITEM = item(
            "id", s("doc"), "s", s("str"), "n", n("10"), "l", l(s("a"), s("b"), s("c"), s("d")),
            "m", m("k", s("v"), "nn", n("1"), "ss", ss("a", "b")),
            "ss", ss("a", "b"), "ns", new AttributeValue.NS(List.of("1", "2")));

    private static AttributeValue ss(String... members) {
        return new AttributeValue.SS(List.of(members));
    }

    private static UpdateExpression parse(String update, Object... values) {
        Map<String, AttributeValue> v = values.length == 0 ? null : item(values);
        return ExpressionResolver.resolveUpdate(ExpressionParser.parseUpdate(update),
                ExpressionAttributes.of(null, v), ExpressionParser.UPDATE_EXPRESSION);
    }

    private static UpdateApplier.Result result(Map<String, AttributeValue> old, String update, Object... values) {
        return UpdateApplier.apply(parse(update, values), old);
    }

    private static Map<String, AttributeValue> apply(String update, Object... values) {
        return result(ITEM, update, values).item();
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> failure(String update, Object... values) {
        return assertThatThrownBy(() -> apply(update, values)).as(update).isInstanceOf(DynamoDbException.class);
    }

    /** A number as the JSON codec leaves it: canonical. */
    private static AttributeValue number(String text) {
        return n(Numbers.canonical(text));
    }

    // ---- SET ----------------------------------------------------------------------------------

    @Test
    void setReplacesAnAttribute() {
        assertThat(apply("SET s = :v", ":v", n("1")).get("s")).isEqualTo(n("1"));
    }

    @Test
    void setCreatesAnAttributeThatDidNotExist() {
        assertThat(apply("SET fresh = :v", ":v", s("x")).get("fresh")).isEqualTo(s("x"));
    }

    @Test
    void setOnAMissingItemCreatesIt() {
        assertThat(result(Map.of(), "SET a = :v", ":v", s("x")).item()).isEqualTo(item("a", s("x")));
    }

    @Test
    void everyActionSeesTheItemAsItWasBeforeTheUpdate() {
        Map<String, AttributeValue> swapped = apply("SET s = n, n = s");
        assertThat(swapped.get("s")).isEqualTo(n("10"));
        assertThat(swapped.get("n")).isEqualTo(s("str"));
    }

    @Test
    void setIntoANestedMapKeepsItsOtherEntries() {
        assertThat(apply("SET m.k = :v", ":v", s("w")).get("m"))
                .isEqualTo(m("k", s("w"), "nn", n("1"), "ss", ss("a", "b")));
    }

    @Test
    void setOfAListElementReplacesIt() {
        assertThat(apply("SET l[1] = :v", ":v", s("B")).get("l")).isEqualTo(l(s("a"), s("B"), s("c"), s("d")));
    }

    @Test
    void setPastTheEndOfAListAppends() {
        assertThat(apply("SET l[10] = :v", ":v", s("end")).get("l")).isEqualTo(l(s("a"), s("b"), s("c"), s("d"), s("end")));
    }

    @Test
    void severalAppendsPastTheEndLandInIndexOrderNotInWrittenOrder() {
        assertThat(apply("SET l[9] = :z, l[8] = :y", ":z", s("z"), ":y", s("y")).get("l"))
                .isEqualTo(l(s("a"), s("b"), s("c"), s("d"), s("y"), s("z")));
    }

    @Test
    void setBelowAMissingAttributeFails() {
        failure("SET nope.a = :v", ":v", n("1")).hasMessage(INVALID_PATH);
    }

    @Test
    void setBelowAMissingItemFails() {
        assertThatThrownBy(() -> result(Map.of(), "SET a.b = :v", ":v", n("1"))).hasMessage(INVALID_PATH);
    }

    @Test
    void setBelowAScalarFails() {
        failure("SET s.x = :v", ":v", n("1")).hasMessage(INVALID_PATH);
        failure("SET s[0] = :v", ":v", n("1")).hasMessage(INVALID_PATH);
    }

    @Test
    void aNameStepIntoAListOrAnIndexStepIntoAMapFails() {
        failure("SET l.x = :v", ":v", n("1")).hasMessage(INVALID_PATH);
        failure("SET m[0] = :v", ":v", n("1")).hasMessage(INVALID_PATH);
    }

    @Test
    void setBelowAListElementPastTheEndFails() {
        failure("SET l[5].x = :v", ":v", n("1")).hasMessage(INVALID_PATH);
    }

    @Test
    void anOperandThatDoesNotExistFails() {
        failure("SET x = nope").hasMessage(MISSING_OPERAND);
    }

    // ---- arithmetic ---------------------------------------------------------------------------

    @Test
    void plusAddsToANumberOfTheOldItem() {
        assertThat(apply("SET n = n + :v", ":v", n("5")).get("n")).isEqualTo(n("15"));
    }

    @Test
    void minusMayTakeTheValueFirst() {
        assertThat(apply("SET n = :v - n", ":v", n("0.5")).get("n")).isEqualTo(n("-9.5"));
    }

    @Test
    void arithmeticResultsAreCanonical() {
        // DynamoDB Local answers "0.00" here; DynamoDB returns numbers normalized, and so do we.
        assertThat(apply("SET x = :a - :b", ":a", n("1.5"), ":b", number("1.50")).get("x")).isEqualTo(n("0"));
    }

    @Test
    void arithmeticMayCarryInto38Digits() {
        assertThat(apply("SET x = :a + :b", ":a", n("9".repeat(38)), ":b", n("1")).get("x"))
                .isEqualTo(n("1" + "0".repeat(38)));
    }

    @Test
    void arithmeticNeedingMoreThan38DigitsFails() {
        failure("SET x = :a + :b", ":a", number("1E+37"), ":b", n("0.1"))
                .hasMessage("DynamoDB only supports precision up to 38 digits");
    }

    @Test
    void arithmeticBelowTheSmallestMagnitudeFails() {
        failure("SET x = :a - :b", ":a", number("1.0000000000000000000000000000000000001E-129"), ":b", number("1E-129"))
                .hasMessage("Number underflow. Attempting to store a number with magnitude smaller than supported range");
    }

    @Test
    void arithmeticOnANonNumberFails() {
        failure("SET x = s + :v", ":v", n("1")).hasMessage(WRONG_TYPE);
    }

    @Test
    void arithmeticChecksItsOperandsLeftToRight() {
        failure("SET x = nope + s").hasMessage(MISSING_OPERAND);
        failure("SET x = s + nope").hasMessage(WRONG_TYPE);
    }

    // ---- if_not_exists and list_append --------------------------------------------------------

    @Test
    void ifNotExistsKeepsAnExistingValue() {
        assertThat(apply("SET x = if_not_exists(n, :v)", ":v", n("7")).get("x")).isEqualTo(n("10"));
    }

    @Test
    void ifNotExistsTakesTheFallbackForAMissingAttribute() {
        assertThat(apply("SET x = if_not_exists(nope, :v)", ":v", n("7")).get("x")).isEqualTo(n("7"));
    }

    @Test
    void ifNotExistsTakesTheFallbackForAPathThroughAMissingParent() {
        assertThat(apply("SET x = if_not_exists(nope.a, :v)", ":v", n("7")).get("x")).isEqualTo(n("7"));
    }

    @Test
    void ifNotExistsEvaluatesItsFallbackEvenWhenTheValueExists() {
        failure("SET x = if_not_exists(n, nope)").hasMessage(MISSING_OPERAND);
    }

    @Test
    void ifNotExistsCanFeedArithmetic() {
        assertThat(apply("SET x = if_not_exists(nope, :v) + :v", ":v", n("2")).get("x")).isEqualTo(n("4"));
    }

    @Test
    void listAppendJoinsTwoListsInOrder() {
        assertThat(apply("SET l = list_append(:w, l)", ":w", l(n("0"))).get("l"))
                .isEqualTo(l(n("0"), s("a"), s("b"), s("c"), s("d")));
    }

    @Test
    void listAppendOfANonListFails() {
        failure("SET x = list_append(l, s)").hasMessage(WRONG_TYPE);
    }

    @Test
    void listAppendChecksEachOperandBeforeEvaluatingTheNext() {
        failure("SET x = list_append(s, nope)").hasMessage(WRONG_TYPE);
        failure("SET x = list_append(nope, s)").hasMessage(MISSING_OPERAND);
    }

    // ---- REMOVE -------------------------------------------------------------------------------

    @Test
    void removeDeletesAnAttribute() {
        assertThat(apply("REMOVE s")).doesNotContainKey("s");
    }

    @Test
    void removeDeletesAnEntryOfANestedMap() {
        assertThat(apply("REMOVE m.k").get("m")).isEqualTo(m("nn", n("1"), "ss", ss("a", "b")));
    }

    @Test
    void removeOfAListElementCompactsTheList() {
        assertThat(apply("REMOVE l[1]").get("l")).isEqualTo(l(s("a"), s("c"), s("d")));
    }

    @Test
    void removeSeveralListElementsUsesOldPositions() {
        assertThat(apply("REMOVE l[3], l[1]").get("l")).isEqualTo(l(s("a"), s("c")));
    }

    @Test
    void setAndRemoveInOneListBothUseOldPositions() {
        assertThat(apply("SET l[1] = :v REMOVE l[0]", ":v", s("z")).get("l")).isEqualTo(l(s("z"), s("c"), s("d")));
    }

    @Test
    void removingWhatIsNotThereChangesNothing() {
        assertThat(apply("REMOVE nope, l[7], m.zz")).isEqualTo(ITEM);
    }

    @Test
    void removeBelowAMissingAttributeFails() {
        failure("REMOVE nope.x").hasMessage(INVALID_PATH);
    }

    // ---- ADD ----------------------------------------------------------------------------------

    @Test
    void addToMissingNumberStartsFromZero() {
        assertThat(apply("ADD fresh :v", ":v", n("-3")).get("fresh")).isEqualTo(n("-3"));
    }

    @Test
    void addToANumberAddsToIt() {
        assertThat(apply("ADD n :v", ":v", n("2.5")).get("n")).isEqualTo(n("12.5"));
    }

    @Test
    void addToASetJoinsItWithoutDuplicates() {
        assertThat(apply("ADD ss :v", ":v", ss("c", "a")).get("ss")).isEqualTo(ss("a", "b", "c"));
    }

    @Test
    void addToAMissingSetCreatesIt() {
        assertThat(apply("ADD fresh :v", ":v", ss("x")).get("fresh")).isEqualTo(ss("x"));
    }

    @Test
    void addReachesNestedAttributes() {
        assertThat(apply("ADD m.nn :v", ":v", n("5")).get("m")).isEqualTo(m("k", s("v"), "nn", n("6"), "ss", ss("a", "b")));
    }

    @Test
    void addPastTheEndOfAListAppendsInIndexOrderWithSetAppends() {
        assertThat(apply("SET l[7] = :v ADD l[6] :w", ":v", n("5"), ":w", n("6")).get("l"))
                .isEqualTo(l(s("a"), s("b"), s("c"), s("d"), n("6"), n("5")));
    }

    @Test
    void additionBeyondTheLargestMagnitudeFails() {
        failure("SET x = :a + :b", ":a", number("9E+125"), ":b", number("9E+125"))
                .hasMessage("Number overflow. Attempting to store a number with magnitude larger than supported range");
    }

    @Test
    void addOfANumberToAStringFails() {
        failure("ADD s :v", ":v", n("1")).hasMessage(WRONG_TYPE);
    }

    @Test
    void addOfASetToASetOfAnotherTypeFails() {
        failure("ADD ss :v", ":v", new AttributeValue.NS(List.of("1"))).hasMessage(WRONG_TYPE);
    }

    @Test
    void addOfASetToANumberFails() {
        failure("ADD n :v", ":v", ss("1")).hasMessage(WRONG_TYPE);
    }

    @Test
    void addBelowAMissingAttributeFails() {
        failure("ADD nope.x :v", ":v", n("1")).hasMessage(INVALID_PATH);
    }

    @Test
    void addBeyond38DigitsFails() {
        assertThatThrownBy(() -> result(item("n", number("1E+37")), "ADD n :v", ":v", n("0.1")))
                .hasMessage("DynamoDB only supports precision up to 38 digits");
    }

    // ---- DELETE -------------------------------------------------------------------------------

    @Test
    void deleteRemovesMembersFromASet() {
        assertThat(apply("DELETE ss :v", ":v", ss("a")).get("ss")).isEqualTo(ss("b"));
    }

    @Test
    void deleteComparesNumberMembersByValue() {
        assertThat(apply("DELETE ns :v", ":v", new AttributeValue.NS(List.of(Numbers.canonical("1.00")))).get("ns"))
                .isEqualTo(new AttributeValue.NS(List.of("2")));
    }

    @Test
    void deletingEveryMemberOfASetRemovesTheAttribute() {
        assertThat(apply("DELETE ss :v", ":v", ss("a", "b"))).doesNotContainKey("ss");
    }

    @Test
    void deletingEveryMemberOfANestedSetRemovesIt() {
        assertThat(apply("DELETE m.ss :v", ":v", ss("b", "a")).get("m")).isEqualTo(m("k", s("v"), "nn", n("1")));
    }

    @Test
    void deletingMembersThatAreNotThereChangesNothing() {
        assertThat(apply("DELETE ss :v", ":v", ss("z"))).isEqualTo(ITEM);
    }

    @Test
    void deleteFromAMissingAttributeChangesNothing() {
        assertThat(apply("DELETE nope :v", ":v", ss("a"))).isEqualTo(ITEM);
    }

    @Test
    void deleteFromASetOfAnotherTypeFails() {
        failure("DELETE ss :v", ":v", new AttributeValue.NS(List.of("1"))).hasMessage(WRONG_TYPE);
    }

    @Test
    void deleteFromANonSetFails() {
        failure("DELETE s :v", ":v", ss("a")).hasMessage(WRONG_TYPE);
    }

    @Test
    void deleteBelowAMissingAttributeFails() {
        failure("DELETE nope.x :v", ":v", ss("a")).hasMessage(INVALID_PATH);
    }

    // ---- which error when several actions fail ------------------------------------------------

    @Test
    void theTargetPathIsCheckedBeforeTheOperand() {
        failure("SET a.b = nope").hasMessage(INVALID_PATH);
    }

    @Test
    void aFailingSetOperandIsReportedBeforeAnInvalidPathOfAnotherAction() {
        failure("SET a.b = :v, x = nope", ":v", n("1")).hasMessage(MISSING_OPERAND);
        failure("REMOVE a.b SET x = s + :v", ":v", n("1")).hasMessage(WRONG_TYPE);
    }

    @Test
    void theLastFailingSetOperandIsReported() {
        failure("SET x = nope, y = s + :v", ":v", n("1")).hasMessage(WRONG_TYPE);
        failure("SET x = s + :v, y = nope", ":v", n("1")).hasMessage(MISSING_OPERAND);
    }

    @Test
    void aFailingSetOperandIsReportedBeforeAWrongTypeInAdd() {
        failure("ADD s :v SET x = nope", ":v", n("1")).hasMessage(MISSING_OPERAND);
    }

    @Test
    void aWrongTypeInAddOrDeleteIsReportedBeforeAnInvalidPath() {
        failure("ADD a.b :v, s :v", ":v", n("1")).hasMessage(WRONG_TYPE);
        failure("DELETE a.b :w, s :w", ":w", ss("x")).hasMessage(WRONG_TYPE);
    }

    @Test
    void aFailedUpdateLeavesTheOldItemAsItWas() {
        Map<String, AttributeValue> old = Map.copyOf(ITEM);
        assertThatThrownBy(() -> result(old, "SET s = :v, x = nope", ":v", n("1")));
        assertThat(old).isEqualTo(ITEM);
    }

    // ---- item size ----------------------------------------------------------------------------

    @Test
    void anUpdatedItemOver400KbFails() {
        Map<String, AttributeValue> big = item("a", s("x".repeat(300 * 1024)));
        assertThatThrownBy(() -> result(big, "SET b = a"))
                .hasMessage("Item size to update has exceeded the maximum allowed size");
    }

    @Test
    void anUpdatedItemOfExactly400KbIsAccepted() {
        int fill = 400 * 1024 - "id".length() - 1 - "a".length();
        UpdateApplier.Result result = result(item("id", s("x")), "SET a = :v", ":v", s("y".repeat(fill)));
        assertThat(result.itemSize()).isEqualTo(ItemSize.MAX_ITEM_BYTES).isEqualTo(ItemSize.of(result.item()));
    }

    // ---- key attributes -----------------------------------------------------------------------

    @Test
    void updatingAKeyAttributeIsRejected() {
        assertThatThrownBy(() -> UpdateApplier.requireNoKeyAttributes(parse("SET a = :v, id = :v", ":v", s("x")), Set.of("id")))
                .hasMessage("One or more parameter values were invalid: Cannot update attribute id. This attribute is part of the key");
    }

    @Test
    void updatingBelowAKeyAttributeIsRejectedWithItsTopLevelName() {
        assertThatThrownBy(() -> UpdateApplier.requireNoKeyAttributes(parse("REMOVE id.x"), Set.of("id", "sk")))
                .hasMessage("One or more parameter values were invalid: Cannot update attribute id. This attribute is part of the key");
    }

    @Test
    void updatingOtherAttributesPassesTheKeyCheck() {
        assertThatCode(() -> UpdateApplier.requireNoKeyAttributes(parse("SET a = :v REMOVE b", ":v", s("x")), Set.of("id")))
                .doesNotThrowAnyException();
    }

    // ---- ReturnValues UPDATED_OLD / UPDATED_NEW -----------------------------------------------

    @Test
    void updatedOldHoldsOnlyUpdatedAttributesThatExistedBefore() {
        assertThat(result(ITEM, "SET s = :v, fresh = :v", ":v", n("1")).updatedOld()).isEqualTo(item("s", s("str")));
    }

    @Test
    void updatedNewHoldsTheNewValuesButNotRemovedAttributes() {
        assertThat(result(ITEM, "SET s = :v REMOVE n", ":v", n("1")).updatedNew()).isEqualTo(item("s", n("1")));
    }

    /** DynamoDB returns the nested part only; DynamoDB Local returns the whole top-level attribute. */
    @Test
    void updatedOldOfANestedUpdateHoldsOnlyTheNestedPart() {
        assertThat(result(ITEM, "SET m.k = :v", ":v", s("w")).updatedOld()).isEqualTo(item("m", m("k", s("v"))));
    }

    @Test
    void updatedOldOfRemovedListElementsListsThemInIndexOrder() {
        assertThat(result(ITEM, "REMOVE l[3], l[1], l[9]").updatedOld()).isEqualTo(item("l", l(s("b"), s("d"))));
    }

    /** As in DynamoDB: the value landed at the list's end, not at the index written. */
    @Test
    void updatedNewOfAnAppendPastTheEndIsEmpty() {
        assertThat(result(ITEM, "SET l[9] = :v", ":v", s("z")).updatedNew()).isEmpty();
    }

    /** As in DynamoDB: after REMOVE l[1] the new l[1] is the element that moved into its place. */
    @Test
    void updatedNewOfARemovedListElementShowsTheElementThatMovedIn() {
        assertThat(result(ITEM, "REMOVE l[1]").updatedNew()).isEqualTo(item("l", l(s("c"))));
    }
}
