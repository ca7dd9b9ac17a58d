package dev.dynalog.core.expression.parse;

import dev.dynalog.core.expression.ast.DocumentPath;
import dev.dynalog.core.expression.ast.Function;
import dev.dynalog.core.expression.ast.Operand;
import dev.dynalog.core.expression.ast.PathElement;
import java.util.ArrayList;
import java.util.List;

/**
 * The productions shared by every expression kind: document paths, value placeholders,
 * function calls and parenthesized operands.
 */
final class OperandParser {
    private final TokenCursor cursor;

    OperandParser(TokenCursor cursor) {
        this.cursor = cursor;
    }

    /** {@code operand := '(' operand ')' | function '(' operand (',' operand)* ')' | path | :value}. */
    Operand operand() {
        Token t = cursor.peek();
        switch (t.type()) {
            case LPAREN -> {
                int open = cursor.position();
                cursor.next();
                cursor.enterGroup();
                Operand inner = operand();
                int close = cursor.position();
                cursor.expect(TokenType.RPAREN);
                cursor.closeGroup(open, close);
                return inner;
            }
            case VALUE_REF -> {
                cursor.next();
                return new Operand.ValueRef(t.text());
            }
            case IDENTIFIER -> {
                return cursor.peek(1).is(TokenType.LPAREN) ? functionCall() : path();
            }
            case NAME_REF -> {
                return path();
            }
            default -> throw cursor.syntaxError();
        }
    }

    /** Any function, known or not: an unknown name is reported after the parse. */
    Operand.FunctionCall functionCall() {
        Token name = cursor.expect(TokenType.IDENTIFIER);
        Function function = Function.byName(name.text()).orElse(null);
        if (function == null) {
            cursor.defer(name.start(), "Invalid function name; function: " + name.text());
        }
        cursor.countOperator();
        cursor.expect(TokenType.LPAREN);
        List<Operand> args = new ArrayList<>();
        args.add(operand());
        while (cursor.at(TokenType.COMMA)) {
            cursor.next();
            args.add(operand());
        }
        cursor.expect(TokenType.RPAREN);
        // an unknown function never leaves the parser (finish() throws), so any stand-in will do
        return new Operand.FunctionCall(function == null ? Function.SIZE : function, args);
    }

    /** {@code path := name ('.' name | '[' index ']')*} where name is a bare name or {@code #placeholder}. */
    DocumentPath path() {
        Token first = cursor.peek();
        List<PathElement> elements = new ArrayList<>();
        elements.add(name());
        while (true) {
            if (cursor.at(TokenType.DOT)) {
                cursor.next();
                elements.add(name());
            } else if (cursor.at(TokenType.LBRACKET)) {
                cursor.next();
                Token number = cursor.expect(TokenType.NUMBER);
                elements.add(new PathElement.ListIndex(index(number)));
                cursor.expect(TokenType.RBRACKET);
            } else {
                break;
            }
        }
        if (elements.size() > ExpressionLimits.MAX_PATH_DEPTH) {
            cursor.defer(first.start(), "The document path has too many nesting levels; nesting levels: " + elements.size());
        }
        return new DocumentPath(elements);
    }

    private PathElement name() {
        Token t = cursor.peek();
        if (t.is(TokenType.IDENTIFIER)) {
            cursor.next();
            if (ReservedWords.isReserved(t.text())) {
                cursor.defer(t.start(), "Attribute name is a reserved keyword; reserved keyword: " + t.text());
            }
            return new PathElement.AttributeName(t.text());
        }
        if (t.is(TokenType.NAME_REF)) {
            cursor.next();
            return new PathElement.NameRef(t.text());
        }
        throw cursor.syntaxError();
    }

    private int index(Token number) {
        String digits = number.text();
        if (digits.length() > 10 || Long.parseLong(digits) > Integer.MAX_VALUE) {
            cursor.defer(number.start(), "List index is not within the allowable range; index: [" + digits + "]");
            return 0;
        }
        return Integer.parseInt(digits);
    }
}
