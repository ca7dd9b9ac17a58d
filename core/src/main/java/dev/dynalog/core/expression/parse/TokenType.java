package dev.dynalog.core.expression.parse;

/** Token kinds of DynamoDB's expression language. */
enum TokenType {
    /** {@code [A-Za-z][A-Za-z0-9_]*} that is not a keyword. */
    IDENTIFIER,
    /** AND OR NOT BETWEEN IN SET REMOVE ADD DELETE, any case; never attribute names. */
    KEYWORD,
    /** {@code #[A-Za-z0-9_]+}. */
    NAME_REF,
    /** {@code :[A-Za-z0-9_]+}. */
    VALUE_REF,
    /** A list index: {@code 0} or digits without a leading zero. */
    NUMBER,
    LPAREN, RPAREN, LBRACKET, RBRACKET, COMMA, DOT,
    EQ, NE, LT, LE, GT, GE, PLUS, MINUS,
    /** Any other character; always a syntax error where it stands. */
    INVALID,
    EOF
}
