package dev.dynalog.core.expression.ast;

import java.util.List;
import java.util.stream.Collectors;

/** A path into an item: a top-level name followed by map keys and list indexes. */
public record DocumentPath(List<PathElement> elements) implements Operand {

    public DocumentPath {
        elements = List.copyOf(elements);
        if (elements.isEmpty() || elements.get(0) instanceof PathElement.ListIndex) {
            throw new IllegalArgumentException("a document path starts with a name");
        }
    }

    public static DocumentPath of(PathElement... elements) {
        return new DocumentPath(List.of(elements));
    }

    /** A top-level attribute, after resolution. */
    public static DocumentPath attribute(String name) {
        return of(new PathElement.AttributeName(name));
    }

    /** True if this path names a top-level attribute with no nesting. */
    public boolean isTopLevel() {
        return elements.size() == 1;
    }

    /** The top-level attribute name; valid after resolution. */
    public String topLevelName() {
        return ((PathElement.AttributeName) elements.get(0)).name();
    }

    /** DynamoDB's rendering in error messages, e.g. {@code [a, [1], b]}. */
    @Override
    public String toString() {
        return elements.stream().map(Object::toString).collect(Collectors.joining(", ", "[", "]"));
    }
}
