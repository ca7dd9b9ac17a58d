package dev.dynalog.core.expression;

import dev.dynalog.core.error.DynamoDbException;
import dev.dynalog.core.error.Errors;
import dev.dynalog.core.model.AttributeValue;

/**
 * DynamoDB's messages for invalid expressions. Most carry the request parameter that held the
 * expression: {@code Invalid FilterExpression: Syntax error; ...}.
 */
public final class ExpressionErrors {
    private ExpressionErrors() {
    }

    /** {@code Invalid <parameterName>: <detail>}. */
    public static DynamoDbException invalid(String parameterName, String detail) {
        return Errors.validation("Invalid " + parameterName + ": " + detail);
    }

    static DynamoDbException incorrectOperandType(String parameterName, String operator, AttributeValue value) {
        return invalid(parameterName, "Incorrect operand type for operator or function; operator or function: "
                + operator + ", operand type: " + value.type().name());
    }

    static DynamoDbException incorrectOperandType(String parameterName, String operator, String typeName) {
        return invalid(parameterName, "Incorrect operand type for operator or function; operator or function: "
                + operator + ", operand type: " + typeName);
    }

    /**
     * How DynamoDB shows a value inside a message: {@code AttributeValue: {N:5}}. Binary values
     * print as the Java buffer DynamoDB holds them in, which is what the service really answers.
     */
    static String describe(AttributeValue value) {
        String body;
        if (value instanceof AttributeValue.S s) {
            body = "S:" + s.value();
        } else if (value instanceof AttributeValue.N n) {
            body = "N:" + n.value();
        } else if (value instanceof AttributeValue.B b) {
            body = "B:java.nio.HeapByteBuffer[pos=0 lim=" + b.value().length() + " cap=" + b.value().length() + "]";
        } else {
            body = value.type().name() + ":" + value;
        }
        return "AttributeValue: {" + body + "}";
    }
}
