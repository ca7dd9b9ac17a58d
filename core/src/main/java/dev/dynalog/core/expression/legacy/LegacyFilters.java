package dev.dynalog.core.expression.legacy;

import dev.dynalog.core.error.Errors;
import dev.dynalog.core.expression.KeyCondition;
import dev.dynalog.core.expression.KeyConditions;
import dev.dynalog.core.expression.ast.Condition;
import dev.dynalog.core.model.AttributeValue;
import dev.dynalog.core.model.KeyAttribute;
import dev.dynalog.core.model.KeySchema;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The legacy read conditions: {@code ScanFilter} and {@code QueryFilter} (with
 * {@code ConditionalOperator}) as the FilterExpression they stand for, and {@code KeyConditions}
 * as the key condition {@link KeyConditions#analyze} accepts.
 *
 * <p>Each is a map from a top-level attribute name to a {@link FilterCondition}; its
 * ComparisonOperator means what it means in Expected ({@link ComparisonOperator}).
 */
public final class LegacyFilters {
    public static final String SCAN_FILTER = "ScanFilter";
    public static final String QUERY_FILTER = "QueryFilter";
    public static final String KEY_CONDITIONS = "KeyConditions";

    /** Operators DynamoDB cannot serve from the sort-key order. */
    private static final Set<ComparisonOperator> NOT_INDEXABLE = EnumSet.of(ComparisonOperator.NE,
            ComparisonOperator.IN, ComparisonOperator.CONTAINS, ComparisonOperator.NOT_CONTAINS);
    private static final Set<ComparisonOperator> EXISTENCE = EnumSet.of(ComparisonOperator.NULL,
            ComparisonOperator.NOT_NULL);

    /** One entry (the model's {@code Condition} shape); null members are absent. */
    public record FilterCondition(String comparisonOperator, List<AttributeValue> attributeValueList) {
        public FilterCondition {
            attributeValueList = attributeValueList == null ? null : List.copyOf(attributeValueList);
        }

        public static FilterCondition of(String comparisonOperator, AttributeValue... attributeValueList) {
            return new FilterCondition(comparisonOperator, List.of(attributeValueList));
        }
    }

    /** What a legacy Query reads: the key condition, and the QueryFilter if there is one. */
    public record LegacyQuery(KeyCondition keyCondition, Optional<Condition> filter) {
    }

    private LegacyFilters() {
    }

    /**
     * The model constraints of one map ({@link #SCAN_FILTER}, {@link #QUERY_FILTER} or
     * {@link #KEY_CONDITIONS}): every entry needs a known ComparisonOperator.
     */
    public static List<String> constraintViolations(String parameterName, Map<String, FilterCondition> conditions) {
        List<String> violations = new ArrayList<>();
        if (conditions != null) {
            conditions.forEach((name, c) -> ComparisonOperator.constraintViolation(c.comparisonOperator(),
                    ConstraintViolations.entryMember(parameterName, name, "comparisonOperator"), true)
                    .ifPresent(violations::add));
        }
        return violations;
    }

    /** A Scan's filter, or empty when {@code scanFilter} is null or empty. */
    public static Optional<Condition> scanFilter(Map<String, FilterCondition> scanFilter, String conditionalOperator) {
        List<String> violations = constraintViolations(SCAN_FILTER, scanFilter);
        violations.addAll(ConditionalOperator.violations(conditionalOperator));
        ConstraintViolations.throwIfAny(violations);
        List<Condition> conditions = conditions(scanFilter);
        ConditionalOperator.requireJoinable(conditionalOperator, conditions.size());
        return join(conditions, conditionalOperator);
    }

    /**
     * A legacy Query's key condition and filter, checked in DynamoDB's order: constraints, the
     * entries of both maps, ConditionalOperator, the key condition against {@code schema} (the
     * table's or the queried index's), then the filter's use of key attributes.
     */
    public static LegacyQuery query(Map<String, FilterCondition> keyConditions, Map<String, FilterCondition> queryFilter,
                                    String conditionalOperator, KeySchema schema) {
        List<String> violations = constraintViolations(KEY_CONDITIONS, keyConditions);
        violations.addAll(constraintViolations(QUERY_FILTER, queryFilter));
        violations.addAll(ConditionalOperator.violations(conditionalOperator));
        ConstraintViolations.throwIfAny(violations);
        Map<String, FilterCondition> keys = keyConditions == null ? Map.of() : keyConditions;
        List<Condition> keyTerms = conditions(keys);
        List<Condition> filterTerms = conditions(queryFilter);
        ConditionalOperator.requireJoinable(conditionalOperator, filterTerms.size());
        KeyCondition keyCondition = KeyConditions.analyze(keyCondition(keys, keyTerms, schema), schema);
        if (queryFilter != null) {
            for (String name : queryFilter.keySet()) {
                if (schema.isKeyAttribute(name)) {
                    throw Errors.validation("QueryFilter can only contain non-primary key attributes: Primary key attribute: " + name);
                }
            }
        }
        return new LegacyQuery(keyCondition, join(filterTerms, conditionalOperator));
    }

    /**
     * KeyConditions alone (DynamoDB allows them with a FilterExpression), as the condition
     * {@link KeyConditions#analyze} takes: {@code pk = :v}, joined by AND to one of
     * {@code sk = < <= > >= :v}, {@code sk BETWEEN :a AND :b}, {@code begins_with(sk, :v)}.
     */
    public static Condition keyConditions(Map<String, FilterCondition> keyConditions, KeySchema schema) {
        ConstraintViolations.throwIfAny(constraintViolations(KEY_CONDITIONS, keyConditions));
        Map<String, FilterCondition> keys = keyConditions == null ? Map.of() : keyConditions;
        return keyCondition(keys, conditions(keys), schema);
    }

    private static List<Condition> conditions(Map<String, FilterCondition> map) {
        List<Condition> conditions = new ArrayList<>();
        if (map != null) {
            map.forEach((name, c) -> {
                ComparisonOperator op = ComparisonOperator.byName(c.comparisonOperator()).orElseThrow();
                List<AttributeValue> values = c.attributeValueList() == null ? List.of() : c.attributeValueList();
                op.validate(values);
                conditions.add(op.condition(name, values));
            });
        }
        return conditions;
    }

    private static Optional<Condition> join(List<Condition> conditions, String conditionalOperator) {
        if (conditions.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(ConditionalOperator.decode(conditionalOperator).join(conditions));
    }

    /**
     * DynamoDB's checks of the key conditions' shape, in its order (DynamoDB Local 2.6.1): they
     * differ from KeyConditionExpression's in wording and in order, so they are made here and
     * {@link KeyConditions#analyze} then finds nothing left to reject. The partition key's
     * condition comes first in the result.
     */
    private static Condition keyCondition(Map<String, FilterCondition> keys, List<Condition> terms, KeySchema schema) {
        if (keys.isEmpty() || keys.size() > 2) {
            throw Errors.validation("Conditions can be of length 1 or 2 only");
        }
        if (keys.size() == 2 && !schema.hasSortKey()) {
            throw Errors.validation("Query key condition not supported");
        }
        KeyAttribute pk = schema.partitionKey();
        FilterCondition pkCondition = keys.get(pk.name());
        if (pkCondition == null) {
            throw Errors.validation("Query condition missed key schema element");
        }
        ComparisonOperator pkOp = ComparisonOperator.byName(pkCondition.comparisonOperator()).orElseThrow();
        if (EXISTENCE.contains(pkOp)) {
            throw Errors.validation("Only scalar types can be used as Hash Key values");
        }
        if (pkOp != ComparisonOperator.EQ) {
            throw Errors.validation("Query key condition not supported");
        }
        requireKeyType(pkCondition, pk);
        List<String> names = new ArrayList<>(keys.keySet());
        Condition pkTerm = terms.get(names.indexOf(pk.name()));
        if (keys.size() == 1) {
            return pkTerm;
        }
        String other = names.get(names.get(0).equals(pk.name()) ? 1 : 0);
        KeyAttribute sk = schema.sortKey().orElseThrow();
        if (!other.equals(sk.name())) {
            throw Errors.validation("Query condition missed key schema element");
        }
        FilterCondition skCondition = keys.get(other);
        ComparisonOperator skOp = ComparisonOperator.byName(skCondition.comparisonOperator()).orElseThrow();
        if (EXISTENCE.contains(skOp)) {
            throw Errors.validation("Only scalar types can be used as Range Key values");
        }
        if (NOT_INDEXABLE.contains(skOp)) {
            // DynamoDB Local answers NE on a sort key with an internal error; NE is no more
            // indexable than IN or CONTAINS, so it gets their message.
            throw Errors.validation("Attempted conditional constraint is not an indexable operation");
        }
        requireKeyType(skCondition, sk);
        return new Condition.And(pkTerm, terms.get(names.indexOf(other)));
    }

    private static void requireKeyType(FilterCondition condition, KeyAttribute key) {
        for (AttributeValue v : condition.attributeValueList()) {
            if (v.type() != key.type()) {
                throw Errors.validation("One or more parameter values were invalid: Condition parameter type does not match schema type");
            }
        }
    }
}
