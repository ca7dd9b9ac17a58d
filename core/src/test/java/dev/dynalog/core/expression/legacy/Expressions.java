package dev.dynalog.core.expression.legacy;

import dev.dynalog.core.expression.ExpressionAttributes;
import dev.dynalog.core.expression.ExpressionParser;
import dev.dynalog.core.expression.ExpressionResolver;
import dev.dynalog.core.expression.ast.Condition;
import dev.dynalog.core.expression.ast.UpdateExpression;
import dev.dynalog.core.model.AttributeValue;
import java.util.LinkedHashMap;
import java.util.Map;

/** The expression a legacy parameter is documented to equal, parsed and resolved for comparison. */
final class Expressions {
    private Expressions() {
    }

    /** {@code condition("a = :0", s("x"))}: values bind to :0, :1, ... in order. */
    static Condition condition(String text, AttributeValue... values) {
        return ExpressionResolver.resolveCondition(
                ExpressionParser.parseCondition(text, ExpressionParser.CONDITION_EXPRESSION),
                ExpressionAttributes.of(null, values(values)), ExpressionParser.CONDITION_EXPRESSION);
    }

    static UpdateExpression update(String text, AttributeValue... values) {
        return ExpressionResolver.resolveUpdate(ExpressionParser.parseUpdate(text),
                ExpressionAttributes.of(null, values(values)), ExpressionParser.UPDATE_EXPRESSION);
    }

    /** Reads a written expression back, as the partition's processor does. */
    static Condition readBack(ExpressionText text) {
        return ExpressionResolver.resolveCondition(
                ExpressionParser.parseCondition(text.text(), ExpressionParser.CONDITION_EXPRESSION),
                attributes(text), ExpressionParser.CONDITION_EXPRESSION);
    }

    static UpdateExpression readBackUpdate(ExpressionText text) {
        return ExpressionResolver.resolveUpdate(ExpressionParser.parseUpdate(text.text()), attributes(text),
                ExpressionParser.UPDATE_EXPRESSION);
    }

    private static ExpressionAttributes attributes(ExpressionText text) {
        return ExpressionAttributes.of(text.names().isEmpty() ? null : text.names(),
                text.values().isEmpty() ? null : text.values());
    }

    private static Map<String, AttributeValue> values(AttributeValue... values) {
        if (values.length == 0) {
            return null;
        }
        Map<String, AttributeValue> map = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            map.put(":" + i, values[i]);
        }
        return map;
    }
}
