package dev.dynalog.core.expression;

import dev.dynalog.core.error.Errors;
import dev.dynalog.core.model.AttributeValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A ProjectionExpression: the document paths to return. Nested paths keep their enclosing maps;
 * list elements picked by index come back as a list of those elements in index order.
 */
public final class Projection {
    private final List<DocumentPath> paths;

    private Projection(List<DocumentPath> paths) {
        this.paths = paths;
    }

    public static Projection parse(String expression, ExpressionAttributes attributes) {
        List<DocumentPath> paths = ExpressionParser.parseProjection(expression, "ProjectionExpression", attributes);
        for (int i = 0; i < paths.size(); i++) {
            for (int j = i + 1; j < paths.size(); j++) {
                if (paths.get(i).overlaps(paths.get(j))) {
                    throw Errors.validation("Invalid ProjectionExpression: Two document paths overlap with each other; "
                            + "must remove or rewrite one of these paths; path one: " + paths.get(i) + ", path two: " + paths.get(j));
                }
            }
        }
        return new Projection(List.copyOf(paths));
    }

    public List<DocumentPath> paths() {
        return paths;
    }

    /** The top-level attributes the projection reads. */
    public Set<String> topLevelAttributes() {
        Set<String> names = new LinkedHashSet<>();
        paths.forEach(p -> names.add(p.head()));
        return names;
    }

    /** A copy of the item with only the projected paths. */
    public Map<String, AttributeValue> apply(Map<String, AttributeValue> item) {
        Node root = new Node();
        for (DocumentPath path : paths) {
            AttributeValue value = new AttributeValue.M(item);
            boolean found = true;
            for (Object element : path.elements()) {
                value = step(value, element);
                if (value == null) {
                    found = false;
                    break;
                }
            }
            if (found) {
                root.put(path.elements(), 0, value);
            }
        }
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        root.fields.forEach((k, n) -> out.put(k, n.build()));
        return out;
    }

    private static AttributeValue step(AttributeValue v, Object element) {
        if (element instanceof String name && v instanceof AttributeValue.M m) {
            return m.value().get(name);
        }
        if (element instanceof Integer index && v instanceof AttributeValue.L l) {
            return index < l.value().size() ? l.value().get(index) : null;
        }
        return null;
    }

    /** The projected structure under construction: map fields or list elements by index. */
    private static final class Node {
        AttributeValue leaf;
        final Map<String, Node> fields = new LinkedHashMap<>();
        final TreeMap<Integer, Node> elements = new TreeMap<>();

        void put(List<Object> path, int at, AttributeValue value) {
            if (at == path.size()) {
                leaf = value;
                return;
            }
            Object e = path.get(at);
            Node child = e instanceof String s ? fields.computeIfAbsent(s, k -> new Node())
                    : elements.computeIfAbsent((Integer) e, k -> new Node());
            child.put(path, at + 1, value);
        }

        AttributeValue build() {
            if (leaf != null) {
                return leaf;
            }
            if (!elements.isEmpty()) {
                List<AttributeValue> list = new ArrayList<>();
                elements.values().forEach(n -> list.add(n.build()));
                return new AttributeValue.L(list);
            }
            Map<String, AttributeValue> map = new LinkedHashMap<>();
            fields.forEach((k, n) -> map.put(k, n.build()));
            return new AttributeValue.M(map);
        }
    }
}
