package dev.dynalog.core.expression.legacy;

import static dev.dynalog.core.expression.Values.b;
import static dev.dynalog.core.expression.Values.item;
import static dev.dynalog.core.expression.Values.l;
import static dev.dynalog.core.expression.Values.m;
import static dev.dynalog.core.expression.Values.n;
import static dev.dynalog.core.expression.Values.s;
import static dev.dynalog.core.expression.legacy.Expressions.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dynalog.core.expression.ast.UpdateExpression;
import dev.dynalog.core.expression.eval.UpdateApplier;
import dev.dynalog.core.expression.legacy.AttributeUpdates.ValueUpdate;
import dev.dynalog.core.model.AttributeValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Legacy AttributeUpdates as the UpdateExpression it stands for; messages from DynamoDB Local 2.6.1. */
class AttributeUpdatesTest {
    private static final AttributeValue SS = new AttributeValue.SS(List.of("a"));

    private static UpdateExpression updates(Object... namesAndUpdates) {
        return AttributeUpdates.toUpdate(map(namesAndUpdates)).orElseThrow();
    }

    private static void assertRejected(String message, Object... namesAndUpdates) {
        assertThatThrownBy(() -> AttributeUpdates.toUpdate(map(namesAndUpdates))).hasMessage(message);
    }

    private static Map<String, ValueUpdate> map(Object... namesAndUpdates) {
        Map<String, ValueUpdate> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndUpdates.length; i += 2) {
            map.put((String) namesAndUpdates[i], (ValueUpdate) namesAndUpdates[i + 1]);
        }
        return map;
    }

    @Test
    void putIsSet() {
        assertThat(updates("a", ValueUpdate.put(m()))).isEqualTo(update("SET a = :0", m()));
    }

    @Test
    void actionDefaultsToPut() {
        assertThat(updates("a", new ValueUpdate(null, n("7")))).isEqualTo(update("SET a = :0", n("7")));
    }

    @Test
    void deleteWithoutValueIsRemove() {
        assertThat(updates("a", ValueUpdate.delete())).isEqualTo(update("REMOVE a"));
    }

    @Test
    void deleteWithASetIsDelete() {
        assertThat(updates("a", ValueUpdate.delete(SS))).isEqualTo(update("DELETE a :0", SS));
    }

    @Test
    void addOfANumberOrASetIsAdd() {
        assertThat(updates("a", ValueUpdate.add(n("-3")), "b", ValueUpdate.add(SS)))
                .isEqualTo(update("ADD a :0, b :1", n("-3"), SS));
    }

    @Test
    void addOfAListAppendsToTheList() {
        assertThat(updates("a", ValueUpdate.add(l(n("2")))))
                .isEqualTo(update("SET a = list_append(if_not_exists(a, :0), :1)", l(), l(n("2"))));
        UpdateExpression add = updates("a", ValueUpdate.add(l(n("2"))));
        assertThat(UpdateApplier.apply(add, item("a", l(n("1")))).item()).isEqualTo(item("a", l(n("1"), n("2"))));
        assertThat(UpdateApplier.apply(add, item()).item()).isEqualTo(item("a", l(n("2"))));
    }

    @Test
    void actionsAreGroupedByClauseInOrderOfFirstAppearance() {
        assertThat(updates("a", ValueUpdate.delete(), "b", ValueUpdate.put(n("1")), "c", ValueUpdate.delete(),
                "d", ValueUpdate.add(n("2"))))
                .isEqualTo(update("REMOVE a, c SET b = :0 ADD d :1", n("1"), n("2")));
    }

    @Test
    void emptyAttributeUpdatesChangeNothing() {
        assertThat(AttributeUpdates.toUpdate(Map.of())).isEmpty();
        assertThat(AttributeUpdates.toUpdate(null)).isEmpty();
    }

    @Test
    void onlyDeleteGoesWithoutValue() {
        assertRejected("One or more parameter values were invalid: Only DELETE action is allowed when no attribute value is specified",
                "a", new ValueUpdate("PUT", null));
        assertRejected("One or more parameter values were invalid: Only DELETE action is allowed when no attribute value is specified",
                "a", new ValueUpdate(null, null));
    }

    @Test
    void deleteWithAValueOtherThanASetIsRejected() {
        assertRejected("One or more parameter values were invalid: DELETE action with value is not supported for the type NUMBER",
                "a", ValueUpdate.delete(n("1")));
        assertRejected("One or more parameter values were invalid: DELETE action with value is not supported for the type LIST",
                "a", ValueUpdate.delete(l()));
    }

    @Test
    void addOfAStringBinaryBooleanNullOrMapIsRejected() {
        assertRejected("One or more parameter values were invalid: ADD action is not supported for the type STRING",
                "a", ValueUpdate.add(s("x")));
        assertRejected("One or more parameter values were invalid: ADD action is not supported for the type BINARY",
                "a", ValueUpdate.add(b(1)));
        assertRejected("One or more parameter values were invalid: ADD action is not supported for the type BOOLEAN",
                "a", ValueUpdate.add(new AttributeValue.Bool(true)));
        assertRejected("One or more parameter values were invalid: ADD action is not supported for the type MAP",
                "a", ValueUpdate.add(m()));
    }

    /** DynamoDB Local says only "Member must satisfy enum value set: [ADD, DELETE, PUT]". */
    @Test
    void unknownActionIsAConstraintViolation() {
        assertRejected("1 validation error detected: Value 'XX' at 'attributeUpdates.a.member.action' failed to satisfy "
                + "constraint: Member must satisfy enum value set: [ADD, DELETE, PUT]", "a", new ValueUpdate("XX", n("1")));
    }
}
