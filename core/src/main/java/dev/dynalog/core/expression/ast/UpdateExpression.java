package dev.dynalog.core.expression.ast;

import java.util.List;

/**
 * An update expression: its actions in the order written (clauses in any order, each clause
 * at most once). Order matters only for error reporting; DynamoDB applies all actions to the
 * same old image.
 */
public record UpdateExpression(List<UpdateAction> actions) {
    public UpdateExpression {
        actions = List.copyOf(actions);
    }
}
