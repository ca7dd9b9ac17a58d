package dev.dynalog.core.expression.legacy;

import dev.dynalog.core.error.Errors;
import dev.dynalog.core.expression.Projection;
import dev.dynalog.core.expression.ast.DocumentPath;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The legacy {@code AttributesToGet} of GetItem, BatchGetItem, Query and Scan as the projection
 * it stands for. Each name is a top-level attribute taken literally: {@code a.b} names the
 * attribute "a.b", not a path.
 */
public final class AttributesToGet {
    /** The member's path in a GetItem, Query or Scan request; BatchGetItem's is per table. */
    public static final String MEMBER = "attributesToGet";

    private AttributesToGet() {
    }

    /**
     * The model constraint: at least one name. {@code memberPath} is where the list stands,
     * {@link #MEMBER} or e.g. {@code requestItems.T.member.attributesToGet} in BatchGetItem.
     *
     * <p>DynamoDB Local rejects an empty list only in GetItem and BatchGetItem, with its own
     * words ("AttributesToGet cannot be empty"); the model requires one name everywhere, and the
     * service reports that as a constraint violation, so this does.
     */
    public static List<String> constraintViolations(List<String> names, String memberPath) {
        List<String> violations = new ArrayList<>();
        if (names != null && names.isEmpty()) {
            violations.add(ConstraintViolations.tooShort(memberPath, "[]", 1));
        }
        return violations;
    }

    /**
     * The top-level paths, in request order. Duplicates are rejected with the message DynamoDB
     * Local gives in BatchGetItem and the service gives everywhere (Local's GetItem, Query and
     * Scan say "Cannot have two attributes with the same name" instead).
     */
    public static List<DocumentPath> toPaths(List<String> names, String memberPath) {
        ConstraintViolations.throwIfAny(constraintViolations(names, memberPath));
        List<DocumentPath> paths = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (name.isEmpty()) {
                throw Errors.validation("Empty attribute name");
            }
            if (!seen.add(name)) {
                throw Errors.validation("One or more parameter values were invalid: Duplicate value in attribute name: " + name);
            }
            paths.add(DocumentPath.attribute(name));
        }
        return paths;
    }

    /** The projection of GetItem, Query or Scan. */
    public static Projection toProjection(List<String> names) {
        return Projection.of(toPaths(names, MEMBER));
    }
}
