package dev.dynalog.core.expression.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits an expression into tokens. It never fails: a character that starts no token becomes an
 * {@link TokenType#INVALID} token, so that the parser reports it as DynamoDB does ({@code Syntax
 * error; token: "$"}). Only ASCII letters form names; {@code é} or a leading {@code _} is invalid.
 */
final class ExpressionLexer {
    private static final Set<String> KEYWORDS =
            Set.of("AND", "OR", "NOT", "BETWEEN", "IN", "SET", "REMOVE", "ADD", "DELETE");

    private final String text;
    private int pos;

    private ExpressionLexer(String text) {
        this.text = text;
    }

    static List<Token> tokenize(String text) {
        return new ExpressionLexer(text).run();
    }

    private List<Token> run() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
            if (pos >= text.length()) {
                tokens.add(new Token(TokenType.EOF, "", text.length(), text.length()));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private Token next() {
        int start = pos;
        char c = text.charAt(pos);
        if (isLetter(c)) {
            pos++;
            skipWordChars();
            String word = text.substring(start, pos);
            TokenType type = KEYWORDS.contains(word.toUpperCase(Locale.ROOT)) ? TokenType.KEYWORD : TokenType.IDENTIFIER;
            return new Token(type, word, start, pos);
        }
        if ((c == '#' || c == ':') && pos + 1 < text.length() && isWordChar(text.charAt(pos + 1))) {
            pos++;
            skipWordChars();
            return token(c == '#' ? TokenType.NAME_REF : TokenType.VALUE_REF, start);
        }
        if (c >= '0' && c <= '9') {
            pos++;
            if (c != '0') {
                while (pos < text.length() && isDigit(text.charAt(pos))) {
                    pos++;
                }
            }
            return token(TokenType.NUMBER, start);
        }
        pos++;
        switch (c) {
            case '(': return token(TokenType.LPAREN, start);
            case ')': return token(TokenType.RPAREN, start);
            case '[': return token(TokenType.LBRACKET, start);
            case ']': return token(TokenType.RBRACKET, start);
            case ',': return token(TokenType.COMMA, start);
            case '.': return token(TokenType.DOT, start);
            case '+': return token(TokenType.PLUS, start);
            case '-': return token(TokenType.MINUS, start);
            case '=': return token(TokenType.EQ, start);
            case '<':
                if (pos < text.length() && text.charAt(pos) == '>') {
                    pos++;
                    return token(TokenType.NE, start);
                }
                if (pos < text.length() && text.charAt(pos) == '=') {
                    pos++;
                    return token(TokenType.LE, start);
                }
                return token(TokenType.LT, start);
            case '>':
                if (pos < text.length() && text.charAt(pos) == '=') {
                    pos++;
                    return token(TokenType.GE, start);
                }
                return token(TokenType.GT, start);
            default:
                // keep a surrogate pair together so the error shows the whole character
                if (Character.isHighSurrogate(c) && pos < text.length() && Character.isLowSurrogate(text.charAt(pos))) {
                    pos++;
                }
                return token(TokenType.INVALID, start);
        }
    }

    private Token token(TokenType type, int start) {
        return new Token(type, text.substring(start, pos), start, pos);
    }

    private void skipWordChars() {
        while (pos < text.length() && isWordChar(text.charAt(pos))) {
            pos++;
        }
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isWordChar(char c) {
        return isLetter(c) || isDigit(c) || c == '_';
    }
}
