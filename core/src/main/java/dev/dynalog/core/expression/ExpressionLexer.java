package dev.dynalog.core.expression;

import java.util.ArrayList;
import java.util.List;

/** Splits an expression into tokens; reports characters that start no token. */
final class ExpressionLexer {
    private ExpressionLexer() {
    }

    static List<Token> tokenize(String text, String parameter) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int start = i;
            if (c == '#' || c == ':') {
                i++;
                while (i < text.length() && isIdentifierPart(text.charAt(i))) {
                    i++;
                }
                tokens.add(new Token(c == '#' ? Token.Kind.NAME_PLACEHOLDER : Token.Kind.VALUE_PLACEHOLDER,
                        text.substring(start, i), start, i));
            } else if (Character.isLetter(c) || c == '_') {
                while (i < text.length() && isIdentifierPart(text.charAt(i))) {
                    i++;
                }
                tokens.add(new Token(Token.Kind.IDENTIFIER, text.substring(start, i), start, i));
            } else if (c >= '0' && c <= '9') {
                while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                    i++;
                }
                tokens.add(new Token(Token.Kind.NUMBER, text.substring(start, i), start, i));
            } else if ((c == '<' || c == '>') && i + 1 < text.length() && (text.charAt(i + 1) == '=' || (c == '<' && text.charAt(i + 1) == '>'))) {
                i += 2;
                tokens.add(new Token(Token.Kind.SYMBOL, text.substring(start, i), start, i));
            } else if ("()[],.=<>+-".indexOf(c) >= 0) {
                i++;
                tokens.add(new Token(Token.Kind.SYMBOL, String.valueOf(c), start, i));
            } else {
                throw ExpressionParser.syntaxError(parameter, text, List.of(new Token(Token.Kind.SYMBOL, String.valueOf(c), start, i + 1)), 0);
            }
        }
        tokens.add(new Token(Token.Kind.END, "", text.length(), text.length()));
        return tokens;
    }

    private static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
