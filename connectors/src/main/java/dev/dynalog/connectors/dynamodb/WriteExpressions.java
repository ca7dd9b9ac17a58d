package dev.dynalog.connectors.dynamodb;

import dev.dynalog.connectors.dynamodb.LegacyParameters.ExpectedMembers;
import dev.dynalog.core.error.Errors;
import dev.dynalog.core.expression.ExpressionAttributes;
import dev.dynalog.core.expression.ExpressionParser;
import dev.dynalog.core.expression.ExpressionResolver;
import dev.dynalog.core.expression.ast.Condition;
import dev.dynalog.core.expression.ast.UpdateAction;
import dev.dynalog.core.expression.ast.UpdateExpression;
import dev.dynalog.core.expression.legacy.AttributeUpdates;
import dev.dynalog.core.expression.legacy.AttributeUpdates.ValueUpdate;
import dev.dynalog.core.expression.legacy.ExpectedConditions;
import dev.dynalog.core.expression.legacy.ExpressionText;
import dev.dynalog.core.expression.legacy.ParameterMixing;
import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.model.KeySchema;
import dev.dynalog.schemas.command.Expression;
import java.util.Map;

/**
 * The condition and update of a write request, from ConditionExpression and UpdateExpression or
 * from their legacy counterparts Expected (with ConditionalOperator) and AttributeUpdates. Either
 * way the command carries expression text: a legacy member is translated to an expression tree
 * and written back as text with its own placeholders ({@link ExpressionText}), so the processor
 * reads one kind of condition and update.
 *
 * <p>Checked at the front door in DynamoDB's order, in two steps: {@link #read} before the table
 * is looked up (parameter mixing, then syntax and placeholders of each expression, then
 * placeholders left unused), {@link #translateLegacy} once the table and the key are known to be
 * valid (DynamoDB checks the entries of Expected, then of AttributeUpdates, only then). What
 * depends on the item is checked by the processor.
 */
public final class WriteExpressions {
    private final Expression condition;
    private final Expression update;
    private final UpdateExpression resolvedUpdate;
    private final ExpectedMembers legacyCondition;
    private final Map<String, ValueUpdate> legacyUpdate;

    private WriteExpressions(Expression condition, Expression update, UpdateExpression resolvedUpdate,
                             ExpectedMembers legacyCondition, Map<String, ValueUpdate> legacyUpdate) {
        this.condition = condition;
        this.update = update;
        this.resolvedUpdate = resolvedUpdate;
        this.legacyCondition = legacyCondition;
        this.legacyUpdate = legacyUpdate;
    }

    /**
     * Reads ConditionExpression, and UpdateExpression for UpdateItem, with their placeholders;
     * {@code operation} names the request for the mixing rules. The legacy members, read by
     * {@link LegacyParameters}, are kept for {@link #translateLegacy}; {@code attributeUpdates} is
     * null except for UpdateItem.
     */
    public static WriteExpressions read(RequestFields f, String operation, ExpectedMembers expected,
                                        Map<String, ValueUpdate> attributeUpdates) {
        ParameterMixing.check(operation, f.presentMembers());
        Map<String, String> names = f.stringMap("ExpressionAttributeNames");
        Map<String, AttributeValue> values = f.item("ExpressionAttributeValues");
        ExpressionAttributes attributes = ExpressionAttributes.of(names, values);
        String updateText = f.string("UpdateExpression");
        String conditionText = f.string("ConditionExpression");
        UpdateExpression update = updateText == null ? null : ExpressionResolver.resolveUpdate(
                ExpressionParser.parseUpdate(updateText), attributes, ExpressionParser.UPDATE_EXPRESSION);
        if (conditionText != null) {
            ExpressionResolver.resolveCondition(
                    ExpressionParser.parseCondition(conditionText, ExpressionParser.CONDITION_EXPRESSION),
                    attributes, ExpressionParser.CONDITION_EXPRESSION);
        }
        attributes.assertAllUsed();
        return new WriteExpressions(CommandExpressionRecords.of(conditionText, names, values),
                CommandExpressionRecords.of(updateText, names, values), update, expected, attributeUpdates);
    }

    /**
     * Translates Expected and AttributeUpdates, if the request has them, into expressions;
     * throws DynamoDB's ValidationException for the first invalid entry.
     */
    public WriteExpressions translateLegacy() {
        Expression legacyConditionRecord = null;
        if (legacyCondition != null) {
            legacyConditionRecord = ExpectedConditions.toCondition(legacyCondition.expected(),
                    legacyCondition.conditionalOperator()).map(WriteExpressions::conditionRecord).orElse(null);
        }
        Expression legacyUpdateRecord = null;
        UpdateExpression legacyResolvedUpdate = null;
        if (legacyUpdate != null) {
            UpdateExpression tree = AttributeUpdates.toUpdate(legacyUpdate).orElse(null);
            if (tree != null) {
                ExpressionText text = ExpressionText.of(tree);
                legacyResolvedUpdate = ExpressionResolver.resolveUpdate(ExpressionParser.parseUpdate(text.text()),
                        attributes(text), ExpressionParser.UPDATE_EXPRESSION);
                legacyUpdateRecord = CommandExpressionRecords.of(text.text(), text.names(), text.values());
            }
        }
        return new WriteExpressions(condition != null ? condition : legacyConditionRecord,
                update != null ? update : legacyUpdateRecord,
                resolvedUpdate != null ? resolvedUpdate : legacyResolvedUpdate, null, null);
    }

    /**
     * The condition as the command carries it. Parsed back here, as the processor will parse it,
     * so that a legacy condition beyond the expression limits fails at the front door.
     */
    private static Expression conditionRecord(Condition condition) {
        ExpressionText text = ExpressionText.of(condition);
        ExpressionResolver.resolveCondition(
                ExpressionParser.parseCondition(text.text(), ExpressionParser.CONDITION_EXPRESSION),
                attributes(text), ExpressionParser.CONDITION_EXPRESSION);
        return CommandExpressionRecords.of(text.text(), text.names(), text.values());
    }

    private static ExpressionAttributes attributes(ExpressionText text) {
        return ExpressionAttributes.of(text.names().isEmpty() ? null : text.names(),
                text.values().isEmpty() ? null : text.values());
    }

    /**
     * Throws DynamoDB's ValidationException if the update writes one of the table's key
     * attributes, for the first action that does; an update may change every other attribute.
     */
    public void rejectKeyAttributeUpdates(KeySchema keySchema) {
        if (resolvedUpdate == null) {
            return;
        }
        for (UpdateAction action : resolvedUpdate.actions()) {
            String attribute = action.path().topLevelName();
            if (keySchema.isKeyAttribute(attribute)) {
                throw Errors.validation("One or more parameter values were invalid: Cannot update attribute "
                        + attribute + ". This attribute is part of the key");
            }
        }
    }

    /** The resolved update (UpdateExpression, or AttributeUpdates once translated), or null. */
    public UpdateExpression update() {
        return resolvedUpdate;
    }

    public Expression conditionRecord() {
        return condition;
    }

    public Expression updateRecord() {
        return update;
    }
}
