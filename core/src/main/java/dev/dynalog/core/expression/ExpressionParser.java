package dev.dynalog.core.expression;

import dev.dynalog.core.expression.ast.Condition;
import dev.dynalog.core.expression.ast.DocumentPath;
import dev.dynalog.core.expression.ast.UpdateExpression;
import dev.dynalog.core.expression.parse.ConditionParser;
import dev.dynalog.core.expression.parse.ProjectionParser;
import dev.dynalog.core.expression.parse.UpdateParser;
import java.util.List;

/**
 * The first step of every expression: text to syntax tree, with placeholders still in it.
 * Syntax errors, reserved words, unknown functions and the size limits are reported here;
 * {@link ExpressionResolver} does the rest.
 */
public final class ExpressionParser {
    public static final String CONDITION_EXPRESSION = "ConditionExpression";
    public static final String FILTER_EXPRESSION = "FilterExpression";
    public static final String KEY_CONDITION_EXPRESSION = "KeyConditionExpression";
    public static final String PROJECTION_EXPRESSION = "ProjectionExpression";
    public static final String UPDATE_EXPRESSION = "UpdateExpression";

    private ExpressionParser() {
    }

    /**
     * A condition or filter expression. {@code parameterName} is the request parameter that
     * held it ({@link #CONDITION_EXPRESSION}, {@link #FILTER_EXPRESSION}); errors name it.
     */
    public static Condition parseCondition(String text, String parameterName) {
        return ConditionParser.parse(text, parameterName);
    }

    /** A key condition: the condition grammar; {@link KeyConditions} restricts it afterwards. */
    public static Condition parseKeyCondition(String text) {
        return ConditionParser.parse(text, KEY_CONDITION_EXPRESSION);
    }

    public static UpdateExpression parseUpdate(String text) {
        return UpdateParser.parse(text, UPDATE_EXPRESSION);
    }

    public static List<DocumentPath> parseProjection(String text) {
        return ProjectionParser.parse(text, PROJECTION_EXPRESSION);
    }
}
