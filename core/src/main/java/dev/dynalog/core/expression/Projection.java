package dev.dynalog.core.expression;

import dev.dynalog.core.expression.ast.DocumentPath;
import dev.dynalog.core.expression.ast.PathElement;
import dev.dynalog.core.expression.eval.DocumentValues;
import dev.dynalog.core.model.AttributeValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A ProjectionExpression: the document paths to keep of an item.
 *
 * <p>DynamoDB keeps the structure around a nested value: {@code a.b} yields {@code {a: {b: ..}}}.
 * List elements picked by index are gathered into a list in index order, without gaps:
 * {@code l[3], l[1]} of {@code [0,1,2,3]} yields {@code [1,3]}. Paths that lead nowhere
 * contribute nothing.
 */
public final class Projection {
    private final List<DocumentPath> paths;

    private Projection(List<DocumentPath> paths) {
        this.paths = List.copyOf(paths);
    }

    /** Parses and resolves a projection; the paths must be independent (no overlap, no conflict). */
    public static Projection parse(String projectionExpression, ExpressionAttributes attributes) {
        List<DocumentPath> parsed = ExpressionParser.parseProjection(projectionExpression);
        return new Projection(ExpressionResolver.resolvePaths(parsed, attributes, ExpressionParser.PROJECTION_EXPRESSION));
    }

    /** A projection of already resolved, independent paths (e.g. the paths an update wrote). */
    public static Projection of(List<DocumentPath> resolvedPaths) {
        return new Projection(resolvedPaths);
    }

    /** The resolved paths, in the order written. */
    public List<DocumentPath> paths() {
        return paths;
    }

    /** The top-level attributes the projection reads, e.g. to check them against an index's projection. */
    public Set<String> topLevelAttributes() {
        Set<String> names = new LinkedHashSet<>();
        for (DocumentPath p : paths) {
            names.add(p.topLevelName());
        }
        return names;
    }

    /** A new item holding only the projected parts of {@code item}. */
    public Map<String, AttributeValue> apply(Map<String, AttributeValue> item) {
        MapNode root = new MapNode();
        for (DocumentPath path : paths) {
            AttributeValue value = DocumentValues.valueAt(item, path);
            if (value != null) {
                root.insert(path.elements(), 0, value);
            }
        }
        Map<String, AttributeValue> result = new LinkedHashMap<>();
        root.children.forEach((name, node) -> result.put(name, node.toValue()));
        return result;
    }

    /**
     * The projected result under construction. Independent paths never put two values in one
     * place, and never use one position both as a map key and a list index.
     */
    private abstract static class Node {
        abstract AttributeValue toValue();

        static Node containerFor(PathElement next) {
            return next instanceof PathElement.ListIndex ? new ListNode() : new MapNode();
        }

        /** Places {@code value} at {@code elements[from..]} below this node. */
        void insert(List<PathElement> elements, int from, AttributeValue value) {
            PathElement e = elements.get(from);
            boolean last = from == elements.size() - 1;
            Node child = last ? new Leaf(value) : child(e, elements.get(from + 1));
            if (last) {
                put(e, child);
            } else {
                child.insert(elements, from + 1, value);
            }
        }

        abstract Node child(PathElement key, PathElement next);

        abstract void put(PathElement key, Node node);
    }

    private static final class MapNode extends Node {
        final Map<String, Node> children = new LinkedHashMap<>();

        @Override
        Node child(PathElement key, PathElement next) {
            return children.computeIfAbsent(((PathElement.AttributeName) key).name(), k -> containerFor(next));
        }

        @Override
        void put(PathElement key, Node node) {
            children.put(((PathElement.AttributeName) key).name(), node);
        }

        @Override
        AttributeValue toValue() {
            Map<String, AttributeValue> m = new LinkedHashMap<>();
            children.forEach((k, v) -> m.put(k, v.toValue()));
            return new AttributeValue.M(m);
        }
    }

    private static final class ListNode extends Node {
        final TreeMap<Integer, Node> children = new TreeMap<>();

        @Override
        Node child(PathElement key, PathElement next) {
            return children.computeIfAbsent(((PathElement.ListIndex) key).index(), k -> containerFor(next));
        }

        @Override
        void put(PathElement key, Node node) {
            children.put(((PathElement.ListIndex) key).index(), node);
        }

        @Override
        AttributeValue toValue() {
            List<AttributeValue> l = new ArrayList<>();
            children.values().forEach(v -> l.add(v.toValue()));
            return new AttributeValue.L(l);
        }
    }

    private static final class Leaf extends Node {
        final AttributeValue value;

        Leaf(AttributeValue value) {
            this.value = value;
        }

        @Override
        AttributeValue toValue() {
            return value;
        }

        @Override
        Node child(PathElement key, PathElement next) {
            throw new IllegalStateException("overlapping projection paths");
        }

        @Override
        void put(PathElement key, Node node) {
            throw new IllegalStateException("overlapping projection paths");
        }
    }
}
