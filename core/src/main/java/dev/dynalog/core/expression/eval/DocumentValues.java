package dev.dynalog.core.expression.eval;

import dev.dynalog.core.expression.ast.DocumentPath;
import dev.dynalog.core.expression.ast.PathElement;
import dev.dynalog.core.model.AttributeValue;
import java.util.List;
import java.util.Map;

/** Reads the value at a resolved document path of an item. */
public final class DocumentValues {
    private DocumentValues() {
    }

    /**
     * The value at {@code path}, or null if there is none: a missing name, an index past the end,
     * or a step into a value that is not a map (for a name) or a list (for an index).
     */
    public static AttributeValue valueAt(Map<String, AttributeValue> item, DocumentPath path) {
        return valueAt(item, path, path.elements().size());
    }

    /**
     * The value at the first {@code length} steps of {@code path} (at least one), e.g. a path's
     * parent, without building the shorter path.
     */
    public static AttributeValue valueAt(Map<String, AttributeValue> item, DocumentPath path, int length) {
        List<PathElement> elements = path.elements();
        AttributeValue current = item.get(path.topLevelName());
        for (int i = 1; i < length && current != null; i++) {
            PathElement e = elements.get(i);
            if (e instanceof PathElement.AttributeName name && current instanceof AttributeValue.M m) {
                current = m.value().get(name.name());
            } else if (e instanceof PathElement.ListIndex index && current instanceof AttributeValue.L l) {
                current = index.index() < l.value().size() ? l.value().get(index.index()) : null;
            } else {
                current = null;
            }
        }
        return current;
    }
}
