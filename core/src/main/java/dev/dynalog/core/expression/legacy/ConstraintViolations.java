package dev.dynalog.core.expression.legacy;

import dev.dynalog.core.error.Errors;
import java.util.List;

/**
 * DynamoDB's request-model constraint messages ("Value 'XX' at 'scanFilter.a.member.comparisonOperator'
 * failed to satisfy constraint: ..."). DynamoDB checks these for the whole request before anything
 * else and reports them together; the public {@code constraintViolations} methods of this package
 * return them so that a request handler can merge them with its own, and the translations throw
 * them when called alone.
 */
final class ConstraintViolations {
    private ConstraintViolations() {
    }

    static String notInEnum(String memberPath, String value, String allowed) {
        return "Value '" + value + "' at '" + memberPath
                + "' failed to satisfy constraint: Member must satisfy enum value set: " + allowed;
    }

    static String isNull(String memberPath) {
        return "Value null at '" + memberPath + "' failed to satisfy constraint: Member must not be null";
    }

    static String tooShort(String memberPath, String value, int min) {
        return "Value '" + value + "' at '" + memberPath
                + "' failed to satisfy constraint: Member must have length greater than or equal to " + min;
    }

    /** The path DynamoDB names a map entry's member by: {@code scanFilter.a.member.comparisonOperator}. */
    static String entryMember(String parameterName, String key, String member) {
        return lowerCamel(parameterName) + "." + key + ".member." + member;
    }

    static String lowerCamel(String member) {
        return Character.toLowerCase(member.charAt(0)) + member.substring(1);
    }

    /** Throws DynamoDB's "N validation error(s) detected" exception if there is any violation. */
    static void throwIfAny(List<String> violations) {
        if (violations.isEmpty()) {
            return;
        }
        int n = violations.size();
        throw Errors.validation(n + " validation error" + (n == 1 ? "" : "s") + " detected: "
                + String.join("; ", violations));
    }
}
