package dev.dynalog.core.expression.parse;

/** DynamoDB's documented limits on expressions. */
final class ExpressionLimits {
    /** Characters (UTF-16 units, as DynamoDB counts them) in one expression string. */
    static final int MAX_EXPRESSION_LENGTH = 4096;
    /** Comparators, logical operators, BETWEEN, IN, functions and arithmetic in one expression. */
    static final int MAX_OPERATORS = 300;
    static final int MAX_IN_OPERANDS = 100;
    /** Elements of one document path, names and indexes together. */
    static final int MAX_PATH_DEPTH = 32;
    /**
     * Parentheses open at once. Not DynamoDB's number but the parsers' stack bound: each level
     * that is not redundant needs an operator, so no expression within {@link #MAX_OPERATORS}
     * comes near it, and one that does is answered without recursing further (see {@code
     * TokenCursor#enterGroup}).
     */
    static final int MAX_GROUP_DEPTH = 512;

    private ExpressionLimits() {
    }
}
