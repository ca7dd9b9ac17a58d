package dev.dynalog.core.expression.ast;

/** The binary comparators of condition expressions. */
public enum Comparator {
    EQ("="), NE("<>"), LT("<"), LE("<="), GT(">"), GE(">=");

    private final String text;

    Comparator(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    /** The comparator that gives the same result with its operands swapped ({@code a < b} is {@code b > a}). */
    public Comparator mirrored() {
        return switch (this) {
            case EQ, NE -> this;
            case LT -> GT;
            case LE -> GE;
            case GT -> LT;
            case GE -> LE;
        };
    }

    /** True for the ordering comparators, which accept only scalar operands (S, N, B). */
    public boolean isOrdering() {
        return this != EQ && this != NE;
    }
}
