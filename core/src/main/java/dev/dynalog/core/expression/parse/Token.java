package dev.dynalog.core.expression.parse;

/**
 * A token and its place in the source: {@code start} inclusive, {@code end} exclusive. The
 * keyword text is kept as written; keywords compare case-insensitively.
 */
record Token(TokenType type, String text, int start, int end) {

    boolean is(TokenType t) {
        return type == t;
    }

    boolean isKeyword(String keyword) {
        return type == TokenType.KEYWORD && text.equalsIgnoreCase(keyword);
    }

    /** The text DynamoDB shows for this token in a syntax error. */
    String display() {
        return type == TokenType.EOF ? "<EOF>" : text;
    }
}
