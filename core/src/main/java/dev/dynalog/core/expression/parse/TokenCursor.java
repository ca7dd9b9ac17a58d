package dev.dynalog.core.expression.parse;

import dev.dynalog.core.error.DynamoDbException;
import dev.dynalog.core.expression.ExpressionErrors;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The parsers' shared state over one expression: the token stream, DynamoDB's syntax error
 * format, the operator budget, redundant-parenthesis detection, and errors deferred to the end
 * of the parse.
 *
 * <p>DynamoDB reports some problems only once the whole expression has parsed (a syntax error
 * later in the text wins over them): reserved words, unknown functions, list indexes out of
 * range, over-deep paths, over-long IN lists. Among those the leftmost wins. The cursor keeps
 * the leftmost and {@link #finish()} throws it.
 */
final class TokenCursor {
    private final String text;
    private final String parameterName;
    private final List<Token> tokens;
    private final Set<Long> groups = new HashSet<>();
    private int index;
    private int operators;
    private int groupDepth;
    private int deferredPosition = Integer.MAX_VALUE;
    private DynamoDbException deferred;

    private TokenCursor(String text, String parameterName) {
        this.text = text;
        this.parameterName = parameterName;
        this.tokens = ExpressionLexer.tokenize(text);
    }

    /** Checks the limits that DynamoDB applies before parsing, then tokenizes. */
    static TokenCursor open(String text, String parameterName) {
        if (text.isEmpty()) {
            throw ExpressionErrors.invalid(parameterName, "The expression can not be empty;");
        }
        if (text.length() > ExpressionLimits.MAX_EXPRESSION_LENGTH) {
            throw ExpressionErrors.invalid(parameterName,
                    "Expression size has exceeded the maximum allowed size; expression size: " + text.length());
        }
        return new TokenCursor(text, parameterName);
    }

    Token peek() {
        return tokens.get(index);
    }

    Token peek(int ahead) {
        return tokens.get(Math.min(index + ahead, tokens.size() - 1));
    }

    boolean at(TokenType type) {
        return peek().is(type);
    }

    boolean atKeyword(String keyword) {
        return peek().isKeyword(keyword);
    }

    int position() {
        return index;
    }

    Token next() {
        Token t = tokens.get(index);
        if (!t.is(TokenType.EOF)) {
            index++;
        }
        return t;
    }

    Token expect(TokenType type) {
        if (!at(type)) {
            throw syntaxError();
        }
        return next();
    }

    Token expectKeyword(String keyword) {
        if (!atKeyword(keyword)) {
            throw syntaxError();
        }
        return next();
    }

    /**
     * A syntax error at the current token. DynamoDB shows the source text from the token before
     * it to the token after it ({@code near: ":v b"}); at the end of input, from the token before
     * to the end.
     */
    DynamoDbException syntaxError() {
        Token t = peek();
        int start = index > 0 ? tokens.get(index - 1).start() : 0;
        int end;
        if (t.is(TokenType.EOF)) {
            end = text.length();
        } else {
            Token after = tokens.get(index + 1);
            end = after.is(TokenType.EOF) ? t.end() : after.end();
        }
        return invalid("Syntax error; token: \"" + t.display() + "\", near: \"" + text.substring(start, end) + "\"");
    }

    DynamoDbException invalid(String detail) {
        return ExpressionErrors.invalid(parameterName, detail);
    }

    /** Counts one operator or function; DynamoDB stops at the first one over the limit. */
    void countOperator() {
        operators++;
        if (operators > ExpressionLimits.MAX_OPERATORS) {
            throw invalid("The expression contains too many operators; operator count: " + operators);
        }
    }

    /** Remembers a problem to report after parsing, unless one further left is already known. */
    void defer(int sourcePosition, String detail) {
        if (sourcePosition < deferredPosition) {
            deferredPosition = sourcePosition;
            deferred = invalid(detail);
        }
    }

    /**
     * Called after each {@code (} that opens a group. Past {@link ExpressionLimits#MAX_GROUP_DEPTH}
     * the parse stops recursing, so that no text can exhaust the stack, and answers what
     * DynamoDB answers such a text: beyond 300 levels every further level is redundant or costs
     * an operator over the budget, so if the parentheses close it is "redundant parentheses",
     * and if they never close the parse would end at the end of input, a syntax error there.
     */
    void enterGroup() {
        if (++groupDepth <= ExpressionLimits.MAX_GROUP_DEPTH) {
            return;
        }
        int open = groupDepth;
        for (int i = index; i < tokens.size(); i++) {
            if (tokens.get(i).is(TokenType.LPAREN)) {
                open++;
            } else if (tokens.get(i).is(TokenType.RPAREN)) {
                open--;
            }
        }
        if (open > 0) {
            index = tokens.size() - 1;
            throw syntaxError();
        }
        throw invalid("The expression has redundant parentheses;");
    }

    /**
     * Records a parenthesized group by the token indexes of its parentheses. A group whose
     * contents are exactly another group, {@code ((x))}, is rejected at once, as DynamoDB does.
     */
    void closeGroup(int openIndex, int closeIndex) {
        groupDepth--;
        if (groups.contains(key(openIndex + 1, closeIndex - 1))) {
            throw invalid("The expression has redundant parentheses;");
        }
        groups.add(key(openIndex, closeIndex));
    }

    private static long key(int open, int close) {
        return ((long) open << 32) | close;
    }

    /** Requires the end of input, then reports any deferred problem. */
    void finish() {
        expect(TokenType.EOF);
        if (deferred != null) {
            throw deferred;
        }
    }
}
