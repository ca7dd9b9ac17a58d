package dev.dynalog.core.expression;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A resolved document path: attribute names (placeholders already substituted) and list indexes,
 * e.g. {@code a.b[2].c} is [a, b, 2, c].
 */
public record DocumentPath(List<Object> elements) {

    public String head() {
        return (String) elements.get(0);
    }

    public boolean isTopLevel() {
        return elements.size() == 1;
    }

    /** True if one path is a prefix of the other (or they are equal). */
    public boolean overlaps(DocumentPath other) {
        int n = Math.min(elements.size(), other.elements.size());
        return elements.subList(0, n).equals(other.elements.subList(0, n));
    }

    /** DynamoDB's rendering in messages: [a, b, [2], c]. */
    @Override
    public String toString() {
        return elements.stream().map(e -> e instanceof Integer ? "[" + e + "]" : (String) e)
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
