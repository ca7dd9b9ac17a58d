package dev.dynalog.core.expression.ast;

/** The two arithmetic operators allowed in SET actions. */
public enum ArithmeticOperator {
    PLUS("+"), MINUS("-");

    private final String text;

    ArithmeticOperator(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
