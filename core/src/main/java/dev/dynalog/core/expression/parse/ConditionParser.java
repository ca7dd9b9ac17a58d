package dev.dynalog.core.expression.parse;

import dev.dynalog.core.expression.ast.Comparator;
import dev.dynalog.core.expression.ast.Condition;
import dev.dynalog.core.expression.ast.Operand;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser for condition, filter and key-condition expressions:
 *
 * <pre>
 * condition  := or
 * or         := and ('OR' and)*
 * and        := not ('AND' not)*
 * not        := 'NOT' not | primary
 * primary    := '(' condition ')' | operand tail | function
 * tail       := comparator operand | 'BETWEEN' operand 'AND' operand | 'IN' '(' operand (',' operand)* ')'
 * </pre>
 *
 * A parenthesis may also open an operand, as in {@code (a) = :v}; the group is parsed as a
 * condition that may end in a bare operand, and the comparison continues after the {@code )}.
 */
public final class ConditionParser {
    private final TokenCursor cursor;
    private final OperandParser operands;

    private ConditionParser(TokenCursor cursor) {
        this.cursor = cursor;
        this.operands = new OperandParser(cursor);
    }

    /** Parses a whole expression; {@code parameterName} prefixes error messages. */
    public static Condition parse(String text, String parameterName) {
        TokenCursor cursor = TokenCursor.open(text, parameterName);
        Condition condition = new ConditionParser(cursor).or(false).condition();
        cursor.finish();
        return condition;
    }

    /**
     * A parse result: a condition, or a bare operand directly inside parentheses. A bare operand
     * is only produced when the next token is {@code )}, so AND, OR and NOT never receive one.
     */
    private record Term(Condition condition, Operand operand) {
        static Term of(Condition c) {
            return new Term(c, null);
        }
    }

    private Term or(boolean allowOperand) {
        Term left = and(allowOperand);
        while (cursor.atKeyword("OR")) {
            cursor.next();
            cursor.countOperator();
            left = Term.of(new Condition.Or(left.condition(), and(false).condition()));
        }
        return left;
    }

    private Term and(boolean allowOperand) {
        Term left = not(allowOperand);
        while (cursor.atKeyword("AND")) {
            cursor.next();
            cursor.countOperator();
            left = Term.of(new Condition.And(left.condition(), not(false).condition()));
        }
        return left;
    }

    private Term not(boolean allowOperand) {
        if (cursor.atKeyword("NOT")) {
            cursor.next();
            cursor.countOperator();
            return Term.of(new Condition.Not(not(false).condition()));
        }
        return primary(allowOperand);
    }

    private Term primary(boolean allowOperand) {
        if (cursor.at(TokenType.LPAREN)) {
            int open = cursor.position();
            cursor.next();
            cursor.enterGroup();
            Term inner = or(true);
            int close = cursor.position();
            cursor.expect(TokenType.RPAREN);
            cursor.closeGroup(open, close);
            if (inner.operand() != null) {
                return operandTail(inner.operand(), allowOperand);
            }
            return inner;
        }
        return operandTail(operands.operand(), allowOperand);
    }

    /** What may follow an operand: a comparison, or nothing if it is a function or ends a group. */
    private Term operandTail(Operand left, boolean allowOperand) {
        Comparator comparator = comparator(cursor.peek());
        if (comparator != null) {
            cursor.next();
            cursor.countOperator();
            return Term.of(new Condition.Comparison(left, comparator, operands.operand()));
        }
        if (cursor.atKeyword("BETWEEN")) {
            cursor.next();
            cursor.countOperator();
            Operand lower = operands.operand();
            cursor.expectKeyword("AND");
            return Term.of(new Condition.Between(left, lower, operands.operand()));
        }
        if (cursor.atKeyword("IN")) {
            Token in = cursor.next();
            cursor.countOperator();
            cursor.expect(TokenType.LPAREN);
            List<Operand> candidates = new ArrayList<>();
            candidates.add(operands.operand());
            while (cursor.at(TokenType.COMMA)) {
                cursor.next();
                candidates.add(operands.operand());
            }
            cursor.expect(TokenType.RPAREN);
            if (candidates.size() > ExpressionLimits.MAX_IN_OPERANDS) {
                cursor.defer(in.start(), "The IN operator is provided with too many operands; number of operands: "
                        + candidates.size());
            }
            return Term.of(new Condition.In(left, candidates));
        }
        if (allowOperand && cursor.at(TokenType.RPAREN)) {
            return new Term(null, left);
        }
        if (left instanceof Operand.FunctionCall call) {
            return Term.of(new Condition.FunctionCondition(call));
        }
        throw cursor.syntaxError();
    }

    private static Comparator comparator(Token t) {
        return switch (t.type()) {
            case EQ -> Comparator.EQ;
            case NE -> Comparator.NE;
            case LT -> Comparator.LT;
            case LE -> Comparator.LE;
            case GT -> Comparator.GT;
            case GE -> Comparator.GE;
            default -> null;
        };
    }
}
