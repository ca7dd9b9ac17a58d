package dev.dynalog.core.expression;

/**
 * A lexical token of an expression, with its place in the source text.
 *
 * @param kind  what it is
 * @param text  the source text of the token ("" at the end)
 * @param start offset of its first character
 * @param end   offset after its last character
 */
record Token(Kind kind, String text, int start, int end) {

    enum Kind {
        /** A bare name: attribute name, function name or keyword (AND, OR, NOT, BETWEEN, IN). */
        IDENTIFIER,
        /** {@code #name}. */
        NAME_PLACEHOLDER,
        /** {@code :value}. */
        VALUE_PLACEHOLDER,
        /** Digits, inside list indexes. */
        NUMBER,
        /** One of {@code ( ) [ ] , . = <> < <= > >= + -}. */
        SYMBOL,
        END
    }

    boolean is(String symbol) {
        return kind == Kind.SYMBOL && text.equals(symbol);
    }

    boolean isKeyword(String keyword) {
        return kind == Kind.IDENTIFIER && text.equalsIgnoreCase(keyword);
    }

    /** How DynamoDB names the token in syntax errors. */
    String display() {
        return kind == Kind.END ? "<EOF>" : text;
    }
}
