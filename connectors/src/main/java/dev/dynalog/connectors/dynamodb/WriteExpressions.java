package dev.dynalog.connectors.dynamodb;

import dev.dynalog.core.expression.ExpressionAttributes;
import dev.dynalog.core.expression.ExpressionParser;
import dev.dynalog.core.expression.ExpressionResolver;
import dev.dynalog.core.expression.ast.UpdateExpression;
import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.schemas.command.Expression;
import java.util.Map;

/**
 * The expressions of a write request (ConditionExpression, and UpdateExpression for UpdateItem),
 * checked at the front door in DynamoDB's order: syntax and placeholders of each expression, then
 * placeholders left unused. What depends on the item is checked by the processor.
 */
public final class WriteExpressions {
    private final Map<String, String> names;
    private final Map<String, AttributeValue> values;
    private final String conditionText;
    private final String updateText;
    private final UpdateExpression update;

    private WriteExpressions(Map<String, String> names, Map<String, AttributeValue> values, String conditionText,
                             String updateText, UpdateExpression update) {
        this.names = names;
        this.values = values;
        this.conditionText = conditionText;
        this.updateText = updateText;
        this.update = update;
    }

    /** Reads ConditionExpression, and UpdateExpression if {@code withUpdate}, with their placeholders. */
    public static WriteExpressions read(RequestFields f, boolean withUpdate) {
        Map<String, String> names = f.stringMap("ExpressionAttributeNames");
        Map<String, AttributeValue> values = f.item("ExpressionAttributeValues");
        ExpressionAttributes attributes = ExpressionAttributes.of(names, values);
        String updateText = withUpdate ? f.string("UpdateExpression") : null;
        String conditionText = f.string("ConditionExpression");
        attributes.assertExpressionsPresent(updateText != null || conditionText != null);
        UpdateExpression update = updateText == null ? null : ExpressionResolver.resolveUpdate(
                ExpressionParser.parseUpdate(updateText), attributes, ExpressionParser.UPDATE_EXPRESSION);
        if (conditionText != null) {
            ExpressionResolver.resolveCondition(
                    ExpressionParser.parseCondition(conditionText, ExpressionParser.CONDITION_EXPRESSION),
                    attributes, ExpressionParser.CONDITION_EXPRESSION);
        }
        attributes.assertAllUsed();
        return new WriteExpressions(names, values, conditionText, updateText, update);
    }

    /** The resolved UpdateExpression, or null. */
    public UpdateExpression update() {
        return update;
    }

    public Expression conditionRecord() {
        return CommandExpressionRecords.of(conditionText, names, values);
    }

    public Expression updateRecord() {
        return CommandExpressionRecords.of(updateText, names, values);
    }
}
