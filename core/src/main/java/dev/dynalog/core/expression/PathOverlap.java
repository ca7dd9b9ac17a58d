package dev.dynalog.core.expression;

import dev.dynalog.core.expression.ast.DocumentPath;
import dev.dynalog.core.expression.ast.PathElement;
import java.util.List;

/**
 * DynamoDB's rule that the paths of one projection, or the targets of one update, must be
 * independent: none may be a prefix of another (overlap), and no two may use the same
 * position once as a map key and once as a list index (conflict).
 */
final class PathOverlap {
    private PathOverlap() {
    }

    /** Checks resolved paths in order; the earlier path of a bad pair is "path one". */
    static void requireIndependent(List<DocumentPath> paths, String parameterName) {
        for (int j = 1; j < paths.size(); j++) {
            for (int i = 0; i < j; i++) {
                check(paths.get(i), paths.get(j), parameterName);
            }
        }
    }

    private static void check(DocumentPath one, DocumentPath two, String parameterName) {
        int common = Math.min(one.elements().size(), two.elements().size());
        for (int k = 0; k < common; k++) {
            PathElement a = one.elements().get(k);
            PathElement b = two.elements().get(k);
            if (a.equals(b)) {
                continue;
            }
            if ((a instanceof PathElement.ListIndex) != (b instanceof PathElement.ListIndex)) {
                throw error("conflict", one, two, parameterName);
            }
            return;
        }
        throw error("overlap", one, two, parameterName);
    }

    private static RuntimeException error(String kind, DocumentPath one, DocumentPath two, String parameterName) {
        return ExpressionErrors.invalid(parameterName, "Two document paths " + kind
                + " with each other; must remove or rewrite one of these paths; path one: " + one + ", path two: " + two);
    }
}
