package dev.dynalog.core.index;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * DynamoDB's model constraints on LocalSecondaryIndexes and GlobalSecondaryIndexes: required
 * members, name lengths and characters, enum values, list lengths, minimum capacities.
 *
 * <p>DynamoDB checks the whole request against its model before any rule of meaning and reports
 * every violation at once ("2 validation errors detected: Value 'ab' at
 * 'globalSecondaryIndexes.1.member.indexName' failed to satisfy constraint: ..."). So this class
 * returns the violations as text for the HTTP layer to add to those of the other members (its
 * RequestFields collects them), and {@link CreateTableIndexValidator} runs only on specs without
 * violations.
 *
 * <p>DynamoDB Local 2.6.1 differs: it reports a bad index name as "Invalid table/index name.
 * Table/index names must be between 3 and 255 characters long, and may contain only the
 * characters a-z, A-Z, 0-9, '_', '-', and '.'", a missing projection as "Indexes must have a
 * projection specified", an unknown projection type as "Projection type must be INCLUDE, ALL, or
 * KEYS_ONLY", and accepts an empty NonKeyAttributes list only to fail on INCLUDE. We follow
 * DynamoDB's model, as RequestFields does for TableName.
 */
public final class IndexSpecConstraints {
    private static final Pattern INDEX_NAME = Pattern.compile("[a-zA-Z0-9_.-]+");
    /** The model's bound on one projection's NonKeyAttributes (the 100 across indexes is a rule of meaning). */
    private static final int MAX_NON_KEY_ATTRIBUTES_PER_INDEX = 20;

    private IndexSpecConstraints() {
    }

    /**
     * The violations of one index list.
     *
     * @param member  the request member in lower camel case, as DynamoDB names it in messages:
     *                "localSecondaryIndexes" or "globalSecondaryIndexes"
     * @param indexes the list's elements; null elements are not expected (JSON nulls in a list
     *                are the HTTP layer's to reject)
     */
    public static List<String> violations(String member, List<IndexSpec> indexes) {
        List<String> violations = new ArrayList<>();
        for (int i = 0; i < indexes.size(); i++) {
            check(violations, member + "." + (i + 1) + ".member", indexes.get(i));
        }
        return violations;
    }

    private static void check(List<String> violations, String path, IndexSpec spec) {
        String name = spec.indexName();
        if (name == null) {
            violations.add(notNull(path + ".indexName"));
        } else {
            if (name.length() < 3) {
                violations.add(value(name, path + ".indexName", "Member must have length greater than or equal to 3"));
            }
            if (name.length() > 255) {
                violations.add(value(name, path + ".indexName", "Member must have length less than or equal to 255"));
            }
            if (!INDEX_NAME.matcher(name).matches()) {
                violations.add(value(name, path + ".indexName",
                        "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"));
            }
        }
        if (spec.keySchema() == null) {
            violations.add(notNull(path + ".keySchema"));
        } else {
            if (spec.keySchema().isEmpty()) {
                violations.add(value("[]", path + ".keySchema", "Member must have length greater than or equal to 1"));
            }
            for (int k = 0; k < spec.keySchema().size(); k++) {
                IndexSpec.KeyElement e = spec.keySchema().get(k);
                String elementPath = path + ".keySchema." + (k + 1) + ".member";
                if (e.attributeName() == null) {
                    violations.add(notNull(elementPath + ".attributeName"));
                }
                if (e.keyType() == null) {
                    violations.add(notNull(elementPath + ".keyType"));
                } else if (!e.keyType().equals("HASH") && !e.keyType().equals("RANGE")) {
                    violations.add(value(e.keyType(), elementPath + ".keyType",
                            "Member must satisfy enum value set: [HASH, RANGE]"));
                }
            }
        }
        IndexSpec.ProjectionSpec projection = spec.projection();
        if (projection == null) {
            violations.add(notNull(path + ".projection"));
        } else {
            String type = projection.projectionType();
            if (type != null && !type.equals("ALL") && !type.equals("INCLUDE") && !type.equals("KEYS_ONLY")) {
                violations.add(value(type, path + ".projection.projectionType",
                        "Member must satisfy enum value set: [ALL, INCLUDE, KEYS_ONLY]"));
            }
            List<String> nonKey = projection.nonKeyAttributes();
            if (nonKey != null && nonKey.isEmpty()) {
                violations.add(value("[]", path + ".projection.nonKeyAttributes",
                        "Member must have length greater than or equal to 1"));
            }
            if (nonKey != null && nonKey.size() > MAX_NON_KEY_ATTRIBUTES_PER_INDEX) {
                violations.add(value(nonKey.toString(), path + ".projection.nonKeyAttributes",
                        "Member must have length less than or equal to " + MAX_NON_KEY_ATTRIBUTES_PER_INDEX));
            }
        }
        IndexSpec.ThroughputSpec throughput = spec.provisionedThroughput();
        if (throughput != null) {
            capacity(violations, path + ".provisionedThroughput.readCapacityUnits", throughput.readCapacityUnits());
            capacity(violations, path + ".provisionedThroughput.writeCapacityUnits", throughput.writeCapacityUnits());
        }
    }

    private static void capacity(List<String> violations, String path, Long units) {
        if (units == null) {
            violations.add(notNull(path));
        } else if (units < 1) {
            violations.add(value(String.valueOf(units), path, "Member must have value greater than or equal to 1"));
        }
    }

    private static String notNull(String path) {
        return "Value null at '" + path + "' failed to satisfy constraint: Member must not be null";
    }

    private static String value(String value, String path, String constraint) {
        return "Value '" + value + "' at '" + path + "' failed to satisfy constraint: " + constraint;
    }
}
