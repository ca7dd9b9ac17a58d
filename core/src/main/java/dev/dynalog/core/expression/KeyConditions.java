package dev.dynalog.core.expression;

import dev.dynalog.core.error.Errors;
import dev.dynalog.core.expression.ast.Comparator;
import dev.dynalog.core.expression.ast.Condition;
import dev.dynalog.core.expression.ast.DocumentPath;
import dev.dynalog.core.expression.ast.Function;
import dev.dynalog.core.expression.ast.Operand;
import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.model.KeyAttribute;
import dev.dynalog.core.model.KeySchema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a KeyConditionExpression into the partition and sort-key range a Query reads, with
 * DynamoDB's restrictions: {@code =} on the partition key, at most one condition on the sort
 * key ({@code = < <= > >=}, BETWEEN, begins_with), joined by AND, values of the key's type.
 * An operand order such as {@code :v < sk} is accepted and mirrored.
 *
 * <p>DynamoDB reports unused ExpressionAttributeValues before these key-condition errors. To
 * match that order exactly a request handler parses and resolves all its expressions, calls
 * {@link ExpressionAttributes#assertAllUsed()}, then {@link #analyze}; {@link #parse} is the
 * shortcut for requests whose only expression is the key condition.
 */
public final class KeyConditions {
    private static final String PARAMETER = ExpressionParser.KEY_CONDITION_EXPRESSION;

    private KeyConditions() {
    }

    /** Parses, resolves and analyzes; does not check for unused names or values. */
    public static KeyCondition parse(String keyConditionExpression, ExpressionAttributes attributes, KeySchema schema) {
        Condition parsed = ExpressionParser.parseKeyCondition(keyConditionExpression);
        return analyze(ExpressionResolver.resolveCondition(parsed, attributes, PARAMETER), schema);
    }

    /** Analyzes a resolved key condition against the key schema of the table or index queried. */
    public static KeyCondition analyze(Condition resolved, KeySchema schema) {
        rejectUnsupportedOperators(resolved);
        List<Condition> conjuncts = new ArrayList<>();
        flattenAnd(resolved, conjuncts);
        List<Term> terms = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Condition conjunct : conjuncts) {
            Term term = term(conjunct, schema);
            if (!seen.add(term.attribute)) {
                throw Errors.validation("KeyConditionExpressions must only contain one condition per key");
            }
            terms.add(term);
        }
        if (terms.size() > 2) {
            throw Errors.validation("Conditions can be of length 1 or 2 only");
        }
        if (terms.size() == 2 && !schema.hasSortKey()) {
            throw Errors.validation("Query key condition not supported");
        }
        KeyAttribute pk = schema.partitionKey();
        Term pkTerm = null;
        Term skTerm = null;
        for (Term t : terms) {
            if (t.attribute.equals(pk.name())) {
                pkTerm = t;
            } else if (schema.sortKey().map(sk -> sk.name().equals(t.attribute)).orElse(false)) {
                skTerm = t;
            } else {
                throw missedKeySchemaElement();
            }
        }
        if (pkTerm == null) {
            throw missedKeySchemaElement();
        }
        if (pkTerm.op != SortKeyCondition.Operator.EQ) {
            throw Errors.validation("Query key condition not supported");
        }
        requireType(pkTerm.value, pk);
        if (skTerm == null) {
            return new KeyCondition(pkTerm.value, Optional.empty());
        }
        KeyAttribute sk = schema.sortKey().orElseThrow();
        requireType(skTerm.value, sk);
        if (skTerm.upper != null) {
            requireType(skTerm.upper, sk);
        }
        return new KeyCondition(pkTerm.value, Optional.of(new SortKeyCondition(skTerm.op, skTerm.value, skTerm.upper)));
    }

    /** One conjunct: the key attribute it constrains and how. */
    private record Term(String attribute, SortKeyCondition.Operator op, AttributeValue value, AttributeValue upper) {
    }

    private static void rejectUnsupportedOperators(Condition condition) {
        if (condition instanceof Condition.And and) {
            rejectUnsupportedOperators(and.left());
            rejectUnsupportedOperators(and.right());
        } else if (condition instanceof Condition.Or) {
            throw invalidOperator("OR");
        } else if (condition instanceof Condition.Not) {
            throw invalidOperator("NOT");
        } else if (condition instanceof Condition.In) {
            throw invalidOperator("IN");
        } else if (condition instanceof Condition.Comparison c && c.comparator() == Comparator.NE) {
            throw invalidOperator(c.comparator().text());
        } else if (condition instanceof Condition.FunctionCondition f && f.call().function() != Function.BEGINS_WITH) {
            throw invalidOperator(f.call().function().text());
        }
    }

    private static void flattenAnd(Condition condition, List<Condition> out) {
        if (condition instanceof Condition.And and) {
            flattenAnd(and.left(), out);
            flattenAnd(and.right(), out);
        } else {
            out.add(condition);
        }
    }

    private static Term term(Condition condition, KeySchema schema) {
        if (condition instanceof Condition.Comparison c) {
            DocumentPath path = keyPath(List.of(c.left(), c.right()), schema);
            boolean mirrored = !(c.left() instanceof DocumentPath);
            Comparator comparator = mirrored ? c.comparator().mirrored() : c.comparator();
            AttributeValue value = literal(mirrored ? c.left() : c.right());
            return new Term(path.topLevelName(), operator(comparator), value, null);
        }
        if (condition instanceof Condition.Between b) {
            DocumentPath path = keyPath(List.of(b.subject(), b.lower(), b.upper()), schema);
            if (!(b.subject() instanceof DocumentPath)) {
                throw invalidCondition("BETWEEN operator must have the key attribute as its first operand");
            }
            return new Term(path.topLevelName(), SortKeyCondition.Operator.BETWEEN, literal(b.lower()), literal(b.upper()));
        }
        List<Operand> args = ((Condition.FunctionCondition) condition).call().arguments();
        DocumentPath path = keyPath(args, schema);
        if (!(args.get(0) instanceof DocumentPath)) {
            throw invalidCondition("begins_with operator must have the key attribute as its first operand");
        }
        return new Term(path.topLevelName(), SortKeyCondition.Operator.BEGINS_WITH, literal(args.get(1)), null);
    }

    /** The one top-level attribute among a condition's operands; the others must be values. */
    private static DocumentPath keyPath(List<Operand> operands, KeySchema schema) {
        DocumentPath path = null;
        for (Operand o : operands) {
            if (o instanceof Operand.FunctionCall || o instanceof Operand.Arithmetic) {
                throw Errors.validation("KeyConditionExpressions cannot contain nested operations");
            }
        }
        for (Operand o : operands) {
            if (o instanceof DocumentPath p) {
                if (path != null) {
                    throw invalidCondition("Multiple attribute names used in one condition");
                }
                path = p;
            }
        }
        if (path == null) {
            throw invalidCondition("No key attribute specified");
        }
        if (!path.isTopLevel()) {
            String top = path.topLevelName();
            if (schema.isKeyAttribute(top)) {
                throw Errors.validation("Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: Key: " + top);
            }
            throw Errors.validation("KeyConditionExpressions cannot have conditions on nested attributes");
        }
        return path;
    }

    private static AttributeValue literal(Operand operand) {
        return ((Operand.Literal) operand).value();
    }

    private static SortKeyCondition.Operator operator(Comparator comparator) {
        return switch (comparator) {
            case EQ -> SortKeyCondition.Operator.EQ;
            case LT -> SortKeyCondition.Operator.LT;
            case LE -> SortKeyCondition.Operator.LE;
            case GT -> SortKeyCondition.Operator.GT;
            case GE -> SortKeyCondition.Operator.GE;
            case NE -> throw invalidOperator(comparator.text());
        };
    }

    private static void requireType(AttributeValue value, KeyAttribute key) {
        if (value.type() != key.type()) {
            throw Errors.validation("One or more parameter values were invalid: Condition parameter type does not match schema type");
        }
    }

    private static RuntimeException missedKeySchemaElement() {
        return Errors.validation("Query condition missed key schema element");
    }

    private static RuntimeException invalidOperator(String operator) {
        return Errors.validation("Invalid operator used in KeyConditionExpression: " + operator);
    }

    private static RuntimeException invalidCondition(String detail) {
        return Errors.validation("Invalid condition in KeyConditionExpression: " + detail);
    }
}
