package dev.dynalog.core.expression;

import dev.dynalog.core.expression.ast.Comparator;
import dev.dynalog.core.expression.ast.Condition;
import dev.dynalog.core.expression.ast.DocumentPath;
import dev.dynalog.core.expression.ast.Function;
import dev.dynalog.core.expression.ast.Operand;
import dev.dynalog.core.expression.ast.PathElement;
import dev.dynalog.core.expression.ast.UpdateAction;
import dev.dynalog.core.expression.ast.UpdateExpression;
import dev.dynalog.core.model.AttributeType;
import dev.dynalog.core.model.AttributeValue;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The second step after parsing: substitutes {@code #name} and {@code :value} placeholders and
 * checks what DynamoDB checks before touching any item: where each function may stand, operand
 * counts, operand types known without an item (values and {@code size}), distinct operands,
 * BETWEEN bounds, and independent document paths.
 *
 * <p>The walk goes left to right and checks a node after its operands, so the first problem in
 * the text is the one reported, as in DynamoDB. The result has no placeholders left: paths hold
 * only {@link PathElement.AttributeName} and {@link PathElement.ListIndex}, and values are
 * {@link Operand.Literal}.
 */
public final class ExpressionResolver {
    private static final Set<AttributeType> SCALARS = EnumSet.of(AttributeType.S, AttributeType.N, AttributeType.B);
    private static final Set<AttributeType> SIZED = EnumSet.of(AttributeType.S, AttributeType.B,
            AttributeType.SS, AttributeType.NS, AttributeType.BS, AttributeType.L, AttributeType.M);
    private static final Set<AttributeType> ADDABLE = EnumSet.of(AttributeType.N,
            AttributeType.SS, AttributeType.NS, AttributeType.BS);
    private static final Set<AttributeType> DELETABLE = EnumSet.of(AttributeType.SS, AttributeType.NS, AttributeType.BS);
    /** The names DynamoDB uses for types in ADD and DELETE errors (sets never fail, so are absent). */
    private static final Map<AttributeType, String> LONG_TYPE_NAMES = Map.of(
            AttributeType.S, "STRING", AttributeType.N, "NUMBER", AttributeType.B, "BINARY",
            AttributeType.BOOL, "BOOLEAN", AttributeType.NULL, "NULL", AttributeType.M, "MAP", AttributeType.L, "LIST");
    private static final String VALID_TYPE_NAMES = "{N,BS,L,B,NULL,M,S,SS,NS,BOOL}";
    /** What DynamoDB answers when attribute_type's second operand is a path: its internal type list. */
    private static final String ATTRIBUTE_TYPE_PATH_OPERAND =
            "{L,N,BS,HDS,M,NULL,DOUBLE,BOOL,DOUBLESET,FLOAT,FS,HD,DECIMALSET,DECIMAL,S,INT,SS,INTSET,B,NS,DICT}";

    /** Where an operand stands, which decides the functions allowed there. */
    private enum Place { CONDITION, SET_VALUE, SET_NESTED, LIST_APPEND_ARGUMENT }

    private final ExpressionAttributes attributes;
    private final String parameterName;

    private ExpressionResolver(ExpressionAttributes attributes, String parameterName) {
        this.attributes = attributes;
        this.parameterName = parameterName;
    }

    public static Condition resolveCondition(Condition condition, ExpressionAttributes attributes, String parameterName) {
        return new ExpressionResolver(attributes, parameterName).condition(condition);
    }

    public static UpdateExpression resolveUpdate(UpdateExpression update, ExpressionAttributes attributes, String parameterName) {
        ExpressionResolver resolver = new ExpressionResolver(attributes, parameterName);
        List<UpdateAction> actions = new ArrayList<>();
        for (UpdateAction action : update.actions()) {
            actions.add(resolver.action(action));
        }
        PathOverlap.requireIndependent(actions.stream().map(UpdateAction::path).toList(), parameterName);
        return new UpdateExpression(actions);
    }

    /** Resolves projection paths and requires them to be independent. */
    public static List<DocumentPath> resolvePaths(List<DocumentPath> paths, ExpressionAttributes attributes, String parameterName) {
        ExpressionResolver resolver = new ExpressionResolver(attributes, parameterName);
        List<DocumentPath> resolved = paths.stream().map(resolver::path).toList();
        PathOverlap.requireIndependent(resolved, parameterName);
        return resolved;
    }

    private Condition condition(Condition condition) {
        if (condition instanceof Condition.Comparison c) {
            return comparison(c);
        }
        if (condition instanceof Condition.Between b) {
            return between(b);
        }
        if (condition instanceof Condition.In in) {
            Operand subject = operand(in.subject(), Place.CONDITION);
            List<Operand> candidates = in.candidates().stream().map(o -> operand(o, Place.CONDITION)).toList();
            requireDistinct("IN", subject, candidates);
            return new Condition.In(subject, candidates);
        }
        if (condition instanceof Condition.And and) {
            Condition left = condition(and.left());
            return new Condition.And(left, condition(and.right()));
        }
        if (condition instanceof Condition.Or or) {
            Condition left = condition(or.left());
            return new Condition.Or(left, condition(or.right()));
        }
        if (condition instanceof Condition.Not not) {
            return new Condition.Not(condition(not.condition()));
        }
        return new Condition.FunctionCondition(conditionFunction(((Condition.FunctionCondition) condition).call()));
    }

    private Condition comparison(Condition.Comparison c) {
        Operand left = operand(c.left(), Place.CONDITION);
        Operand right = operand(c.right(), Place.CONDITION);
        Comparator comparator = c.comparator();
        requireDistinct(comparator.text(), left, List.of(right));
        if (comparator.isOrdering()) {
            requireType(comparator.text(), left, SCALARS);
            requireType(comparator.text(), right, SCALARS);
        }
        return new Condition.Comparison(left, comparator, right);
    }

    private Condition between(Condition.Between b) {
        Operand subject = operand(b.subject(), Place.CONDITION);
        Operand lower = operand(b.lower(), Place.CONDITION);
        Operand upper = operand(b.upper(), Place.CONDITION);
        requireDistinct("BETWEEN", subject, List.of(lower, upper));
        requireType("BETWEEN", subject, SCALARS);
        requireType("BETWEEN", lower, SCALARS);
        requireType("BETWEEN", upper, SCALARS);
        if (lower instanceof Operand.Literal lo && upper instanceof Operand.Literal hi) {
            if (lo.value().type() != hi.value().type()) {
                throw ExpressionErrors.invalid(parameterName, "The BETWEEN operator requires same data type for lower and upper bounds; "
                        + bounds(lo.value(), hi.value()));
            }
            if (ScalarOrder.compare(lo.value(), hi.value()) > 0) {
                throw ExpressionErrors.invalid(parameterName, "The BETWEEN operator requires upper bound to be greater than or equal to lower bound; "
                        + bounds(lo.value(), hi.value()));
            }
        }
        return new Condition.Between(subject, lower, upper);
    }

    private static String bounds(AttributeValue lower, AttributeValue upper) {
        return "lower bound operand: " + ExpressionErrors.describe(lower)
                + ", upper bound operand: " + ExpressionErrors.describe(upper);
    }

    /** A function standing where a condition is expected. */
    private Operand.FunctionCall conditionFunction(Operand.FunctionCall call) {
        Function f = call.function();
        if (f.kind() != Function.Kind.CONDITION) {
            throw misplaced(f, Place.CONDITION);
        }
        List<Operand> args = arguments(call, Place.CONDITION);
        switch (f) {
            case ATTRIBUTE_EXISTS, ATTRIBUTE_NOT_EXISTS -> requirePath(f, args.get(0));
            case ATTRIBUTE_TYPE -> {
                requirePath(f, args.get(0));
                requireTypeName(args.get(1));
            }
            case BEGINS_WITH -> {
                requireDistinct(f.text(), args.get(0), args.subList(1, 2));
                requireType(f.text(), args.get(0), EnumSet.of(AttributeType.S, AttributeType.B));
                requireType(f.text(), args.get(1), EnumSet.of(AttributeType.S, AttributeType.B));
            }
            case CONTAINS -> requireDistinct(f.text(), args.get(0), args.subList(1, 2));
            default -> throw new IllegalStateException(f.name());
        }
        return new Operand.FunctionCall(f, args);
    }

    private void requireTypeName(Operand operand) {
        if (operand instanceof Operand.Literal literal) {
            if (!(literal.value() instanceof AttributeValue.S s)) {
                throw ExpressionErrors.incorrectOperandType(parameterName, Function.ATTRIBUTE_TYPE.text(), literal.value());
            }
            if (!isTypeName(s.value())) {
                throw ExpressionErrors.invalid(parameterName, "Invalid attribute type name found; type: " + s.value()
                        + ", valid types: " + VALID_TYPE_NAMES);
            }
        } else if (operand instanceof DocumentPath) {
            throw ExpressionErrors.incorrectOperandType(parameterName, Function.ATTRIBUTE_TYPE.text(), ATTRIBUTE_TYPE_PATH_OPERAND);
        } else {
            requireType(Function.ATTRIBUTE_TYPE.text(), operand, EnumSet.of(AttributeType.S));
        }
    }

    private static boolean isTypeName(String name) {
        for (AttributeType t : AttributeType.values()) {
            if (t.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private Operand operand(Operand operand, Place place) {
        if (operand instanceof DocumentPath p) {
            return path(p);
        }
        if (operand instanceof Operand.ValueRef v) {
            return new Operand.Literal(attributes.value(v.placeholder(), parameterName));
        }
        if (operand instanceof Operand.Arithmetic a) {
            Operand left = operand(a.left(), Place.SET_NESTED);
            Operand right = operand(a.right(), Place.SET_NESTED);
            requireType(a.operator().text(), left, EnumSet.of(AttributeType.N));
            requireType(a.operator().text(), right, EnumSet.of(AttributeType.N));
            return new Operand.Arithmetic(left, a.operator(), right);
        }
        if (operand instanceof Operand.FunctionCall call) {
            return valueFunction(call, place);
        }
        return operand;
    }

    /** A function standing where a value is expected. */
    private Operand valueFunction(Operand.FunctionCall call, Place place) {
        Function f = call.function();
        boolean allowed = switch (place) {
            case CONDITION -> f == Function.SIZE;
            case SET_VALUE, LIST_APPEND_ARGUMENT -> f.kind() == Function.Kind.UPDATE_OPERAND;
            case SET_NESTED -> f == Function.IF_NOT_EXISTS;
        };
        if (!allowed) {
            throw misplaced(f, place);
        }
        List<Operand> args;
        switch (f) {
            case SIZE -> {
                args = arguments(call, Place.CONDITION);
                requireType(f.text(), args.get(0), SIZED);
            }
            case IF_NOT_EXISTS -> {
                args = arguments(call, Place.SET_NESTED);
                requirePath(f, args.get(0));
            }
            case LIST_APPEND -> {
                args = arguments(call, Place.LIST_APPEND_ARGUMENT);
                requireType(f.text(), args.get(0), EnumSet.of(AttributeType.L));
                requireType(f.text(), args.get(1), EnumSet.of(AttributeType.L));
            }
            default -> throw new IllegalStateException(f.name());
        }
        return new Operand.FunctionCall(f, args);
    }

    private RuntimeException misplaced(Function f, Place place) {
        String detail;
        if (place == Place.CONDITION && f.kind() == Function.Kind.UPDATE_OPERAND) {
            detail = "The function is not allowed in a condition expression; function: ";
        } else if (place != Place.CONDITION && f.kind() != Function.Kind.UPDATE_OPERAND) {
            detail = "The function is not allowed in an update expression; function: ";
        } else {
            detail = "The function is not allowed to be used this way in an expression; function: ";
        }
        return ExpressionErrors.invalid(parameterName, detail + f.text());
    }

    private List<Operand> arguments(Operand.FunctionCall call, Place place) {
        if (call.arguments().size() != call.function().arity()) {
            throw ExpressionErrors.invalid(parameterName, "Incorrect number of operands for operator or function; operator or function: "
                    + call.function().text() + ", number of operands: " + call.arguments().size());
        }
        return call.arguments().stream().map(o -> operand(o, place)).toList();
    }

    private UpdateAction action(UpdateAction action) {
        DocumentPath path = path(action.path());
        if (action instanceof UpdateAction.Set s) {
            return new UpdateAction.Set(path, operand(s.value(), Place.SET_VALUE));
        }
        if (action instanceof UpdateAction.Add a) {
            return new UpdateAction.Add(path, setOperand("ADD", a.value(), ADDABLE));
        }
        if (action instanceof UpdateAction.Delete d) {
            return new UpdateAction.Delete(path, setOperand("DELETE", d.value(), DELETABLE));
        }
        return new UpdateAction.Remove(path);
    }

    private Operand setOperand(String clause, Operand value, Set<AttributeType> allowed) {
        Operand.Literal literal = (Operand.Literal) operand(value, Place.SET_VALUE);
        AttributeType type = literal.value().type();
        if (!allowed.contains(type)) {
            throw ExpressionErrors.invalid(parameterName, "Incorrect operand type for operator or function; operator: " + clause
                    + ", operand type: " + LONG_TYPE_NAMES.get(type) + ", typeSet: ALLOWED_FOR_" + clause + "_OPERAND");
        }
        return literal;
    }

    DocumentPath path(DocumentPath path) {
        List<PathElement> elements = new ArrayList<>(path.elements().size());
        for (PathElement e : path.elements()) {
            elements.add(e instanceof PathElement.NameRef ref
                    ? new PathElement.AttributeName(attributes.name(ref.placeholder(), parameterName))
                    : e);
        }
        return new DocumentPath(elements);
    }

    private void requirePath(Function f, Operand operand) {
        if (!(operand instanceof DocumentPath)) {
            throw ExpressionErrors.invalid(parameterName, "Operator or function requires a document path; operator or function: " + f.text());
        }
    }

    /** DynamoDB rejects comparing a path with itself: {@code a < a}, {@code contains(a, a)}. */
    private void requireDistinct(String operator, Operand first, List<Operand> others) {
        if (first instanceof DocumentPath path && others.contains(path)) {
            throw ExpressionErrors.invalid(parameterName, "The first operand must be distinct from the remaining operands for this operator or function; operator: "
                    + operator + ", first operand: " + path);
        }
    }

    /** Checks an operand whose type is known before reading an item: a value, or a function's result. */
    private void requireType(String operator, Operand operand, Set<AttributeType> allowed) {
        AttributeType type = staticType(operand);
        if (type != null && !allowed.contains(type)) {
            throw ExpressionErrors.incorrectOperandType(parameterName, operator, type.name());
        }
    }

    private static AttributeType staticType(Operand operand) {
        if (operand instanceof Operand.Literal l) {
            return l.value().type();
        }
        if (operand instanceof Operand.FunctionCall f && f.function() == Function.SIZE) {
            return AttributeType.N;
        }
        if (operand instanceof Operand.FunctionCall f && f.function() == Function.LIST_APPEND) {
            return AttributeType.L;
        }
        return null;
    }
}
