package dev.dynalog.core.expression.legacy;

import static dev.dynalog.core.expression.Values.l;
import static dev.dynalog.core.expression.Values.n;
import static dev.dynalog.core.expression.Values.s;
import static dev.dynalog.core.expression.legacy.Expressions.condition;
import static dev.dynalog.core.expression.legacy.Expressions.readBack;
import static dev.dynalog.core.expression.legacy.Expressions.readBackUpdate;
import static dev.dynalog.core.expression.legacy.Expressions.update;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dynalog.core.expression.ast.Condition;
import dev.dynalog.core.expression.ast.UpdateExpression;
import dev.dynalog.core.expression.legacy.AttributeUpdates.ValueUpdate;
import dev.dynalog.core.expression.legacy.ExpectedConditions.ExpectedValue;
import dev.dynalog.core.model.AttributeValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Trees written as expression text read back unchanged, as the partition's processor reads them. */
class ExpressionTextTest {

    private static void assertReadsBack(Condition c) {
        assertThat(readBack(ExpressionText.of(c))).isEqualTo(c);
    }

    @Test
    void namesAndValuesBecomePlaceholders() {
        ExpressionText text = ExpressionText.of(condition("a = :0 AND size(a) > :1", s("x"), n("1")));
        assertThat(text.text()).isEqualTo("#0 = :0 AND size(#0) > :1");
        assertThat(text.names()).containsExactly(Map.entry("#0", "a"));
        assertThat(text.values()).containsExactly(Map.entry(":0", s("x")), Map.entry(":1", n("1")));
    }

    @Test
    void reservedWordsAndOddNamesNeedNoQuoting() {
        Map<String, ExpectedValue> expected = new LinkedHashMap<>();
        expected.put("Percentile", ExpectedValue.exists(false));
        expected.put("a.b c", ExpectedValue.value(n("1")));
        Condition c = ExpectedConditions.toCondition(expected, "OR").orElseThrow();
        assertThat(ExpressionText.of(c).text()).isEqualTo("attribute_not_exists(#0) OR #1 = :0");
        assertReadsBack(c);
    }

    @Test
    void parenthesesOnlyWhereTheTreeNeedsThem() {
        Condition c = condition("(a = :0 OR b = :0) AND NOT (c = :0 AND d = :0) OR e = :0", n("1"));
        assertThat(ExpressionText.of(c).text())
                .isEqualTo("(#0 = :0 OR #1 = :1) AND NOT (#2 = :2 AND #3 = :3) OR #4 = :4");
        assertReadsBack(c);
    }

    @Test
    void rightNestedOperatorsKeepTheirGrouping() {
        assertReadsBack(condition("a = :0 AND (b = :0 AND c = :0)", n("1")));
        assertReadsBack(condition("a = :0 OR (b = :0 OR c = :0)", n("1")));
        assertReadsBack(condition("NOT NOT a = :0", n("1")));
    }

    @Test
    void everyLegacyOperatorReadsBack() {
        Map<String, LegacyFilters.FilterCondition> filter = new LinkedHashMap<>();
        filter.put("a", LegacyFilters.FilterCondition.of("NOT_CONTAINS", s("x")));
        filter.put("b", LegacyFilters.FilterCondition.of("BETWEEN", n("1"), n("2")));
        filter.put("c", LegacyFilters.FilterCondition.of("BEGINS_WITH", s("p")));
        filter.put("d", LegacyFilters.FilterCondition.of("NULL"));
        filter.put("e", LegacyFilters.FilterCondition.of("NE", l()));
        List<AttributeValue> many = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            many.add(n(Integer.toString(i)));
        }
        filter.put("f", new LegacyFilters.FilterCondition("IN", many));
        assertReadsBack(LegacyFilters.scanFilter(filter, null).orElseThrow());
        assertReadsBack(LegacyFilters.scanFilter(filter, "OR").orElseThrow());
    }

    @Test
    void updatesReadBackClauseByClause() {
        Map<String, ValueUpdate> updates = new LinkedHashMap<>();
        updates.put("a", ValueUpdate.add(l(n("1"))));
        updates.put("b", ValueUpdate.delete());
        updates.put("c", ValueUpdate.add(n("1")));
        updates.put("d", ValueUpdate.put(s("x")));
        UpdateExpression u = AttributeUpdates.toUpdate(updates).orElseThrow();
        ExpressionText text = ExpressionText.of(u);
        assertThat(text.text()).isEqualTo("SET #0 = list_append(if_not_exists(#0, :0), :1), #1 = :2 REMOVE #2 ADD #3 :3");
        assertThat(readBackUpdate(text)).isEqualTo(u);
    }

    @Test
    void arithmeticAndNestedPathsReadBack() {
        UpdateExpression u = update("SET a.b[2] = c + :0, d = if_not_exists(d, :0)", n("1"));
        assertThat(readBackUpdate(ExpressionText.of(u))).isEqualTo(u);
    }
}
