package dev.dynalog.core.expression.ast;

/** One action of an update expression; each names the document path it changes. */
public sealed interface UpdateAction {

    DocumentPath path();

    /** {@code SET path = value}; value may be arithmetic or a function. */
    record Set(DocumentPath path, Operand value) implements UpdateAction {
    }

    record Remove(DocumentPath path) implements UpdateAction {
    }

    /** {@code ADD path :v}: number addition or set union. */
    record Add(DocumentPath path, Operand value) implements UpdateAction {
    }

    /** {@code DELETE path :v}: set difference. */
    record Delete(DocumentPath path, Operand value) implements UpdateAction {
    }
}
