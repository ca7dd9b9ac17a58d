package dev.dynalog.core.expression.ast;

import dev.dynalog.core.model.AttributeValue;
import java.util.List;

/**
 * Something that yields a value: a document path, a value (placeholder before resolution,
 * literal after), a function call, or (in SET actions only) {@code +}/{@code -} arithmetic.
 */
public sealed interface Operand permits DocumentPath, Operand.ValueRef, Operand.Literal,
        Operand.FunctionCall, Operand.Arithmetic {

    /** An expression attribute value placeholder such as {@code :v}; resolution replaces it. */
    record ValueRef(String placeholder) implements Operand {
    }

    /** A value taken from ExpressionAttributeValues. */
    record Literal(AttributeValue value) implements Operand {
    }

    /**
     * A function in operand position ({@code size}, {@code if_not_exists}, {@code list_append}),
     * or a condition function before validation decides whether it is allowed where it stands.
     */
    record FunctionCall(Function function, List<Operand> arguments) implements Operand {
        public FunctionCall {
            arguments = List.copyOf(arguments);
        }
    }

    record Arithmetic(Operand left, ArithmeticOperator operator, Operand right) implements Operand {
    }
}
