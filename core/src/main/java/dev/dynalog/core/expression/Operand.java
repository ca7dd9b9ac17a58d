package dev.dynalog.core.expression;

import dev.dynalog.core.model.AttributeValue;

/** An operand of a condition. */
public sealed interface Operand {

    record Path(DocumentPath path) implements Operand {
    }

    record Value(String placeholder, AttributeValue value) implements Operand {
    }

    /** {@code size(path)}, the only function that yields an operand. */
    record Size(DocumentPath path) implements Operand {
    }
}
