package dev.dynalog.core.expression.ast;

import java.util.Optional;

/** The functions of DynamoDB's expression language, by their (case-sensitive) names. */
public enum Function {
    ATTRIBUTE_EXISTS("attribute_exists", 1, Kind.CONDITION),
    ATTRIBUTE_NOT_EXISTS("attribute_not_exists", 1, Kind.CONDITION),
    ATTRIBUTE_TYPE("attribute_type", 2, Kind.CONDITION),
    BEGINS_WITH("begins_with", 2, Kind.CONDITION),
    CONTAINS("contains", 2, Kind.CONDITION),
    SIZE("size", 1, Kind.CONDITION_OPERAND),
    IF_NOT_EXISTS("if_not_exists", 2, Kind.UPDATE_OPERAND),
    LIST_APPEND("list_append", 2, Kind.UPDATE_OPERAND);

    /** Where a function may appear. */
    public enum Kind {
        /** Yields a boolean: stands in place of a condition. */
        CONDITION,
        /** Yields a value inside a condition expression. */
        CONDITION_OPERAND,
        /** Yields a value inside a SET action. */
        UPDATE_OPERAND
    }

    private final String text;
    private final int arity;
    private final Kind kind;

    Function(String text, int arity, Kind kind) {
        this.text = text;
        this.arity = arity;
        this.kind = kind;
    }

    public String text() {
        return text;
    }

    public int arity() {
        return arity;
    }

    public Kind kind() {
        return kind;
    }

    /** Function names are case-sensitive in DynamoDB: {@code Size(a)} is an unknown function. */
    public static Optional<Function> byName(String name) {
        for (Function f : values()) {
            if (f.text.equals(name)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
