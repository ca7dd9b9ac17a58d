package dev.dynalog.core.expression.parse;

import dev.dynalog.core.expression.ast.ArithmeticOperator;
import dev.dynalog.core.expression.ast.DocumentPath;
import dev.dynalog.core.expression.ast.Operand;
import dev.dynalog.core.expression.ast.UpdateAction;
import dev.dynalog.core.expression.ast.UpdateExpression;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Recursive-descent parser for update expressions:
 *
 * <pre>
 * update  := clause+
 * clause  := 'SET' set (',' set)* | 'REMOVE' path (',' path)*
 *          | 'ADD' path :value (',' path :value)* | 'DELETE' path :value (',' path :value)*
 * set     := path '=' value
 * value   := '(' value ')' | operand (('+' | '-') operand)?
 * </pre>
 *
 * One arithmetic operator per SET action: {@code a = b + c - :n} is a syntax error in DynamoDB.
 * A parenthesized plain operand may still take one, {@code (b) + :n}; a parenthesized sum may not.
 */
public final class UpdateParser {
    private static final List<String> CLAUSES = List.of("SET", "REMOVE", "ADD", "DELETE");

    private final TokenCursor cursor;
    private final OperandParser operands;

    private UpdateParser(TokenCursor cursor) {
        this.cursor = cursor;
        this.operands = new OperandParser(cursor);
    }

    public static UpdateExpression parse(String text, String parameterName) {
        TokenCursor cursor = TokenCursor.open(text, parameterName);
        UpdateExpression update = new UpdateParser(cursor).update();
        cursor.finish();
        return update;
    }

    private UpdateExpression update() {
        List<UpdateAction> actions = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        do {
            String clause = clauseKeyword();
            if (clause == null) {
                throw cursor.syntaxError();
            }
            cursor.next();
            if (!seen.add(clause)) {
                throw cursor.invalid("The \"" + clause + "\" section can only be used once in an update expression;");
            }
            actions.add(action(clause));
            while (cursor.at(TokenType.COMMA)) {
                cursor.next();
                actions.add(action(clause));
            }
        } while (!cursor.at(TokenType.EOF));
        return new UpdateExpression(actions);
    }

    private String clauseKeyword() {
        Token t = cursor.peek();
        if (!t.is(TokenType.KEYWORD)) {
            return null;
        }
        String upper = t.text().toUpperCase(Locale.ROOT);
        return CLAUSES.contains(upper) ? upper : null;
    }

    private UpdateAction action(String clause) {
        DocumentPath path = operands.path();
        return switch (clause) {
            case "SET" -> {
                cursor.expect(TokenType.EQ);
                yield new UpdateAction.Set(path, value());
            }
            case "REMOVE" -> new UpdateAction.Remove(path);
            case "ADD" -> new UpdateAction.Add(path, valueRef());
            case "DELETE" -> new UpdateAction.Delete(path, valueRef());
            default -> throw new IllegalStateException(clause);
        };
    }

    private Operand valueRef() {
        Token t = cursor.expect(TokenType.VALUE_REF);
        return new Operand.ValueRef(t.text());
    }

    private Operand value() {
        Operand left;
        if (cursor.at(TokenType.LPAREN)) {
            int open = cursor.position();
            cursor.next();
            cursor.enterGroup();
            Operand inner = value();
            int close = cursor.position();
            cursor.expect(TokenType.RPAREN);
            cursor.closeGroup(open, close);
            if (inner instanceof Operand.Arithmetic) {
                return inner;
            }
            left = inner;
        } else {
            left = operands.operand();
        }
        ArithmeticOperator op = cursor.at(TokenType.PLUS) ? ArithmeticOperator.PLUS
                : cursor.at(TokenType.MINUS) ? ArithmeticOperator.MINUS : null;
        if (op == null) {
            return left;
        }
        cursor.next();
        cursor.countOperator();
        return new Operand.Arithmetic(left, op, operands.operand());
    }
}
