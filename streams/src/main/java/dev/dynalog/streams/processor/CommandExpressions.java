package dev.dynalog.streams.processor;

import dev.dynalog.core.encoding.ItemCodec;
import dev.dynalog.core.expression.ExpressionAttributes;
import dev.dynalog.core.expression.ExpressionParser;
import dev.dynalog.core.expression.ExpressionResolver;
import dev.dynalog.core.expression.Projection;
import dev.dynalog.core.expression.ast.Condition;
import dev.dynalog.core.expression.ast.DocumentPath;
import dev.dynalog.core.expression.ast.UpdateExpression;
import dev.dynalog.core.expression.eval.ConditionEvaluator;
import dev.dynalog.core.expression.eval.UpdateApplier;
import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.schemas.command.Expression;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/**
 * The expressions a command carries, turned back into resolved trees and evaluated. The front
 * door has already parsed and resolved the same text with the same placeholders, so here they
 * cannot fail for syntax; what can fail is only what depends on the item.
 */
final class CommandExpressions {
    private CommandExpressions() {
    }

    /** Decodes the stored item only when there is a condition to check. */
    static boolean conditionHolds(Expression condition, byte[] storedItem) {
        return condition == null
                || conditionHolds(condition, storedItem == null ? Map.of() : ItemCodec.decode(storedItem));
    }

    static boolean conditionHolds(Expression condition, Map<String, AttributeValue> item) {
        if (condition == null) {
            return true;
        }
        Condition resolved = ExpressionResolver.resolveCondition(
                ExpressionParser.parseCondition(condition.getText(), ExpressionParser.CONDITION_EXPRESSION),
                attributes(condition), ExpressionParser.CONDITION_EXPRESSION);
        return ConditionEvaluator.matches(resolved, item);
    }

    /** The update applied to {@code item}: the new item and the paths the update wrote. */
    static UpdateApplier.Result update(Expression update, Map<String, AttributeValue> item) {
        UpdateExpression resolved = ExpressionResolver.resolveUpdate(ExpressionParser.parseUpdate(update.getText()),
                attributes(update), ExpressionParser.UPDATE_EXPRESSION);
        return UpdateApplier.apply(resolved, item);
    }

    /** The parts of {@code item} at {@code paths}: what UPDATED_OLD and UPDATED_NEW return. */
    static Map<String, AttributeValue> project(Map<String, AttributeValue> item, List<DocumentPath> paths) {
        return Projection.of(paths).apply(item);
    }

    private static ExpressionAttributes attributes(Expression expression) {
        ByteBuffer values = expression.getValues();
        Map<String, AttributeValue> decodedValues = values.remaining() == 0 ? null : ItemCodec.decode(bytes(values));
        Map<String, String> names = expression.getNames();
        return ExpressionAttributes.of(names.isEmpty() ? null : names, decodedValues);
    }

    static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer b = buffer.duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
