package dev.dynalog.core.partiql;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** A value in a statement: a path, a literal (or a parameter's value), a function call, a sum. */
public sealed interface Operand permits Operand.PathOperand, Operand.Literal, Operand.Call, Operand.Arithmetic {

    record PathOperand(Path path) implements Operand {
    }

    /** A literal or a {@code ?} parameter, as a DynamoDB JSON attribute value ({@code {"S": "x"}}). */
    record Literal(ObjectNode value) implements Operand {
    }

    record Call(String function, List<Operand> arguments) implements Operand {
        public Call {
            arguments = List.copyOf(arguments);
        }
    }

    /** {@code a + b} or {@code a - b}; only an UPDATE's SET takes it. */
    record Arithmetic(String operator, Operand left, Operand right) implements Operand {
    }
}
