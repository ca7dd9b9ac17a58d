package dev.dynalog.connectors.dynamodb;

import dev.dynalog.core.error.Errors;
import dev.dynalog.core.expression.ConditionPaths;
import dev.dynalog.core.expression.ExpressionAttributes;
import dev.dynalog.core.expression.ExpressionParser;
import dev.dynalog.core.expression.ExpressionResolver;
import dev.dynalog.core.expression.ast.Condition;
import dev.dynalog.core.expression.ast.DocumentPath;
import dev.dynalog.core.model.KeySchema;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The FilterExpression of a Query or Scan. */
public final class ReadFilters {
    private ReadFilters() {
    }

    /** The resolved filter, or null when the request has none. */
    public static Condition parse(String filterText, ExpressionAttributes attributes) {
        if (filterText == null) {
            return null;
        }
        return ExpressionResolver.resolveCondition(
                ExpressionParser.parseCondition(filterText, ExpressionParser.FILTER_EXPRESSION),
                attributes, ExpressionParser.FILTER_EXPRESSION);
    }

    /**
     * A Query's filter may not read the key attributes: the key condition already decides them
     * (DynamoDB's rule; a Scan's filter may).
     */
    public static void requireNoKeyAttributes(Condition filter, KeySchema schema) {
        if (filter == null) {
            return;
        }
        for (DocumentPath path : ConditionPaths.of(filter)) {
            String name = path.topLevelName();
            if (!schema.isKeyAttribute(name)) {
                continue;
            }
            if (!path.isTopLevel()) {
                throw Errors.validation("Key attributes must be scalars; list random access '[]' and map lookup '.' "
                        + "are not allowed: Key: " + name);
            }
            throw Errors.validation("Filter Expression can only contain non-primary key attributes: "
                    + "Primary key attribute: " + name);
        }
    }

    /** The top-level attributes a filter names, in order of appearance; empty without a filter. */
    public static List<String> attributes(Condition filter) {
        return filter == null ? List.of()
                : ConditionPaths.of(filter).stream().map(DocumentPath::topLevelName).distinct().toList();
    }

    /**
     * The top-level attributes a read needs from each item: those of the selection and those the
     * filter names; null when it needs every attribute.
     */
    public static Set<String> needed(ItemSelection selection, Condition filter) {
        Set<String> selected = selection.neededAttributes();
        if (selected == null) {
            return null;
        }
        Set<String> needed = new HashSet<>(selected);
        if (filter != null) {
            ConditionPaths.of(filter).forEach(p -> needed.add(p.topLevelName()));
        }
        return needed;
    }
}
