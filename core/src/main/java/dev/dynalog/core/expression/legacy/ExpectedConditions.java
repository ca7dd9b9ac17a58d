package dev.dynalog.core.expression.legacy;

import dev.dynalog.core.error.Errors;
import dev.dynalog.core.expression.ast.Comparator;
import dev.dynalog.core.expression.ast.Condition;
import dev.dynalog.core.expression.ast.DocumentPath;
import dev.dynalog.core.expression.ast.Function;
import dev.dynalog.core.expression.ast.Operand;
import dev.dynalog.core.model.AttributeValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The legacy {@code Expected} parameter of PutItem, UpdateItem and DeleteItem, with
 * {@code ConditionalOperator}, as the ConditionExpression it stands for.
 *
 * <p>An entry takes one of two forms. {@code {Value, Exists}}: a Value alone (or with Exists
 * true) is {@code a = :v}; Exists false alone is {@code attribute_not_exists(a)}.
 * {@code {ComparisonOperator, AttributeValueList}}: see {@link ComparisonOperator}; a Value may
 * stand for a one-element AttributeValueList. Entries are joined in request order.
 */
public final class ExpectedConditions {
    static final String PARAMETER = "Expected";

    /**
     * One entry as the request gives it; null members are absent. A present but empty
     * AttributeValueList is an empty list, which DynamoDB tells apart from an absent one.
     */
    public record ExpectedValue(AttributeValue value, Boolean exists, String comparisonOperator,
                                List<AttributeValue> attributeValueList) {
        public ExpectedValue {
            attributeValueList = attributeValueList == null ? null : List.copyOf(attributeValueList);
        }

        public static ExpectedValue value(AttributeValue value) {
            return new ExpectedValue(value, null, null, null);
        }

        public static ExpectedValue exists(boolean exists) {
            return new ExpectedValue(null, exists, null, null);
        }

        public static ExpectedValue compare(String comparisonOperator, AttributeValue... attributeValueList) {
            return new ExpectedValue(null, null, comparisonOperator, List.of(attributeValueList));
        }
    }

    private ExpectedConditions() {
    }

    /**
     * The model constraints DynamoDB checks before everything else: known ComparisonOperator and
     * ConditionalOperator values. {@code expected} may be null.
     */
    public static List<String> constraintViolations(Map<String, ExpectedValue> expected, String conditionalOperator) {
        List<String> violations = new ArrayList<>();
        if (expected != null) {
            expected.forEach((name, entry) -> ComparisonOperator.constraintViolation(entry.comparisonOperator(),
                    ConstraintViolations.entryMember(PARAMETER, name, "comparisonOperator"), false)
                    .ifPresent(violations::add));
        }
        ConditionalOperator.constraintViolation(conditionalOperator).ifPresent(violations::add);
        return violations;
    }

    /**
     * The resolved condition, or empty when there is none ({@code expected} null or empty, which
     * DynamoDB accepts). {@code conditionalOperator} is the request's member, null if absent.
     * Throws DynamoDB's ValidationException for the first invalid entry in request order.
     */
    public static Optional<Condition> toCondition(Map<String, ExpectedValue> expected, String conditionalOperator) {
        ConstraintViolations.throwIfAny(constraintViolations(expected, conditionalOperator));
        List<Condition> conditions = new ArrayList<>();
        if (expected != null) {
            expected.forEach((name, entry) -> conditions.add(entry(name, entry)));
        }
        ConditionalOperator.requireJoinable(conditionalOperator, conditions.size());
        if (conditions.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(ConditionalOperator.decode(conditionalOperator).join(conditions));
    }

    /** One entry, checked in the order DynamoDB checks it (DynamoDB Local 2.6.1). */
    private static Condition entry(String name, ExpectedValue e) {
        ComparisonOperator op = e.comparisonOperator() == null ? null
                : ComparisonOperator.byName(e.comparisonOperator()).orElseThrow();
        if (e.value() != null && e.attributeValueList() != null) {
            throw invalid("Value and AttributeValueList cannot be used together for Attribute: " + name);
        }
        if (e.exists() != null && op != null) {
            throw invalid("Exists and ComparisonOperator cannot be used together for Attribute: " + name);
        }
        if (e.attributeValueList() != null && op == null) {
            throw invalid("AttributeValueList can only be used with a ComparisonOperator for Attribute: " + name);
        }
        if (op != null) {
            List<AttributeValue> values = e.attributeValueList() != null ? e.attributeValueList()
                    : e.value() != null ? List.of(e.value()) : null;
            if (values == null && op.takesValues()) {
                throw invalid("Value or AttributeValueList must be used with ComparisonOperator: " + op.name()
                        + " for Attribute: " + name);
            }
            values = values == null ? List.of() : values;
            op.validate(values);
            return op.condition(name, values);
        }
        DocumentPath path = DocumentPath.attribute(name);
        if (Boolean.FALSE.equals(e.exists())) {
            if (e.value() != null) {
                throw invalid("Value cannot be used when Exists is false for Attribute: " + name);
            }
            return new Condition.FunctionCondition(
                    new Operand.FunctionCall(Function.ATTRIBUTE_NOT_EXISTS, List.of(path)));
        }
        if (e.value() == null) {
            throw invalid("Value must be provided when Exists is " + e.exists() + " for Attribute: " + name);
        }
        return new Condition.Comparison(path, Comparator.EQ, new Operand.Literal(e.value()));
    }

    private static RuntimeException invalid(String detail) {
        return Errors.validation("One or more parameter values were invalid: " + detail);
    }
}
