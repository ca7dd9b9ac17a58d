package dev.dynalog.core.expression;

import dev.dynalog.core.error.DynamoDbException;
import dev.dynalog.core.error.Errors;
import dev.dynalog.core.model.AttributeType;
import dev.dynalog.core.model.AttributeValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recursive-descent parser of DynamoDB's condition and projection expressions. It resolves
 * {@code #name} and {@code :value} placeholders while parsing and reports DynamoDB's errors:
 * syntax errors at once, the others (reserved words, undefined placeholders, misused functions)
 * after the whole expression parsed, in DynamoDB's order of precedence.
 *
 * <p>Grammar (keywords case-insensitive; NOT binds tighter than AND, AND than OR):
 * <pre>
 * condition  := and (OR and)*
 * and        := not (AND not)*
 * not        := NOT not | '(' condition ')' | function | comparison
 * comparison := operand (comparator operand | BETWEEN operand AND operand | IN '(' operand (',' operand)* ')')
 * operand    := '(' operand ')' | :value | size '(' path ')' | path
 * path       := element ('.' element | '[' digits ']')*      element := name | #name
 * projection := path (',' path)*
 * </pre>
 */
public final class ExpressionParser {
    private static final int MAX_EXPRESSION_BYTES = 4096;
    private static final Map<String, Integer> FUNCTION_ARITY = Map.of(
            "attribute_exists", 1, "attribute_not_exists", 1, "attribute_type", 2,
            "begins_with", 2, "contains", 2, "size", 1);
    private static final Set<String> COMPARATORS = Set.of("=", "<>", "<", "<=", ">", ">=");

    private final String text;
    private final String parameter;
    private final ExpressionAttributes attributes;
    private final List<Token> tokens;
    private int pos;
    private String reservedError;
    private String resolutionError;
    private String functionError;

    private ExpressionParser(String text, String parameter, ExpressionAttributes attributes) {
        this.text = text;
        this.parameter = parameter;
        this.attributes = attributes;
        if (text.isBlank()) {
            throw Errors.validation("Invalid " + parameter + ": The expression can not be empty;");
        }
        int size = text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (size > MAX_EXPRESSION_BYTES) {
            throw Errors.validation("Invalid " + parameter + ": Expression size has exceeded the maximum allowed size; "
                    + "expression size: " + size);
        }
        this.tokens = ExpressionLexer.tokenize(text, parameter);
        attributes.expressionParsed();
    }

    /** Parses a condition; {@code parameter} names the request member, e.g. KeyConditionExpression. */
    public static Condition parseCondition(String text, String parameter, ExpressionAttributes attributes) {
        ExpressionParser p = new ExpressionParser(text, parameter, attributes);
        Condition c = p.condition();
        p.expectEnd();
        p.throwDeferred();
        return c;
    }

    /** Parses a projection expression into its paths. */
    public static List<DocumentPath> parseProjection(String text, String parameter, ExpressionAttributes attributes) {
        ExpressionParser p = new ExpressionParser(text, parameter, attributes);
        List<DocumentPath> paths = new ArrayList<>();
        paths.add(p.path());
        while (p.peek().is(",")) {
            p.pos++;
            paths.add(p.path());
        }
        p.expectEnd();
        p.throwDeferred();
        return paths;
    }

    private Condition condition() {
        Condition left = and();
        while (peek().isKeyword("OR")) {
            pos++;
            left = new Condition.Or(left, and());
        }
        return left;
    }

    private Condition and() {
        Condition left = not();
        while (peek().isKeyword("AND")) {
            pos++;
            left = new Condition.And(left, not());
        }
        return left;
    }

    private Condition not() {
        Token t = peek();
        if (t.isKeyword("NOT")) {
            pos++;
            return new Condition.Not(not());
        }
        if (t.is("(")) {
            int mark = pos;
            try {
                pos++;
                Condition inner = condition();
                expect(")");
                return inner;
            } catch (DynamoDbException notAParenthesizedCondition) {
                pos = mark; // e.g. "(a) = :v": the parenthesis belongs to an operand
            }
        }
        if (t.kind() == Token.Kind.IDENTIFIER && peekAt(1).is("(") && !t.text().equals("size")) {
            return functionCall();
        }
        return comparison();
    }

    private Condition functionCall() {
        Token name = next();
        expect("(");
        List<Operand> args = new ArrayList<>();
        args.add(operand());
        while (peek().is(",")) {
            pos++;
            args.add(operand());
        }
        expect(")");
        checkFunction(name.text(), args);
        return new Condition.FunctionCall(name.text(), args);
    }

    private Condition comparison() {
        Operand left = operand();
        Token t = peek();
        if (t.kind() == Token.Kind.SYMBOL && COMPARATORS.contains(t.text())) {
            pos++;
            return new Condition.Comparison(t.text(), left, operand());
        }
        if (t.isKeyword("BETWEEN")) {
            pos++;
            Operand lower = operand();
            if (!peek().isKeyword("AND")) {
                throw syntaxError(parameter, text, tokens, pos);
            }
            pos++;
            Operand upper = operand();
            checkBetween(lower, upper);
            return new Condition.Between(left, lower, upper);
        }
        if (t.isKeyword("IN")) {
            pos++;
            expect("(");
            List<Operand> candidates = new ArrayList<>();
            candidates.add(operand());
            while (peek().is(",")) {
                pos++;
                candidates.add(operand());
            }
            expect(")");
            return new Condition.In(left, candidates);
        }
        throw syntaxError(parameter, text, tokens, pos);
    }

    private Operand operand() {
        Token t = peek();
        if (t.is("(")) {
            pos++;
            Operand inner = operand();
            expect(")");
            return inner;
        }
        if (t.kind() == Token.Kind.VALUE_PLACEHOLDER) {
            pos++;
            AttributeValue v = attributes.value(t.text());
            if (v == null && resolutionError == null) {
                resolutionError = "An expression attribute value used in expression is not defined; attribute value: " + t.text();
            }
            return new Operand.Value(t.text(), v);
        }
        if (t.kind() == Token.Kind.IDENTIFIER && t.text().equals("size") && peekAt(1).is("(")) {
            pos += 2;
            DocumentPath p = path();
            expect(")");
            return new Operand.Size(p);
        }
        return new Operand.Path(path());
    }

    private DocumentPath path() {
        List<Object> elements = new ArrayList<>();
        elements.add(pathElement());
        while (true) {
            Token t = peek();
            if (t.is(".")) {
                pos++;
                elements.add(pathElement());
            } else if (t.is("[")) {
                pos++;
                int at = pos;
                Token n = next();
                if (n.kind() != Token.Kind.NUMBER) {
                    throw syntaxError(parameter, text, tokens, at);
                }
                expect("]");
                elements.add(Integer.parseInt(n.text()));
            } else {
                return new DocumentPath(List.copyOf(elements));
            }
        }
    }

    private String pathElement() {
        int at = pos;
        Token t = next();
        if (t.kind() == Token.Kind.NAME_PLACEHOLDER) {
            String name = attributes.name(t.text());
            if (name == null) {
                if (resolutionError == null) {
                    resolutionError = "An expression attribute name used in the document path is not defined; attribute name: "
                            + t.text();
                }
                return t.text();
            }
            return name;
        }
        if (t.kind() == Token.Kind.IDENTIFIER && !isKeyword(t)) {
            if (reservedError == null && ReservedWords.isReserved(t.text())) {
                reservedError = "Attribute name is a reserved keyword; reserved keyword: " + t.text();
            }
            return t.text();
        }
        throw syntaxError(parameter, text, tokens, at);
    }

    private static boolean isKeyword(Token t) {
        return t.isKeyword("AND") || t.isKeyword("OR") || t.isKeyword("NOT") || t.isKeyword("BETWEEN") || t.isKeyword("IN");
    }

    private void checkFunction(String name, List<Operand> args) {
        if (functionError != null) {
            return;
        }
        Integer arity = FUNCTION_ARITY.get(name);
        if (arity == null) {
            functionError = "Invalid function name; function: " + name;
            return;
        }
        if (arity != args.size()) {
            functionError = "Incorrect number of operands for operator or function; operator or function: " + name
                    + ", number of operands: " + args.size();
            return;
        }
        if ((name.equals("attribute_exists") || name.equals("attribute_not_exists")) && !(args.get(0) instanceof Operand.Path)) {
            functionError = "Operator or function requires a document path; operator or function: " + name;
            return;
        }
        if (name.equals("begins_with")) {
            for (Operand a : args) {
                if (a instanceof Operand.Value v && v.value() != null
                        && v.value().type() != AttributeType.S && v.value().type() != AttributeType.B) {
                    functionError = "Incorrect operand type for operator or function; operator or function: begins_with, "
                            + "operand type: " + v.value().type();
                    return;
                }
            }
        }
    }

    private void checkBetween(Operand lower, Operand upper) {
        if (functionError != null || !(lower instanceof Operand.Value lo) || !(upper instanceof Operand.Value hi)
                || lo.value() == null || hi.value() == null) {
            return;
        }
        String bounds = "lower bound operand: AttributeValue: " + ScalarOrder.render(lo.value())
                + ", upper bound operand: AttributeValue: " + ScalarOrder.render(hi.value());
        if (lo.value().type() != hi.value().type()) {
            functionError = "The BETWEEN operator requires same data type for lower and upper bounds; " + bounds;
        } else if (isScalar(lo.value()) && ScalarOrder.compare(lo.value(), hi.value()) > 0) {
            functionError = "The BETWEEN operator requires upper bound to be greater than or equal to lower bound; " + bounds;
        }
    }

    private static boolean isScalar(AttributeValue v) {
        return v.type() == AttributeType.S || v.type() == AttributeType.N || v.type() == AttributeType.B;
    }

    private void throwDeferred() {
        for (String error : new String[] {reservedError, resolutionError, functionError}) {
            if (error != null) {
                throw Errors.validation("Invalid " + parameter + ": " + error);
            }
        }
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Token peekAt(int ahead) {
        return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
    }

    private Token next() {
        Token t = tokens.get(pos);
        if (t.kind() != Token.Kind.END) {
            pos++;
        }
        return t;
    }

    private void expect(String symbol) {
        if (!peek().is(symbol)) {
            throw syntaxError(parameter, text, tokens, pos);
        }
        pos++;
    }

    private void expectEnd() {
        if (peek().kind() != Token.Kind.END) {
            throw syntaxError(parameter, text, tokens, pos);
        }
    }

    /**
     * DynamoDB's syntax error: the offending token and the source text around it, from the token
     * before it to the token after it.
     */
    static DynamoDbException syntaxError(String parameter, String text, List<Token> tokens, int at) {
        Token t = tokens.get(at);
        int from = at > 0 ? tokens.get(at - 1).start() : t.start();
        int to = at + 1 < tokens.size() ? tokens.get(at + 1).end() : t.end();
        to = Math.max(to, t.end());
        String near = text.substring(Math.min(from, text.length()), Math.min(to, text.length()));
        return Errors.validation("Invalid " + parameter + ": Syntax error; token: \"" + t.display() + "\", near: \"" + near + "\"");
    }
}
